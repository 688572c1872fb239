/**
 * `renegotiated` is open with a new due date: it is reminded and acted on exactly like `open`.
 * `missed` is overdue and untouched for 7 days; reminders stop, but the owner may still keep,
 * renegotiate or release it (an honest late answer beats silence).
 */
export type PromiseState = 'open' | 'kept' | 'renegotiated' | 'released' | 'missed';

export interface DueChange {
  from: Date;
  to: Date;
  at: Date;
  /** Optional note to the recipient. */
  note: string | null;
}

export interface TrustPromise {
  id: string;
  workspaceId: string;
  ownerId: string;
  /** null once the recipient used forget-me. */
  recipientId: string | null;
  text: string;
  dueAt: Date;
  state: PromiseState;
  createdAt: Date;
  keptAt: Date | null;
  /** Who confirmed it kept: the owner, or the recipient. */
  keptBy: 'owner' | 'recipient' | null;
  releasedAt: Date | null;
  releaseNote: string | null;
  /** Every due-date change, oldest first. */
  dueChanges: DueChange[];
  /** Permalink to the Slack message it was made from, when made with the message shortcut. */
  sourceLink?: string;
}

export const MAX_TEXT_LENGTH = 300;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const MAX_DUE_AHEAD_MS = 365 * DAY_MS;
const MISSED_AFTER_MS = 7 * DAY_MS;
export const KEEP_RATE_WINDOW_MS = 90 * DAY_MS;

/** Still waiting for the owner to act: gets reminders and shows in lists. */
export function isActive(promise: Pick<TrustPromise, 'state'>): boolean {
  return promise.state === 'open' || promise.state === 'renegotiated';
}

// ---- making a promise -------------------------------------------------------------------------

export type NewPromiseError =
  | 'no_recipient'
  | 'self_promise'
  | 'recipient_is_bot'
  | 'recipient_deactivated'
  | 'empty_text'
  | 'text_too_long'
  | DueError;

export type DueError = 'due_in_past' | 'due_too_far';

export interface NewPromiseInput {
  ownerId: string;
  recipientId: string | null;
  recipientIsBot: boolean;
  recipientIsDeleted: boolean;
  text: string;
  dueAt: Date;
  now: Date;
}

/** Every problem at once (a modal marks each field), most fundamental first. */
export function validateNewPromise(input: NewPromiseInput): NewPromiseError[] {
  const errors: NewPromiseError[] = [];
  if (input.recipientId === null) errors.push('no_recipient');
  else if (input.recipientId === input.ownerId) errors.push('self_promise');
  else if (input.recipientIsBot) errors.push('recipient_is_bot');
  else if (input.recipientIsDeleted) errors.push('recipient_deactivated');

  const length = textLength(input.text);
  if (length === 0) errors.push('empty_text');
  else if (length > MAX_TEXT_LENGTH) errors.push('text_too_long');

  const dueError = validateDue(input.dueAt, input.now);
  if (dueError) errors.push(dueError);
  return errors;
}

/** Length as a person counts it: characters after trimming, an emoji counting once. */
function textLength(text: string): number {
  return [...text.trim()].length;
}

function validateDue(dueAt: Date, now: Date): DueError | undefined {
  if (dueAt.getTime() <= now.getTime()) return 'due_in_past';
  if (dueAt.getTime() - now.getTime() > MAX_DUE_AHEAD_MS) return 'due_too_far';
  return undefined;
}

// ---- acting on a promise ----------------------------------------------------------------------

export type TransitionError =
  | 'not_owner'
  | 'not_owner_or_recipient'
  | 'already_kept'
  | 'already_released'
  | 'due_unchanged'
  | 'note_too_long'
  | DueError;

export type Transition = { ok: true; promise: TrustPromise } | { ok: false; error: TransitionError };

/** Kept by its owner, or confirmed kept by its recipient. */
export function keep(promise: TrustPromise, actorId: string, now: Date): Transition {
  const role = roleOf(promise, actorId);
  if (role === undefined) return refuse('not_owner_or_recipient');
  const closed = closedError(promise);
  if (closed) return refuse(closed);
  return accept({ ...promise, state: 'kept', keptAt: now, keptBy: role });
}

export function renegotiate(
  promise: TrustPromise,
  actorId: string,
  change: { dueAt: Date; note: string | null; now: Date },
): Transition {
  const notAllowed = ownerActionError(promise, actorId);
  if (notAllowed) return refuse(notAllowed);
  if (change.dueAt.getTime() === promise.dueAt.getTime()) return refuse('due_unchanged');
  const dueError = validateDue(change.dueAt, change.now);
  if (dueError) return refuse(dueError);
  if (change.note !== null && textLength(change.note) > MAX_TEXT_LENGTH) return refuse('note_too_long');
  const dueChange: DueChange = { from: promise.dueAt, to: change.dueAt, at: change.now, note: change.note };
  return accept({
    ...promise,
    state: 'renegotiated',
    dueAt: change.dueAt,
    dueChanges: [...promise.dueChanges, dueChange],
  });
}

export function release(promise: TrustPromise, actorId: string, note: string | null, now: Date): Transition {
  const notAllowed = ownerActionError(promise, actorId);
  if (notAllowed) return refuse(notAllowed);
  if (note !== null && textLength(note) > MAX_TEXT_LENGTH) return refuse('note_too_long');
  return accept({ ...promise, state: 'released', releasedAt: now, releaseNote: note });
}

/** The scheduler's move: missed once 7 days overdue with no action; undefined when not (or no longer) due. */
export function markMissed(promise: TrustPromise, now: Date): TrustPromise | undefined {
  if (!isActive(promise) || now.getTime() < promise.dueAt.getTime() + MISSED_AFTER_MS) return undefined;
  return { ...promise, state: 'missed' };
}

/** Why `actorId` may not give a new date to, or release, this promise; undefined when they may. */
export function ownerActionError(promise: TrustPromise, actorId: string): TransitionError | undefined {
  if (actorId !== promise.ownerId) return 'not_owner';
  return closedError(promise);
}

function roleOf(promise: TrustPromise, actorId: string): 'owner' | 'recipient' | undefined {
  if (actorId === promise.ownerId) return 'owner';
  if (actorId === promise.recipientId) return 'recipient';
  return undefined;
}

function closedError(promise: TrustPromise): TransitionError | undefined {
  if (promise.state === 'kept') return 'already_kept';
  if (promise.state === 'released') return 'already_released';
  return undefined;
}

const accept = (promise: TrustPromise): Transition => ({ ok: true, promise });
const refuse = (error: TransitionError): Transition => ({ ok: false, error });

// ---- reminders --------------------------------------------------------------------------------

export type ReminderKind = 'midpoint' | 'day_before' | 'due' | 'overdue';

export interface ScheduledStep {
  /** A reminder to the owner, or `missed`: the state change. */
  kind: ReminderKind | 'missed';
  at: Date;
}

/** Reminders count from the last renegotiation, or from creation. */
function scheduleStart(promise: TrustPromise): Date {
  return promise.dueChanges.at(-1)?.at ?? promise.createdAt;
}

/**
 * What happens to an active promise and when, in time order: a progress nudge at the midpoint of
 * promises longer than 2 days (inform before being asked), 24 h before when there is that much
 * time, at the due time, once a day overdue, and `missed` 7 days after the due time.
 */
export function reminderSchedule(promise: TrustPromise): ScheduledStep[] {
  if (!isActive(promise)) return [];
  const start = scheduleStart(promise).getTime();
  const due = promise.dueAt.getTime();
  const span = due - start;
  const steps: ScheduledStep[] = [];
  if (span > 2 * DAY_MS) steps.push({ kind: 'midpoint', at: new Date(start + span / 2) });
  if (span > DAY_MS) steps.push({ kind: 'day_before', at: new Date(due - DAY_MS) });
  steps.push({ kind: 'due', at: new Date(due) });
  steps.push({ kind: 'overdue', at: new Date(due + DAY_MS) });
  steps.push({ kind: 'missed', at: new Date(due + MISSED_AFTER_MS) });
  return steps;
}

/**
 * What is due for an active promise at `now`: the latest step that has come (earlier ones it
 * supersedes, e.g. after downtime, are not sent), and the step after it.
 */
export function dueStep(
  promise: TrustPromise,
  now: Date,
): { step: ScheduledStep | undefined; next: ScheduledStep | undefined } {
  const steps = reminderSchedule(promise);
  return {
    step: steps.filter((s) => s.at.getTime() <= now.getTime()).at(-1),
    next: steps.find((s) => s.at.getTime() > now.getTime()),
  };
}

/**
 * A reminder more than the catch-up window late (the service was down) is skipped rather than
 * sent out of context. The overdue reminder is the exception: it stays true until the promise is
 * missed, and it is the owner's last nudge.
 */
export function isTooLateToRemind(step: ScheduledStep, now: Date, catchUpMs: number): boolean {
  return step.kind !== 'overdue' && now.getTime() - step.at.getTime() > catchUpMs;
}

// ---- keep rate --------------------------------------------------------------------------------

export interface KeepRate {
  keptOnTime: number;
  cameDue: number;
  /** keptOnTime ÷ cameDue, 0…1. */
  rate: number;
}

/**
 * Kept on time = kept by its due date, with no renegotiation made after a due date had passed
 * (renegotiating early is keeping your word; moving a deadline you already missed is not).
 */
export function isKeptOnTime(promise: TrustPromise): boolean {
  return (
    promise.state === 'kept' &&
    promise.keptAt !== null &&
    promise.keptAt.getTime() <= promise.dueAt.getTime() &&
    !promise.dueChanges.some(isLate)
  );
}

/**
 * When a promise came due, for counting: when it was kept on time, else when the first due date
 * passed without it being kept. A promise released before its due date never came due: letting
 * someone know in time is not breaking your word.
 */
export function cameDueAt(promise: TrustPromise, now: Date): Date | undefined {
  if (isKeptOnTime(promise)) return promise.keptAt ?? undefined;
  const firstMissedDue = promise.dueChanges.find(isLate)?.from ?? promise.dueAt;
  const releasedInTime =
    promise.state === 'released' && promise.releasedAt !== null && promise.releasedAt <= firstMissedDue;
  if (releasedInTime || firstMissedDue > now) return undefined;
  return firstMissedDue;
}

/** A due date moved after it had already passed. */
function isLate(change: DueChange): boolean {
  return change.at.getTime() > change.from.getTime();
}

/** Over the promises one person owns: kept on time ÷ came due in the last 90 days; null if none came due. */
export function keepRate(promises: readonly TrustPromise[], now: Date): KeepRate | null {
  const since = now.getTime() - KEEP_RATE_WINDOW_MS;
  const counted = promises.filter((promise) => {
    const at = cameDueAt(promise, now)?.getTime();
    return at !== undefined && at > since && at <= now.getTime();
  });
  if (counted.length === 0) return null;
  const keptOnTime = counted.filter(isKeptOnTime).length;
  return { keptOnTime, cameDue: counted.length, rate: keptOnTime / counted.length };
}

// ---- team counts ------------------------------------------------------------------------------

export interface TeamPromiseCounts {
  /** Made in the period. */
  made: number;
  /** Kept on time in the period. */
  keptOnTime: number;
  /** Given a new due date in the period. */
  renegotiated: number;
  /** Came due in the period and were not kept on time (overdue, missed, or kept late). */
  overdue: number;
}

/** Counts over a period [from, to) for the digest; never names anyone. */
export function countTeamPromises(
  promises: readonly TrustPromise[],
  period: { from: Date; to: Date },
  now: Date,
): TeamPromiseCounts {
  const within = (at: Date | null | undefined) =>
    at !== null && at !== undefined && at >= period.from && at < period.to && at <= now;
  return {
    made: promises.filter((p) => within(p.createdAt)).length,
    keptOnTime: promises.filter((p) => isKeptOnTime(p) && within(p.keptAt)).length,
    renegotiated: promises.filter((p) => p.dueChanges.some((change) => within(change.at))).length,
    overdue: promises.filter((p) => !isKeptOnTime(p) && within(cameDueAt(p, now))).length,
  };
}
