import type { Clock } from '../domain/clock.ts';
import type { OutgoingMessage } from '../domain/outbox/outgoing-message.ts';
import type { PromiseNotice, PromiseNotifications } from '../domain/promises/ports.ts';
import type { TrustPromise } from '../domain/promises/promise.ts';
import { promiseEnvelope } from '../domain/outbox/message-kinds.ts';
import { type Language, resolveLanguage } from '../domain/users/language.ts';
import type { UserProfile } from '../domain/users/user.ts';
import { isValidZone } from '../domain/schedule/local-time.ts';
import type { Audience } from '../i18n/format-date.ts';
import type { SlackMessage } from './blocks/block-kit.ts';
import {
  buildKeptNotice,
  buildMadeNotice,
  buildReleasedNotice,
  buildRenegotiatedNotice,
  buildReminderMessage,
} from './blocks/promise.blocks.ts';

/** Whom a message is for, without the moment: their language and IANA zone. */
export type Reader = Pick<Audience, 'language' | 'timeZone'>;

/** Looks a person up; may ask Slack, so it runs before any transaction. */
export type ReaderLookup = (workspaceId: string, userId: string) => Promise<Reader>;

/** A person as we address them; without a known profile, English and UTC. */
export function readerOf(profile: Pick<UserProfile, 'language' | 'slackLocale' | 'tz'> | undefined): Reader {
  const language: Language = resolveLanguage(profile?.language, profile?.slackLocale);
  const tz = profile?.tz;
  return { language, timeZone: tz && isValidZone(tz) ? tz : 'UTC' };
}

/** Promise DMs, rendered in the reader's language and zone, for the outbox. */
export function createPromiseNotifier(lookup: ReaderLookup, clock: Clock): PromiseNotifications {
  return {
    async prepare(notice, workspaceId, readerId) {
      const audience: Audience = { ...(await lookup(workspaceId, readerId)), now: clock.now() };
      return (promise) => [toOutgoing(notice, promise, readerId, render(notice, audience, promise))];
    },
  };
}

function render(notice: PromiseNotice, a: Audience, promise: TrustPromise): SlackMessage {
  switch (notice) {
    case 'made':
      return buildMadeNotice(a, promise);
    case 'renegotiated': {
      const change = promise.dueChanges.at(-1);
      if (!change) throw new Error('a renegotiated promise has a due change');
      return buildRenegotiatedNotice(a, promise, change);
    }
    case 'released':
      return buildReleasedNotice(a, promise);
    case 'kept':
      return buildKeptNotice(a, promise);
    default:
      return buildReminderMessage(a, promise, notice);
  }
}

function toOutgoing(
  notice: PromiseNotice,
  promise: TrustPromise,
  readerId: string,
  message: SlackMessage,
): OutgoingMessage {
  const envelope = promiseEnvelope(notice, promise, readerId);
  const reminder = envelope.kind === 'promise_reminder';
  return {
    ...envelope,
    text: message.text,
    blocks: message.blocks,
    // A late duplicate reminder is noise; a lost "you were promised something" is worse than a double.
    onAmbiguous: reminder ? 'give_up' : 'retry',
  };
}
