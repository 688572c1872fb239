import type { DueChange, PromiseState, TrustPromise } from './promise.ts';

export interface NewPromiseRecord {
  workspaceId: string;
  ownerId: string;
  recipientId: string;
  text: string;
  dueAt: Date;
  createdAt: Date;
}

export interface PromiseRepository {
  /** Stores a new `open` promise with no due changes; the repository assigns the id. */
  create(promise: NewPromiseRecord): Promise<TrustPromise>;
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
   * Stores a transition (state, due date, kept and released fields, appended due changes) only if
   * the stored promise still has the `expected` state and due date. False when another request got
   * there first, so a double click or a race never applies twice.
   */
  saveTransition(next: TrustPromise, expected: { state: PromiseState; dueAt: Date }): Promise<boolean>;
}

/** Direct messages about a promise, queued through the outbox by the adapter. */
export interface PromiseNotifications {
  /** Tells the recipient they were promised something. */
  tellMade(promise: TrustPromise): Promise<void>;
  tellRenegotiated(promise: TrustPromise, change: DueChange): Promise<void>;
  tellReleased(promise: TrustPromise): Promise<void>;
  /** Tells the other side: the recipient when the owner kept it, the owner when the recipient confirmed it. */
  tellKept(promise: TrustPromise): Promise<void>;
}
