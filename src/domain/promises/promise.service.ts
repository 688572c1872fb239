import type { Clock } from '../clock.ts';
import type { PromiseNotifications, PromiseRepository } from './ports.ts';
import {
  countTeamPromises,
  KEEP_RATE_WINDOW_MS,
  type KeepRate,
  keep,
  keepRate,
  type NewPromiseError,
  type NewPromiseInput,
  release,
  renegotiate,
  type TeamPromiseCounts,
  type Transition,
  type TransitionError,
  type TrustPromise,
  validateNewPromise,
} from './promise.ts';

export interface PromiseServiceDeps {
  promises: PromiseRepository;
  notifications: PromiseNotifications;
  clock: Clock;
}

/** Who acts on which promise; ids come from Slack payloads and are checked here, not trusted. */
export interface PromiseAction {
  workspaceId: string;
  promiseId: string;
  actorId: string;
}

export type CreateOutcome = { ok: true; promise: TrustPromise } | { ok: false; errors: NewPromiseError[] };

export type ActionError = TransitionError | 'not_found' | 'conflict';
export type ActionOutcome = { ok: true; promise: TrustPromise } | { ok: false; error: ActionError };

export async function createPromise(
  deps: PromiseServiceDeps,
  input: Omit<NewPromiseInput, 'now'> & { workspaceId: string },
): Promise<CreateOutcome> {
  const now = deps.clock.now();
  const errors = validateNewPromise({ ...input, now });
  if (errors.length > 0 || input.recipientId === null) return { ok: false, errors };
  const promise = await deps.promises.create({
    workspaceId: input.workspaceId,
    ownerId: input.ownerId,
    recipientId: input.recipientId,
    text: input.text.trim(),
    dueAt: input.dueAt,
    createdAt: now,
  });
  await deps.notifications.tellMade(promise);
  return { ok: true, promise };
}

export async function keepPromise(deps: PromiseServiceDeps, action: PromiseAction): Promise<ActionOutcome> {
  const outcome = await act(deps, action, (promise, now) => keep(promise, action.actorId, now));
  if (outcome.ok && otherSide(outcome.promise) !== null) await deps.notifications.tellKept(outcome.promise);
  return outcome;
}

export async function renegotiatePromise(
  deps: PromiseServiceDeps,
  action: PromiseAction,
  change: { dueAt: Date; note: string | null },
): Promise<ActionOutcome> {
  const note = cleanNote(change.note);
  const outcome = await act(deps, action, (promise, now) =>
    renegotiate(promise, action.actorId, { dueAt: change.dueAt, note, now }),
  );
  const latest = outcome.ok ? outcome.promise.dueChanges.at(-1) : undefined;
  if (outcome.ok && latest && outcome.promise.recipientId !== null) {
    await deps.notifications.tellRenegotiated(outcome.promise, latest);
  }
  return outcome;
}

export async function releasePromise(
  deps: PromiseServiceDeps,
  action: PromiseAction,
  note: string | null,
): Promise<ActionOutcome> {
  const outcome = await act(deps, action, (promise, now) =>
    release(promise, action.actorId, cleanNote(note), now),
  );
  if (outcome.ok && outcome.promise.recipientId !== null)
    await deps.notifications.tellReleased(outcome.promise);
  return outcome;
}

export interface MyPromises {
  /** Open and renegotiated, soonest due first. */
  made: TrustPromise[];
  received: TrustPromise[];
  /** Over the last 90 days; only ever shown to the person themselves. */
  keepRate: KeepRate | null;
}

export async function listMyPromises(
  deps: PromiseServiceDeps,
  workspaceId: string,
  userId: string,
): Promise<MyPromises> {
  const now = deps.clock.now();
  const [active, owned] = await Promise.all([
    deps.promises.listActiveFor(workspaceId, userId),
    deps.promises.listOwnedSince(workspaceId, [userId], new Date(now.getTime() - KEEP_RATE_WINDOW_MS)),
  ]);
  const byDue = [...active].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return {
    made: byDue.filter((p) => p.ownerId === userId),
    received: byDue.filter((p) => p.recipientId === userId),
    keepRate: keepRate(owned, now),
  };
}

/** The team's promise counts for a period, e.g. last week for the digest. */
export async function teamPromiseCounts(
  deps: PromiseServiceDeps,
  workspaceId: string,
  memberIds: readonly string[],
  period: { from: Date; to: Date },
): Promise<TeamPromiseCounts> {
  const promises = await deps.promises.listOwnedSince(workspaceId, memberIds, period.from);
  return countTeamPromises(promises, period, deps.clock.now());
}

/**
 * Applies a transition with an optimistic check. When another request changed the promise first,
 * the transition is judged once more against what is stored now, so a double click on "Kept"
 * answers `already_kept` instead of keeping it twice.
 */
async function act(
  deps: PromiseServiceDeps,
  action: PromiseAction,
  transition: (promise: TrustPromise, now: Date) => Transition,
): Promise<ActionOutcome> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const current = await deps.promises.find(action.workspaceId, action.promiseId);
    if (!current) return { ok: false, error: 'not_found' };
    const result = transition(current, deps.clock.now());
    if (!result.ok) return result;
    const expected = { state: current.state, dueAt: current.dueAt };
    if (await deps.promises.saveTransition(result.promise, expected)) return result;
  }
  return { ok: false, error: 'conflict' };
}

/** The person to tell that a promise was kept: whoever did not confirm it. */
function otherSide(promise: TrustPromise): string | null {
  return promise.keptBy === 'recipient' ? promise.ownerId : promise.recipientId;
}

function cleanNote(note: string | null): string | null {
  const trimmed = note?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
