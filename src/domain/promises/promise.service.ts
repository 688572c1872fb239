import type { Clock } from '../clock.ts';
import type { DueCandidate } from './due-date.parser.ts';
import type {
  ComposeMessages,
  DueChoice,
  PromiseNotice,
  PromiseNotifications,
  PromiseRepository,
} from './ports.ts';
import {
  countTeamPromises,
  KEEP_RATE_WINDOW_MS,
  ownerActionError,
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
  input: Omit<NewPromiseInput, 'now'> & { workspaceId: string; sourceLink?: string },
): Promise<CreateOutcome> {
  const now = deps.clock.now();
  const errors = validateNewPromise({ ...input, now });
  if (errors.length > 0 || input.recipientId === null) return { ok: false, errors };
  const tellRecipient = await deps.notifications.prepare('made', input.workspaceId, input.recipientId);
  const promise = await deps.promises.create(
    {
      workspaceId: input.workspaceId,
      ownerId: input.ownerId,
      recipientId: input.recipientId,
      text: input.text.trim(),
      dueAt: input.dueAt,
      createdAt: now,
      ...(input.sourceLink === undefined ? {} : { sourceLink: input.sourceLink }),
    },
    tellRecipient,
  );
  return { ok: true, promise };
}

/** How long the buttons of a due-date question stay good: after that, the person types it again. */
export const DUE_CHOICE_TTL_MS = 24 * 60 * 60 * 1000;

export type OfferOutcome =
  | { ok: true; choiceId: string; candidates: DueCandidate[] }
  | { ok: false; errors: NewPromiseError[] };

/**
 * A promise whose words could mean two due instants: checked like a new promise (the recipient
 * and the text now, each instant when it is picked) and kept aside until its owner picks one.
 * Nothing is created and no one is told yet.
 */
export async function offerDueChoice(
  deps: PromiseServiceDeps,
  input: Omit<NewPromiseInput, 'now' | 'dueAt'> & { workspaceId: string; candidates: DueCandidate[] },
): Promise<OfferOutcome> {
  const now = deps.clock.now();
  const byCandidate = input.candidates.map((c) => validateNewPromise({ ...input, dueAt: c.due, now }));
  const notAboutDue = (byCandidate[0] ?? []).filter((e) => e !== 'due_in_past' && e !== 'due_too_far');
  if (notAboutDue.length > 0 || input.recipientId === null) return { ok: false, errors: notAboutDue };
  // Only instants that could be saved are offered; none left is the first one's problem.
  const candidates = input.candidates.filter((_, i) => byCandidate[i]?.length === 0);
  if (candidates.length === 0) return { ok: false, errors: byCandidate[0] ?? [] };
  const choiceId = await deps.promises.saveDueChoice({
    workspaceId: input.workspaceId,
    ownerId: input.ownerId,
    recipientId: input.recipientId,
    text: input.text.trim(),
    candidates,
    createdAt: now,
  });
  return { ok: true, choiceId, candidates };
}

export type ChoiceError = 'choice_not_found' | 'choice_expired' | 'already_chosen';

/** The due-date question a click answers, if it is the clicker's own and still open. */
export async function findDueChoice(
  deps: Pick<PromiseServiceDeps, 'promises' | 'clock'>,
  action: { workspaceId: string; choiceId: string; actorId: string },
): Promise<{ ok: true; choice: DueChoice } | { ok: false; error: ChoiceError }> {
  const choice = await deps.promises.findDueChoice(action.workspaceId, action.choiceId);
  if (!choice || choice.ownerId !== action.actorId) return { ok: false, error: 'choice_not_found' };
  if (choice.chosenAt) return { ok: false, error: 'already_chosen' };
  if (deps.clock.now().getTime() - choice.createdAt.getTime() > DUE_CHOICE_TTL_MS)
    return { ok: false, error: 'choice_expired' };
  return { ok: true, choice };
}

/**
 * Creates the promise with the instant its owner picked, once: a second click (or the other
 * button) finds it chosen. The instant is checked again, as time has passed since it was offered.
 */
export async function createChosenPromise(
  deps: PromiseServiceDeps,
  input: {
    choice: DueChoice;
    index: number;
    recipientIsBot: boolean;
    recipientIsDeleted: boolean;
    recipientId: string | null;
  },
): Promise<
  | { ok: true; promise: TrustPromise; picked: DueCandidate }
  | { ok: false; errors: Array<NewPromiseError | ChoiceError> }
> {
  const { choice } = input;
  const picked = choice.candidates[input.index];
  if (!picked) return { ok: false, errors: ['choice_not_found'] };
  const now = deps.clock.now();
  const errors = validateNewPromise({
    ownerId: choice.ownerId,
    recipientId: input.recipientId,
    recipientIsBot: input.recipientIsBot,
    recipientIsDeleted: input.recipientIsDeleted,
    text: choice.text,
    dueAt: picked.due,
    now,
  });
  if (errors.length > 0 || input.recipientId === null) return { ok: false, errors };
  const tellRecipient = await deps.notifications.prepare('made', choice.workspaceId, input.recipientId);
  const promise = await deps.promises.createFromChoice(
    choice.id,
    {
      workspaceId: choice.workspaceId,
      ownerId: choice.ownerId,
      recipientId: input.recipientId,
      text: choice.text,
      dueAt: picked.due,
      createdAt: now,
    },
    tellRecipient,
  );
  return promise ? { ok: true, promise, picked } : { ok: false, errors: ['already_chosen'] };
}

export async function keepPromise(deps: PromiseServiceDeps, action: PromiseAction): Promise<ActionOutcome> {
  return act(deps, action, 'kept', (promise, now) => keep(promise, action.actorId, now));
}

export async function renegotiatePromise(
  deps: PromiseServiceDeps,
  action: PromiseAction,
  change: { dueAt: Date; note: string | null },
): Promise<ActionOutcome> {
  const note = cleanNote(change.note);
  return act(deps, action, 'renegotiated', (promise, now) =>
    renegotiate(promise, action.actorId, { dueAt: change.dueAt, note, now }),
  );
}

export async function releasePromise(
  deps: PromiseServiceDeps,
  action: PromiseAction,
  note: string | null,
): Promise<ActionOutcome> {
  return act(deps, action, 'released', (promise, now) =>
    release(promise, action.actorId, cleanNote(note), now),
  );
}

/**
 * The promise its owner wants to give a new date or release, before the modal opens: anyone
 * else, or a closed promise, is refused now rather than after filling in the form.
 */
export async function findForOwnerAction(
  deps: Pick<PromiseServiceDeps, 'promises'>,
  action: PromiseAction,
): Promise<ActionOutcome> {
  const promise = await deps.promises.find(action.workspaceId, action.promiseId);
  if (!promise) return { ok: false, error: 'not_found' };
  const error = ownerActionError(promise, action.actorId);
  return error ? { ok: false, error } : { ok: true, promise };
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
  deps: Pick<PromiseServiceDeps, 'promises' | 'clock'>,
  workspaceId: string,
  memberIds: readonly string[],
  period: { from: Date; to: Date },
): Promise<TeamPromiseCounts> {
  const promises = await deps.promises.listOwnedSince(workspaceId, memberIds, period.from);
  return countTeamPromises(promises, period, deps.clock.now());
}

/**
 * Applies a transition with an optimistic check, together with the message to the other person.
 * When another request changed the promise first, the transition is judged once more against
 * what is stored now, so a double click on "Kept" answers `already_kept` instead of keeping it
 * (and telling) twice.
 */
async function act(
  deps: PromiseServiceDeps,
  action: PromiseAction,
  notice: PromiseNotice,
  transition: (promise: TrustPromise, now: Date) => Transition,
): Promise<ActionOutcome> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const current = await deps.promises.find(action.workspaceId, action.promiseId);
    if (!current) return { ok: false, error: 'not_found' };
    const result = transition(current, deps.clock.now());
    if (!result.ok) return result;
    const reader = whoToTell(result.promise);
    const messages: ComposeMessages =
      reader === null ? () => [] : await deps.notifications.prepare(notice, action.workspaceId, reader);
    const expected = { state: current.state, dueAt: current.dueAt };
    if (await deps.promises.saveTransition(result.promise, expected, messages)) return result;
  }
  return { ok: false, error: 'conflict' };
}

/**
 * Who hears about a change: the recipient (null once they used forget-me), except that an owner
 * hears when the recipient confirmed it kept.
 */
function whoToTell(promise: TrustPromise): string | null {
  return promise.keptBy === 'recipient' ? promise.ownerId : promise.recipientId;
}

function cleanNote(note: string | null): string | null {
  const trimmed = note?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** Open promises due before `until` (overdue ones included), made and received, soonest first. */
export async function listMyPromisesDueBy(
  deps: { promises: Pick<PromiseRepository, 'listActiveFor'> },
  workspaceId: string,
  userId: string,
  until: Date,
): Promise<Pick<MyPromises, 'made' | 'received'>> {
  const due = (await deps.promises.listActiveFor(workspaceId, userId))
    .filter((p) => p.dueAt.getTime() < until.getTime())
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return {
    made: due.filter((p) => p.ownerId === userId),
    received: due.filter((p) => p.recipientId === userId),
  };
}
