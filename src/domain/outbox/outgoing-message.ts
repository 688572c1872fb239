import type { MessageEnvelope } from './message-kinds.ts';

/**
 * A message for a person or channel, sent later by the outbox at most once per key. The envelope
 * (kind, key, channel, subject) comes from one builder per kind in `message-kinds.ts`.
 */
export interface OutgoingMessage extends MessageEnvelope {
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

/** A listener's answer after its ack: queued like every message, and sent now rather than at the next tick. */
export async function queueAndSendSoon(
  deps: { outbox: OutboxPort; kickOutbox(): void },
  message: OutgoingMessage,
): Promise<void> {
  await deps.outbox.enqueue([message]);
  deps.kickOutbox();
}
