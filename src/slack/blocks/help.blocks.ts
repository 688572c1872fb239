import type { KnownBlock } from '@slack/types';
import type { HelpEntry, Messages } from '../../i18n/en.ts';
import { codeSpan } from './mrkdwn.ts';
import type { SubcommandName } from '../parsers/trust-command.parser.ts';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

const groups: Array<{ title: (m: Messages) => string; names: SubcommandName[] }> = [
  {
    title: (m) => m.help.everyone,
    names: ['promise', 'promises', 'checkin', 'pulse', 'habits', 'settings', 'help'],
  },
  {
    title: (m) => m.help.managers,
    names: ['teamSetup', 'teamSettings', 'teamManagersAdd', 'teamRemove', 'digest', 'digestPreview'],
  },
  { title: (m) => m.help.yourData, names: ['export', 'forgetMe'] },
];

// Help depends only on the catalogue, so each language's is built once.
const built = new WeakMap<Messages, SlackMessage>();

export function buildHelpMessage(m: Messages): SlackMessage {
  const cached = built.get(m);
  if (cached) return cached;
  const message = composeHelpMessage(m);
  built.set(m, message);
  return message;
}

function composeHelpMessage(m: Messages): SlackMessage {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: m.help.title } },
    { type: 'section', text: { type: 'mrkdwn', text: m.help.intro } },
  ];
  for (const group of groups) {
    blocks.push({ type: 'divider' });
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: [
          `*${group.title(m)}*`,
          ...group.names.map((name) => formatEntry(m.help.entries[name], m)),
        ].join('\n\n'),
      },
    });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: m.help.footer }] });
  const text = [m.help.title, m.help.intro, ...Object.values(m.help.entries).map((e) => e.usage)].join('\n');
  return { text, blocks };
}

function formatEntry(entry: HelpEntry, m: Messages): string {
  return `${codeSpan(entry.usage)}\n${entry.description}\n_${m.help.exampleLabel}:_ ${codeSpan(entry.example)}`;
}
