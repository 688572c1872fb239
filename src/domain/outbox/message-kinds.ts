/**
 * Every kind of message the outbox sends, with its idempotency key and whom it concerns, defined
 * once. A key format must never change: rows queued before an upgrade dedupe against the keys
 * built here (`test/unit/domain/outbox/message-kinds.test.ts` pins each one).
 */
import type { PromiseNotice } from '../promises/ports.ts';
import type { TrustPromise } from '../promises/promise.ts';

/** Replies to a person's own click or form, sent by DM after the ack. */
export type ReplyTopic =
  | 'team_settings'
  | 'checkin_pause'
  | 'checkin_time'
  | 'personal_settings'
  | 'settings_open'
  | 'export';

export type MessageKind =
  | 'checkin'
  | 'habit_nudge'
  | 'pulse_followup'
  | 'pulse_step'
  | 'pulse_result'
  | 'promise_made'
  | 'promise_renegotiated'
  | 'promise_released'
  | 'promise_kept'
  | 'promise_reminder'
  | 'channel_digest'
  | `reply_${ReplyTopic}`;

/**
 * Whom a queued message concerns, stored as columns so that forget-me and uninstall find rows by
 * column, never by the key's format. Every field is required: a kind says `null` on purpose.
 * A pulse message may name its reader (the DM is theirs anyway) but never anything about a rating.
 */
export interface MessageSubject {
  /** The person it is to or about; for a DM, always its reader. */
  personId: string | null;
  promiseId: string | null;
  teamId: string | null;
}

/** Where a message goes, under which key, and whom it concerns: everything but its content. */
export interface MessageEnvelope {
  workspaceId: string;
  kind: MessageKind;
  /** Unique per logical message; a second enqueue under the same key is a no-op. */
  idempotencyKey: string;
  /** A user id (sent as a DM) or a channel id. */
  channel: string;
  about: MessageSubject;
}

export const DIGEST_KIND = 'channel_digest' satisfies MessageKind;

// ---- keys -------------------------------------------------------------------------------------

export function checkinKey(workspaceId: string, userId: string, week: string): string {
  return `checkin:${workspaceId}:${userId}:${week}`;
}

export function habitNudgeKey(workspaceId: string, userId: string, week: string): string {
  return `habit-nudge:${workspaceId}:${userId}:${week}`;
}

/**
 * One follow-up per person and week. The person appears as a keyed hash, never as the user id, so
 * the key (kept after sending, and as a dead tuple after deletion) does not say who had not rated.
 */
export function pulseFollowupKey(workspaceId: string, personTag: string, week: string): string {
  return `pulse-followup:${workspaceId}:${personTag}:${week}`;
}

/** One workflow-step ask per round and person; the person as the follow-up's keyed hash. */
export function pulseStepKey(workspaceId: string, personTag: string, week: string, teamId: string): string {
  return `pulse-step:${workspaceId}:${teamId}:${personTag}:${week}`;
}

export function pulseResultKey(teamId: string, week: string, managerId: string): string {
  return `pulse-result:${teamId}:${week}:${managerId}`;
}

/**
 * The outbox key of a message about a promise: once per promise for made, kept and released;
 * once per new date for renegotiated; and for a reminder, once per kind and due date it is about,
 * so a new date restarts the reminders under new keys while an old one never fires twice. The
 * revision tells apart a date moved away and back again.
 */
export function promiseMessageKey(notice: PromiseNotice, promise: TrustPromise): string {
  const base = `promise:${promise.workspaceId}:${promise.id}:${notice}`;
  const revision = promise.dueChanges.length;
  if (notice === 'made' || notice === 'kept' || notice === 'released') return base;
  if (notice === 'renegotiated') return `${base}:r${revision}`;
  return `${base}:${promise.dueAt.toISOString()}:r${revision}`;
}

export function scheduledDigestKey(teamId: string, week: string): string {
  return `digest:${teamId}:${week}`;
}

/** `/trust digest`: one post per invocation (Slack does not resend commands). */
export function digestNowKey(teamId: string, invocation: string): string {
  return `digest-now:${teamId}:${invocation}`;
}

/** `interactionId`: the view id or trigger id Slack gave the one click or submission answered. */
export function replyKey(topic: ReplyTopic, workspaceId: string, interactionId: string): string {
  return `reply:${topic}:${workspaceId}:${interactionId}`;
}

// ---- envelopes --------------------------------------------------------------------------------

/** A direct message: its reader is its channel and the person it concerns. */
function directMessage(
  kind: MessageKind,
  idempotencyKey: string,
  workspaceId: string,
  readerId: string,
  also: Pick<Partial<MessageSubject>, 'promiseId' | 'teamId'> = {},
): MessageEnvelope {
  return {
    workspaceId,
    kind,
    idempotencyKey,
    channel: readerId,
    about: { personId: readerId, promiseId: also.promiseId ?? null, teamId: also.teamId ?? null },
  };
}

export function checkinEnvelope(workspaceId: string, userId: string, week: string): MessageEnvelope {
  return directMessage('checkin', checkinKey(workspaceId, userId, week), workspaceId, userId);
}

export function habitNudgeEnvelope(workspaceId: string, userId: string, week: string): MessageEnvelope {
  return directMessage('habit_nudge', habitNudgeKey(workspaceId, userId, week), workspaceId, userId);
}

/**
 * The row names its reader, as its channel does; no team: which rounds a person had not rated is
 * what the row must not add to.
 */
export function pulseFollowupEnvelope(
  workspaceId: string,
  userId: string,
  personTag: string,
  week: string,
): MessageEnvelope {
  return directMessage('pulse_followup', pulseFollowupKey(workspaceId, personTag, week), workspaceId, userId);
}

/** The ask names its team (as its key and its button do) and its reader; nothing about a rating. */
export function pulseStepEnvelope(
  workspaceId: string,
  userId: string,
  personTag: string,
  week: string,
  teamId: string,
): MessageEnvelope {
  const key = pulseStepKey(workspaceId, personTag, week, teamId);
  return directMessage('pulse_step', key, workspaceId, userId, { teamId });
}

export function pulseResultEnvelope(
  workspaceId: string,
  teamId: string,
  week: string,
  managerId: string,
): MessageEnvelope {
  return directMessage('pulse_result', pulseResultKey(teamId, week, managerId), workspaceId, managerId, {
    teamId,
  });
}

const promiseNoticeKinds = {
  made: 'promise_made',
  renegotiated: 'promise_renegotiated',
  released: 'promise_released',
  kept: 'promise_kept',
} as const satisfies Partial<Record<PromiseNotice, MessageKind>>;

export function promiseEnvelope(
  notice: PromiseNotice,
  promise: TrustPromise,
  readerId: string,
): MessageEnvelope {
  const kind = promiseNoticeKinds[notice as keyof typeof promiseNoticeKinds] ?? 'promise_reminder';
  const key = promiseMessageKey(notice, promise);
  return directMessage(kind, key, promise.workspaceId, readerId, { promiseId: promise.id });
}

/** A team's digest in its channel, under a key from `scheduledDigestKey` or `digestNowKey`. */
export function digestEnvelope(
  team: { id: string; workspaceId: string; channelId: string },
  key: string,
): MessageEnvelope {
  return {
    workspaceId: team.workspaceId,
    kind: DIGEST_KIND,
    idempotencyKey: key,
    channel: team.channelId,
    about: { personId: null, promiseId: null, teamId: team.id },
  };
}

export function replyEnvelope(
  topic: ReplyTopic,
  workspaceId: string,
  userId: string,
  interactionId: string,
): MessageEnvelope {
  return directMessage(`reply_${topic}`, replyKey(topic, workspaceId, interactionId), workspaceId, userId);
}
