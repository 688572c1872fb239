// Reads the arguments of `/trust promise @person <what> by <when>`.
import {
  type DueCandidate,
  type DueConvention,
  type DueDateOptions,
  parseDueDate,
} from '../../domain/promises/due-date.parser.ts';
import type { Language } from '../../domain/users/language.ts';
import { decodeSlackText } from '../blocks/mrkdwn.ts';

export type PromiseCommand =
  | {
      ok: true;
      recipientId: string;
      text: string;
      due: Date;
      hadTime: boolean;
      convention?: DueConvention;
      dueText: string;
    }
  | { ok: false; error: 'no_recipient' | 'no_due' | 'due_too_long' }
  /** The date has two readings: the person picks one before anything is saved. */
  | {
      ok: false;
      error: 'ambiguous_due';
      recipientId: string;
      text: string;
      candidates: [DueCandidate, DueCandidate];
      dueText: string;
    }
  | { ok: false; error: 'unparseable_due'; dueText: string };

/** The longest "when" read as a date, in characters as typed. */
export const MAX_DUE_TEXT_LENGTH = 100;

// Slack escapes a mention as <@U123> or <@U123|name>; W… ids are Enterprise Grid users.
const leadingMention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/;

// What separates the promise from its due date. "by" works in Norwegian too: it is the command's
// documented form, and people copy it from the help.
const separators: Record<Language, RegExp> = {
  en: /\sby\s/gi,
  nb: /\s(?:innen|by)\s/gi,
};

/**
 * `args` is the text as Slack sent it (escaped). The recipient must come first as a Slack mention,
 * read from the raw text (a typed `<@U…>` arrives as `&lt;@U…&gt;` and is no mention); the rest is
 * decoded once, so the promise and its date hold what the person typed. A plain "@name" cannot be
 * resolved and counts as no recipient. The due date is what follows the LAST separator, since dates never contain
 * "by" but promises may: "send it by email by friday" promises "send it by email". Whether the
 * text is empty or too long, and whether the date is acceptable, is the domain's call.
 */
export function parsePromiseCommand(args: string, options: DueDateOptions): PromiseCommand {
  const trimmed = args.trim();
  const mention = leadingMention.exec(trimmed);
  if (!mention?.[1]) return { ok: false, error: 'no_recipient' };
  // A leading space lets "<@U1> by friday" find its separator; the domain then reports the empty text.
  const rest = ` ${decodeSlackText(trimmed.slice(mention[0].length)).trim()}`;

  const split = [...rest.matchAll(separators[options.language])].at(-1);
  if (!split) return { ok: false, error: 'no_due' };
  const dueText = rest.slice(split.index + split[0].length).trim();
  // No date people write is this long; refusing it also spares the date parser a huge input.
  if (dueText.length > MAX_DUE_TEXT_LENGTH) return { ok: false, error: 'due_too_long' };
  const due = parseDueDate(dueText, options);
  const text = rest.slice(0, split.index).trim();
  if (!due.ok && due.reason === 'ambiguous')
    return {
      ok: false,
      error: 'ambiguous_due',
      recipientId: mention[1],
      text,
      candidates: due.candidates,
      dueText,
    };
  if (!due.ok) return { ok: false, error: 'unparseable_due', dueText };
  return {
    ok: true,
    recipientId: mention[1],
    text,
    due: due.due,
    hadTime: due.hadTime,
    ...(due.convention ? { convention: due.convention } : {}),
    dueText,
  };
}
