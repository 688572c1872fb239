import type { Logger } from '../logger.ts';
import { type DispatcherDeps, drainOutbox } from './outbox-dispatcher.ts';

export interface OutboxKicker {
  /** Sends what the outbox holds soon, without waiting for the next minute tick. */
  kick(): void;
  /** Resolves when no kicked drain is running (tests and shutdown). */
  idle(): Promise<void>;
  /** Shutdown: no more kicks; a running drain stops claiming and finishes what it holds. */
  stop(): Promise<void>;
}

/**
 * Messages caused by a person's click (a promise made, a DM to its recipient) should not wait up
 * to a minute. Kicks coalesce: at most one drain runs, and one more follows if kicked meanwhile.
 */
export function createOutboxKicker(dispatcher: DispatcherDeps, logger: Logger): OutboxKicker {
  let running: Promise<void> | undefined;
  let again = false;
  const stopping = new AbortController();

  const run = async (): Promise<void> => {
    do {
      again = false;
      try {
        await drainOutbox(dispatcher, { budgetMs: 30_000, concurrency: 2, signal: stopping.signal });
      } catch (error) {
        logger.error({ err: error }, 'kicked outbox drain failed; the next tick retries');
      }
    } while (again && !stopping.signal.aborted);
  };

  return {
    kick() {
      if (stopping.signal.aborted) return;
      if (running) {
        again = true;
        return;
      }
      running = run().finally(() => {
        running = undefined;
      });
    },
    idle: async () => {
      while (running) await running;
    },
    async stop() {
      stopping.abort();
      while (running) await running;
    },
  };
}
