/** A message for a person or channel, sent later by the outbox at most once per key. */
export interface OutgoingMessage {
  workspaceId: string;
  /** Unique per logical message, e.g. `checkin:T1:U1:2026-W48`; a second enqueue is a no-op. */
  idempotencyKey: string;
  kind: string;
  /** A user id (sent as a DM) or a channel id. */
  channel: string;
  text: string;
  blocks?: unknown[];
  /**
   * What to do when Slack may or may not have posted it (timeout, 5xx, a crash mid-send):
   * `give_up` when a duplicate would be worse than a miss (check-ins, reminders).
   */
  onAmbiguous?: 'give_up' | 'retry';
}

export interface OutboxPort {
  /** Returns how many were new. */
  enqueue(messages: OutgoingMessage[]): Promise<number>;
}
