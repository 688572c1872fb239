// Reads a `message_action` payload ("Make this a promise") and turns the message into what the
// promise form can show: Slack's markup read out once, then decoded once.
import { z } from 'zod';
import { MAX_TEXT_LENGTH } from '../../domain/promises/promise.ts';
import { decodeSlackText, stripInvisible } from '../blocks/mrkdwn.ts';

const slackId = z.string().regex(/^[A-Z0-9]{2,40}$/);

export const messageShortcutPayload = z.object({
  type: z.literal('message_action'),
  trigger_id: z.string().min(1),
  user: z.object({ id: slackId, team_id: z.string().min(1).optional() }),
  team: z
    .object({ id: z.string().min(1), domain: z.string().optional() })
    .nullable()
    .optional(),
  channel: z.object({ id: slackId }).optional(),
  message_ts: z.string().optional(),
  message: z.object({
    ts: z.string().min(1),
    user: z.string().optional(),
    text: z.string().max(100_000).optional(),
    thread_ts: z.string().optional(),
    parent_user_id: z.string().optional(),
  }),
});

export type MessageShortcut = z.infer<typeof messageShortcutPayload>;

const personId = /^[UW][A-Z0-9]{2,40}$/;

/**
 * Whom the promise is probably to: in a thread reply, the author of the message it answers; else
 * the message's author. Never the person making the promise, never something not shaped like a
 * person's id (a bot message has none).
 */
export function suggestedRecipient(message: MessageShortcut['message'], ownerId: string): string | undefined {
  const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  const candidates = [isReply ? message.parent_user_id : undefined, message.user];
  return candidates.find((id) => id !== undefined && id !== ownerId && personId.test(id));
}

/** People mentioned as a bare `<@U…>` (no name in the markup), whose names must be looked up. */
export function mentionedUserIds(text: string): string[] {
  return [...new Set([...text.matchAll(/<@([UW][A-Z0-9]+)>/g)].map((match) => match[1] ?? ''))].filter(
    Boolean,
  );
}

export interface ReadableNames {
  /** Names of people, by id, as far as they could be found. */
  people: ReadonlyMap<string, string>;
  /** For a person whose name could not be found (no raw ids in a form). */
  someone: string;
  /** For a channel written without its name. */
  channel: string;
}

/**
 * A message's text as a person would read it, for a plain-text input: mentions as @name, channels as
 * #name, links as their label (or the address), Slack's entities decoded once, on one line, cut to
 * the length a promise may have.
 */
export function readableMessageText(text: string, names: ReadableNames): string {
  const read = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = '', label] = splitLabel(inner);
    if (/^@[UW][A-Z0-9]+$/.test(target))
      return `@${label || names.people.get(target.slice(1)) || names.someone}`;
    if (target.startsWith('#')) return `#${label || names.channel}`;
    if (target.startsWith('!subteam^')) return label || names.someone;
    if (target.startsWith('!date^')) return label ?? '';
    if (target.startsWith('!')) return `@${target.slice(1)}`;
    return label || target.replace(/^mailto:/, '');
  });
  const oneLine = stripInvisible(decodeSlackText(read)).replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_TEXT_LENGTH ? oneLine : `${cutAt(oneLine, MAX_TEXT_LENGTH - 1).trimEnd()}…`;
}

/** At most `max` UTF-16 units (what an input's max_length counts), never half a character. */
function cutAt(text: string, max: number): string {
  let cut = '';
  for (const char of text) {
    if (cut.length + char.length > max) break;
    cut += char;
  }
  return cut;
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar === -1 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

/**
 * The message's address built from the payload (workspace domain, conversation, ts), for when
 * chat.getPermalink cannot answer (a DM the app is not part of). Undefined when a part is missing.
 */
export function builtPermalink(payload: MessageShortcut): string | undefined {
  const domain = payload.team?.domain;
  const channel = payload.channel?.id;
  const { ts, thread_ts: threadTs } = payload.message;
  if (!domain || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(domain) || !channel || !/^\d+\.\d+$/.test(ts))
    return undefined;
  const base = `https://${domain}.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
  const inThread = threadTs !== undefined && threadTs !== ts && /^\d+\.\d+$/.test(threadTs);
  return inThread ? `${base}?thread_ts=${threadTs}&cid=${channel}` : base;
}

/** A link we keep with a promise: a Slack message address, nothing else (it is shown to others). */
export const messageLink = z
  .string()
  .max(300)
  .regex(
    /^https:\/\/[a-z0-9][a-z0-9.-]*\.slack\.com\/archives\/[A-Z0-9]+\/p\d+(\?thread_ts=\d+\.\d+&cid=[A-Z0-9]+)?$/,
  );
