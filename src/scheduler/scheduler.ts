import cron from 'node-cron';
import type { Clock } from '../domain/clock.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { Stores } from '../persistence/stores.ts';
import { withRequestContext } from '../request-context.ts';
import {
  type DispatcherDeps,
  type DrainOptions,
  type DrainSummary,
  drainOutbox,
} from './outbox-dispatcher.ts';

/** A unit of due-work: finds what is due at `now` and puts messages in the outbox. */
export interface Job {
  name: string;
  run(now: Date): Promise<Record<string, number>>;
}

export interface SchedulerDeps {
  stores: Pick<Stores, 'ticks' | 'outbox' | 'workspaces'>;
  logger: Logger;
  metrics: Metrics;
  instance: string;
  jobs: Job[];
  dispatcher: DispatcherDeps;
}

export interface TickSummary {
  slot: string;
  /** True when this process ran the minute's due-work (another instance may have). */
  leader: boolean;
  jobs: Record<string, Record<string, number>>;
  sent: DrainSummary;
}

const CLAIM_RETENTION_MS = 2 * 24 * 60 * 60_000;
const COMMAND_REPLAY_RETENTION_MS = 10 * 60_000;
/** Finished outbox messages are kept this long (for operators, and as idempotency keys). */
const OUTBOX_RETENTION_MS = 60 * 24 * 60 * 60_000;
/** At most this many are deleted per tick, so pruning never makes a tick slow. */
const OUTBOX_PRUNE_BATCH = 5_000;

export function tickSlot(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}

/**
 * One scheduler pass as of `at`: the instance that claims the minute runs every job; every
 * instance then helps send what the outbox holds.
 */
export async function runTick(deps: SchedulerDeps, at: Date, drain: DrainOptions = {}): Promise<TickSummary> {
  const slot = tickSlot(at);
  const leader = await deps.stores.ticks.claimSlot(slot, deps.instance);
  deps.metrics.schedulerTicks.inc({ role: leader ? 'leader' : 'follower' });
  const jobs: TickSummary['jobs'] = {};
  if (leader) {
    for (const job of deps.jobs) {
      try {
        jobs[job.name] = await job.run(at);
      } catch (error) {
        // One failing job must not starve the others; the next minute retries from state.
        deps.logger.error({ err: error, job: job.name }, 'scheduler job failed');
        jobs[job.name] = { failed: 1 };
      }
    }
    await deps.stores.ticks.pruneClaims(new Date(slot.getTime() - CLAIM_RETENTION_MS));
    // finished_at is wall-clock time (the dispatcher's), so retention is too, whatever the tick's clock.
    const wallNow = deps.dispatcher.now().getTime();
    await deps.stores.outbox.pruneFinished(new Date(wallNow - OUTBOX_RETENTION_MS), OUTBOX_PRUNE_BATCH);
    // Slack retries an event within minutes; two days of ids is plenty to recognise a retry.
    await deps.stores.workspaces.pruneEvents(new Date(wallNow - CLAIM_RETENTION_MS));
    // A signed request is accepted for 5 minutes; ten minutes of trigger ids covers it with skew.
    await deps.stores.workspaces.pruneCommands(new Date(wallNow - COMMAND_REPLAY_RETENTION_MS));
  }
  const sent = await drainOutbox(deps.dispatcher, drain);
  const depth = await deps.stores.outbox.depth();
  for (const [status, count] of Object.entries(depth)) deps.metrics.outboxDepth.set({ status }, count);
  const summary = { slot: slot.toISOString(), leader, jobs, sent };
  if (leader || sent.sent + sent.dead + sent.unknown > 0) deps.logger.info(summary, 'scheduler tick');
  return summary;
}

export interface RunningScheduler {
  stop(): Promise<void>;
}

/** node-cron only ticks (UTC, every minute, never overlapping); what is due is decided by jobs. */
export function startScheduler(deps: SchedulerDeps, clock: Clock): RunningScheduler {
  let current: Promise<unknown> = Promise.resolve();
  const stopping = new AbortController();
  const task = cron.schedule(
    '* * * * *',
    () => {
      const at = clock.now();
      // The tick's log lines share one id, as a request's do.
      current = withRequestContext(
        () => runTick(deps, at, { budgetMs: 50_000, signal: stopping.signal }),
        `tick-${at.toISOString()}`,
      ).catch((error: unknown) => {
        deps.logger.error({ err: error }, 'scheduler tick failed');
      });
      return current;
    },
    { timezone: 'UTC', noOverlap: true, name: 'trust-habits-tick' },
  );
  return {
    async stop() {
      await task.stop();
      // A tick mid-fan-out stops claiming and finishes only what it holds, well within the bound.
      stopping.abort();
      await current;
    },
  };
}
