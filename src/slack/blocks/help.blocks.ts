import type { KnownBlock } from '@slack/types';
import type { HelpEntry, Messages } from '../../i18n/en.ts';
import { context, divider, header, type SlackMessage, section } from './block-kit.ts';
import { codeSpan } from './mrkdwn.ts';
import type { SubcommandName } from '../parsers/trust-command.parser.ts';

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
  const blocks: KnownBlock[] = [header(m.help.title), section(m.help.intro)];
  for (const group of groups) {
    blocks.push(divider());
    blocks.push(
      section(
        [`*${group.title(m)}*`, ...group.names.map((name) => formatEntry(m.help.entries[name], m))].join(
          '\n\n',
        ),
      ),
    );
  }
  blocks.push(context(m.help.footer));
  const text = [m.help.title, m.help.intro, ...Object.values(m.help.entries).map((e) => e.usage)].join('\n');
  return { text, blocks };
}

function formatEntry(entry: HelpEntry, m: Messages): string {
  return `${codeSpan(entry.usage)}\n${entry.description}\n_${m.help.exampleLabel}:_ ${codeSpan(entry.example)}`;
}
