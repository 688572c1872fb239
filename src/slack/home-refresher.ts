import type { Logger } from '../logger.ts';

/**
 * Keeps App Homes current. Anything that changes what a Home shows asks for a refresh; requests for
 * the same person within a short window become one publish, publishes for one person never overlap
 * (so an older view cannot land after a newer one), and a failure is logged, never thrown.
 */
export interface HomeRefresher {
  /** Publishes these people's Homes soon (debounced); returns at once. Null ids are ignored. */
  refresh(workspaceId: string, ...userIds: Array<string | null | undefined>): void;
  /** Publishes now (the person just opened the Home), replacing a pending refresh. */
  publishNow(workspaceId: string, userId: string): Promise<void>;
  /** Runs every pending refresh now and waits until no publish is in flight (tests, shutdown). */
  flush(): Promise<void>;
  /** Cancels pending refreshes, waits for those in flight; later requests are ignored. */
  stop(): Promise<void>;
  /** Counts since start, for tests and logs. */
  stats(): { requested: number; published: number; failed: number; pending: number };
}

export interface HomeRefresherOptions {
  publish(workspaceId: string, userId: string): Promise<void>;
  logger: Logger;
  /** Quiet time after the last request before publishing. */
  delayMs?: number;
  /** A stream of requests still publishes at least this often. */
  maxWaitMs?: number;
}

export const HOME_REFRESH_DELAY_MS = 1500;
const HOME_REFRESH_MAX_WAIT_MS = 5000;

interface Entry {
  workspaceId: string;
  userId: string;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** When the first request of the pending batch came. */
  firstAt: number;
  /** The last publish started for this person; the next one waits for it. */
  chain: Promise<void>;
  running: number;
}

export function createHomeRefresher(options: HomeRefresherOptions): HomeRefresher {
  const delayMs = options.delayMs ?? HOME_REFRESH_DELAY_MS;
  const maxWaitMs = options.maxWaitMs ?? HOME_REFRESH_MAX_WAIT_MS;
  const entries = new Map<string, Entry>();
  const counts = { requested: 0, published: 0, failed: 0 };
  let stopped = false;

  const entryFor = (workspaceId: string, userId: string): Entry => {
    const key = `${workspaceId}\u0000${userId}`;
    let entry = entries.get(key);
    if (!entry) {
      entry = { workspaceId, userId, timer: undefined, firstAt: 0, chain: Promise.resolve(), running: 0 };
      entries.set(key, entry);
    }
    return entry;
  };

  const forget = (entry: Entry) => {
    if (entry.timer === undefined && entry.running === 0)
      entries.delete(`${entry.workspaceId}\u0000${entry.userId}`);
  };

  const run = (entry: Entry): Promise<void> => {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.running += 1;
    entry.chain = entry.chain.then(async () => {
      try {
        await options.publish(entry.workspaceId, entry.userId);
        counts.published += 1;
      } catch (error) {
        counts.failed += 1;
        options.logger.warn({ err: error, userId: entry.userId }, 'could not publish the App Home');
      } finally {
        entry.running -= 1;
        forget(entry);
      }
    });
    return entry.chain;
  };

  const pendingWork = () => [...entries.values()].filter((e) => e.timer !== undefined || e.running > 0);

  return {
    refresh(workspaceId, ...userIds) {
      if (stopped) return;
      for (const userId of new Set(userIds)) {
        if (!userId) continue;
        counts.requested += 1;
        const entry = entryFor(workspaceId, userId);
        const now = Date.now();
        if (entry.timer === undefined) entry.firstAt = now;
        else clearTimeout(entry.timer);
        const wait = Math.max(0, Math.min(delayMs, entry.firstAt + maxWaitMs - now));
        entry.timer = setTimeout(() => void run(entry), wait);
        entry.timer.unref?.();
      }
    },

    async publishNow(workspaceId, userId) {
      if (stopped) return;
      await run(entryFor(workspaceId, userId));
    },

    async flush() {
      // A publish never asks for another, so this ends; the loop covers requests made meanwhile.
      for (let work = pendingWork(); work.length > 0; work = pendingWork()) {
        await Promise.all(work.map((entry) => (entry.timer === undefined ? entry.chain : run(entry))));
      }
    },

    async stop() {
      stopped = true;
      for (const entry of entries.values()) {
        if (entry.timer !== undefined) clearTimeout(entry.timer);
        entry.timer = undefined;
      }
      await Promise.all([...entries.values()].map((entry) => entry.chain));
      entries.clear();
    },

    stats() {
      return { ...counts, pending: [...entries.values()].filter((e) => e.timer !== undefined).length };
    },
  };
}
