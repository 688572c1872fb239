// Splits `/trust …` text into a subcommand and its arguments.
import { decodeSlackText } from '../blocks/mrkdwn.ts';

export type SubcommandName =
  | 'help'
  | 'promise'
  | 'promises'
  | 'checkin'
  | 'pulse'
  | 'habits'
  | 'settings'
  | 'teamSetup'
  | 'teamSettings'
  | 'teamManagersAdd'
  | 'teamRemove'
  | 'digest'
  | 'digestPreview'
  | 'export'
  | 'forgetMe';

export type TrustCommand =
  | { kind: 'subcommand'; name: SubcommandName; args: string }
  | { kind: 'unknown'; given: string; suggestion: string | undefined }
  | { kind: 'tooLong'; length: number };

/**
 * The longest `/trust` text we act on, in characters as typed (Slack's 4,000-character guidance for
 * message text). Nothing /trust takes needs more: a promise is at most 300 characters, its date 100.
 */
export const MAX_COMMAND_TEXT_LENGTH = 4_000;

interface Grammar {
  name: SubcommandName;
  words: string[];
  takesArgs: boolean;
}

// Longest phrases first so `team managers add` wins over `team`.
const grammar: Grammar[] = [
  { name: 'teamManagersAdd', words: ['team', 'managers', 'add'], takesArgs: true },
  { name: 'teamSettings', words: ['team', 'settings'], takesArgs: false },
  { name: 'teamSetup', words: ['team', 'setup'], takesArgs: false },
  { name: 'teamRemove', words: ['team', 'remove'], takesArgs: false },
  { name: 'digestPreview', words: ['digest', 'preview'], takesArgs: false },
  { name: 'digest', words: ['digest'], takesArgs: false },
  { name: 'promises', words: ['promises'], takesArgs: false },
  { name: 'promise', words: ['promise'], takesArgs: true },
  { name: 'checkin', words: ['checkin'], takesArgs: false },
  { name: 'pulse', words: ['pulse'], takesArgs: false },
  { name: 'habits', words: ['habits'], takesArgs: false },
  { name: 'settings', words: ['settings'], takesArgs: false },
  { name: 'export', words: ['export'], takesArgs: false },
  { name: 'forgetMe', words: ['forget-me'], takesArgs: false },
  { name: 'help', words: ['help'], takesArgs: false },
];

// What people type instead of the canonical word (Norwegian, hyphenation, singular/plural).
const aliases: Record<string, string> = {
  hjelp: 'help',
  '?': 'help',
  'check-in': 'checkin',
  innsjekk: 'checkin',
  habit: 'habits',
  vaner: 'habits',
  setting: 'settings',
  innstillinger: 'settings',
  forgetme: 'forget-me',
  forget: 'forget-me',
  løfte: 'promise',
  løfter: 'promises',
  manager: 'managers',
};

export const subcommandPhrases: string[] = grammar.map((g) => g.words.join(' '));

export function parseTrustCommand(text: string): TrustCommand {
  const trimmed = text.trim();
  const typed = decodeSlackText(trimmed).length;
  if (typed > MAX_COMMAND_TEXT_LENGTH) return { kind: 'tooLong', length: typed };
  if (trimmed === '') return { kind: 'subcommand', name: 'help', args: '' };
  const tokens = trimmed.split(/\s+/);
  const words = tokens.map((t) => normaliseWord(t));

  for (const rule of grammar) {
    if (!rule.words.every((w, i) => words[i] === w)) continue;
    const rest = tokens.slice(rule.words.length).join(' ');
    if (!rule.takesArgs && rest !== '') continue;
    return { kind: 'subcommand', name: rule.name, args: restOfText(trimmed, rule.words.length) };
  }

  // Shown back to the person, so decoded; the subcommand's args stay as Slack sent them.
  const given = decodeSlackText(tokens.slice(0, 3).join(' '));
  return { kind: 'unknown', given: truncate(given, 60), suggestion: closestPhrase(words) };
}

function normaliseWord(word: string): string {
  const lower = word.toLowerCase();
  return aliases[lower] ?? lower;
}

/** The text after the first `count` words, with the user's own spacing inside it kept. */
function restOfText(text: string, count: number): string {
  let rest = text;
  for (let i = 0; i < count; i += 1) rest = rest.replace(/^\S+\s*/, '');
  return rest.trim();
}

function closestPhrase(words: string[]): string | undefined {
  let best: { phrase: string; distance: number } | undefined;
  for (const rule of grammar) {
    const candidate = words.slice(0, rule.words.length).join(' ');
    const phrase = rule.words.join(' ');
    const distance = levenshtein(candidate, phrase);
    if (!best || distance < best.distance) best = { phrase, distance };
  }
  if (!best) return undefined;
  // Only suggest what is plausibly a typo: at most a third of the phrase differs.
  return best.distance <= Math.max(1, Math.floor(best.phrase.length / 3))
    ? `/trust ${best.phrase}`
    : undefined;
}

export function levenshtein(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
