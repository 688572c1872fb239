import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import type { DueCandidate } from './due-date.parser.ts';
import type { PromiseState, ReminderKind, ScheduledStep, TrustPromise } from './promise.ts';

export interface NewPromiseRecord {
  workspaceId: string;
  ownerId: string;
  recipientId: string;
  text: string;
  dueAt: Date;
  createdAt: Date;
  sourceLink?: string;
}

/**
 * The messages that go with a change, composed from the promise as saved. The repository runs it
 * inside the change's transaction, so it must do no I/O: a change and its messages are saved
 * together or not at all.
 */
export type ComposeMessages = (promise: TrustPromise) => OutgoingMessage[];

/** A promise waiting for its owner to pick one of the due instants the words could mean. */
export interface DueChoice {
  id: string;
  workspaceId: string;
  ownerId: string;
  recipientId: string;
  text: string;
  /** Earliest first. */
  candidates: DueCandidate[];
  createdAt: Date;
  chosenAt: Date | null;
}

export interface PromiseRepository {
  /** Keeps a promise whose due instant is to be picked; returns its id. Creates nothing yet. */
  saveDueChoice(choice: Omit<DueChoice, 'id' | 'chosenAt'>): Promise<string>;
  /** Looks only inside the workspace. */
  findDueChoice(workspaceId: string, id: string): Promise<DueChoice | undefined>;
  /**
   * In one transaction: marks the choice chosen and creates the promise with its messages, only if
   * it was not chosen before. Undefined when it was (a double click, or a second button).
   */
  createFromChoice(
    choiceId: string,
    promise: NewPromiseRecord,
    messages: ComposeMessages,
  ): Promise<TrustPromise | undefined>;
  /** Stores a new `open` promise with no due changes (the repository assigns the id) and its messages. */
  create(promise: NewPromiseRecord, messages: ComposeMessages): Promise<TrustPromise>;
  /** Looks only inside the workspace: an id from another workspace is not found. */
  find(workspaceId: string, id: string): Promise<TrustPromise | undefined>;
  /** Open and renegotiated promises the person made or received. */
  listActiveFor(workspaceId: string, userId: string): Promise<TrustPromise[]>;
  /**
   * Promises owned by any of `ownerIds` that were made, due, kept, released or given a new due
   * date at or after `since` (a superset is fine: callers count with the rules in promise.ts).
   */
  listOwnedSince(workspaceId: string, ownerIds: readonly string[], since: Date): Promise<TrustPromise[]>;
  /**
   * Stores a transition (state, due date, kept and released fields, appended due changes) and its
   * messages only if the stored promise still has the `expected` state and due date. False when
   * another request got there first, so a double click or a race never applies twice.
   */
  saveTransition(
    next: TrustPromise,
    expected: { state: PromiseState; dueAt: Date },
    messages: ComposeMessages,
  ): Promise<boolean>;
}

/** An active promise whose stored next step (reminder or `missed`) has come. */
export interface DueStep {
  promise: TrustPromise;
  step: ScheduledStep;
}

export interface PromiseScheduleRepository {
  /** Promises whose next step is at or before `now`, earliest first. */
  findDueSteps(now: Date, limit: number): Promise<DueStep[]>;
  /**
   * In one transaction: moves the promise from the `from` step to `next` (none: no more steps),
   * to `state`, and queues `messages`, only if neither the promise nor its next step changed since
   * it was read. False otherwise (the owner acted meanwhile), and nothing is queued.
   */
  advance(input: {
    promise: TrustPromise;
    from: ScheduledStep;
    next: ScheduledStep | undefined;
    state: PromiseState;
    messages: OutgoingMessage[];
  }): Promise<boolean>;
}

export type PromiseNotice = 'made' | 'renegotiated' | 'released' | 'kept' | ReminderKind;

/** Direct messages about a promise, queued through the outbox by the repository. */
export interface PromiseNotifications {
  /**
   * Prepares a message about a promise for `readerId`. Their language and time zone are looked up
   * now (this may ask Slack), so that composing it later, inside a transaction, needs no I/O.
   */
  prepare(notice: PromiseNotice, workspaceId: string, readerId: string): Promise<ComposeMessages>;
}
