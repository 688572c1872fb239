import type { webApi } from '@slack/bolt';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { OutboxRow } from '../persistence/pg-outbox.repository.ts';
import type { Stores } from '../persistence/stores.ts';
import type { OutboxMessageJson } from '../persistence/tables.ts';
import type { WorkspacePacer } from '../slack/runtime/paced-client.ts';
import { classifySlackError } from '../slack/runtime/slack-errors.ts';

export interface DispatcherDeps {
  outbox: Stores['outbox'];
  logger: Logger;
  metrics: Metrics;
  pacer: WorkspacePacer;
  /** The paced bulk client for a workspace. */
  clientFor(workspaceId: string): Promise<webApi.WebClient>;
  /** Identifies this process in leases. */
  instance: string;
  /**
   * Kinds that need work before their post (the digest uploads its chart): the versions of the
   * message to try, best first; a later one is tried only when Slack refuses the one before for good.
   */
  preparers?: Record<string, OutboxPreparer>;
  /** Real time: leases and Retry-After are about the wall clock, not a simulated one. */
  now(): Date;
}

export interface DrainOptions {
  /** Parallel senders; each holds at most one message at a time. */
  concurrency?: number;
  /** Stop claiming after this many ms (the scheduler keeps ticks short). */
  budgetMs?: number;
  /** Also wait for rate-limited retries due within the budget (the tick CLI wants them sent). */
  waitForRetries?: boolean;
  /** Longest a claimed message may wait for its workspace's pacer before going back to the queue. */
  maxPacingWaitMs?: number;
  /** Shutdown: stop claiming; messages already claimed are still sent (or handed back). */
  signal?: AbortSignal;
}

export interface DrainSummary {
  sent: number;
  retried: number;
  dead: number;
  unknown: number;
  recovered: number;
}

const LEASE_MS = 2 * 60_000;
/** At most this many paced workspaces are passed over in one claim (the list goes into the query). */
const MAX_SKIPPED_WORKSPACES = 100;

/**
 * Sends what the outbox holds. Each sender claims one message at a time, so a crash leaves at
 * most `concurrency` messages in doubt, and everything not yet attempted stays claimable.
 */
export async function drainOutbox(deps: DispatcherDeps, options: DrainOptions = {}): Promise<DrainSummary> {
  const summary: DrainSummary = { sent: 0, retried: 0, dead: 0, unknown: 0, recovered: 0 };
  const recovered = await deps.outbox.recoverExpiredLeases(deps.now());
  summary.unknown += recovered.unknown;
  summary.recovered += recovered.requeued;
  if (recovered.unknown > 0) {
    deps.metrics.outboxOutcomes.inc({ outcome: 'unknown' }, recovered.unknown);
    deps.logger.warn(
      { count: recovered.unknown },
      'messages left mid-send by a stopped instance; not resent',
    );
  }

  const deadline = deps.now().getTime() + (options.budgetMs ?? 50_000);
  const worker = async () => {
    while (deps.now().getTime() < deadline && !options.signal?.aborted) {
      // Oldest first, but not from a workspace whose pace says wait while another's message is
      // ready: a fan-out over many workspaces sends at the sum of their limits, not at one's.
      const claim = (skipWorkspaces: readonly string[]) =>
        deps.outbox.claimBatch({
          instance: deps.instance,
          now: deps.now(),
          leaseMs: LEASE_MS,
          limit: 1,
          skipWorkspaces,
        });
      const waiting = deps.pacer.waitingWorkspaces(MAX_SKIPPED_WORKSPACES);
      let [row] = await claim(waiting);
      // Only paced workspaces have mail: the one ready soonest, else the oldest message.
      if (!row && waiting.length > 0) [row] = await claim(waiting.slice(1));
      if (!row && waiting.length > 1) [row] = await claim([]);
      if (!row) {
        if (!options.waitForRetries || !(await waitForNextRetry(deps, deadline))) return;
        continue;
      }
      await sendRow(deps, row, summary, options.maxPacingWaitMs ?? 5_000);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return summary;
}

async function sendRow(deps: DispatcherDeps, row: OutboxRow, summary: DrainSummary, maxPacingWaitMs: number) {
  const wait = deps.pacer.delayFor(row.workspaceId);
  if (wait > maxPacingWaitMs) {
    // Not attempted: hand it back rather than hold a lease while the workspace is paused.
    await deps.outbox.finish(row.id, deps.instance, {
      status: 'pending',
      error: 'paced',
      availableAt: new Date(deps.now().getTime() + wait),
    });
    return;
  }
  await deps.pacer.take(row.workspaceId);
  // The wait may have outlived the row: its workspace uninstalled or its reader forgotten.
  if (!(await deps.outbox.isStillLeased(row.id, deps.instance))) return;
  const started = performance.now();
  try {
    const client = await deps.clientFor(row.workspaceId);
    const versions = (await deps.preparers?.[row.kind]?.(row, client)) ?? [row.message];
    const response = await postFirstAccepted(client, row.channel, versions);
    deps.metrics.outboxSendSeconds.observe((performance.now() - started) / 1000);
    await deps.outbox.finish(row.id, deps.instance, {
      status: 'sent',
      slackChannel: typeof response.channel === 'string' ? response.channel : undefined,
      slackTs: typeof response.ts === 'string' ? response.ts : undefined,
      at: deps.now(),
    });
    summary.sent += 1;
    deps.metrics.outboxOutcomes.inc({ outcome: 'sent' });
  } catch (error) {
    await recordFailure(deps, row, classifySlackError(error), summary);
  }
}

export type OutboxPreparer = (row: OutboxRow, client: webApi.WebClient) => Promise<OutboxMessageJson[]>;

async function postFirstAccepted(client: webApi.WebClient, channel: string, versions: OutboxMessageJson[]) {
  for (const [i, message] of versions.entries()) {
    try {
      return await client.chat.postMessage({
        channel,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks as never } : {}),
      });
    } catch (error) {
      if (i === versions.length - 1 || classifySlackError(error).kind !== 'permanent') throw error;
    }
  }
  throw new Error('no version of the message to post');
}

async function recordFailure(
  deps: DispatcherDeps,
  row: OutboxRow,
  failure: ReturnType<typeof classifySlackError>,
  summary: DrainSummary,
): Promise<void> {
  const now = deps.now();
  const log = deps.logger.child({ outboxId: row.id, kind: row.kind, workspaceId: row.workspaceId });
  switch (failure.kind) {
    case 'rate_limited': {
      deps.pacer.pause(row.workspaceId, failure.retryAfterSeconds);
      await deps.outbox.finish(row.id, deps.instance, {
        status: 'pending',
        error: 'ratelimited',
        availableAt: new Date(now.getTime() + failure.retryAfterSeconds * 1000),
      });
      summary.retried += 1;
      deps.metrics.outboxOutcomes.inc({ outcome: 'retried' });
      return;
    }
    case 'auth':
      await deps.outbox.stopWorkspaceSending(row.workspaceId, failure.error, now);
      log.error({ error: failure.error }, 'workspace token no longer works; sends to it are stopped');
      break;
    case 'permanent':
      log.warn({ error: failure.error }, 'Slack refused a message; not retried');
      break;
    case 'ambiguous':
      if (row.onAmbiguous === 'retry') {
        await deps.outbox.finish(row.id, deps.instance, {
          status: 'pending',
          error: failure.error,
          availableAt: new Date(now.getTime() + Math.min(60_000, 1_000 * 2 ** row.attempts)),
        });
        summary.retried += 1;
        deps.metrics.outboxOutcomes.inc({ outcome: 'retried' });
        return;
      }
      await deps.outbox.finish(row.id, deps.instance, {
        status: 'unknown',
        error: failure.error,
        at: now,
      });
      summary.unknown += 1;
      deps.metrics.outboxOutcomes.inc({ outcome: 'unknown' });
      log.warn(
        { error: failure.error },
        'Slack may or may not have posted a message; not resent to avoid a duplicate',
      );
      return;
  }
  await deps.outbox.finish(row.id, deps.instance, { status: 'dead', error: failure.error, at: now });
  summary.dead += 1;
  deps.metrics.outboxOutcomes.inc({ outcome: 'dead' });
}

/** Sleeps until the next rate-limited retry is due, if one is due before the deadline. */
async function waitForNextRetry(deps: DispatcherDeps, deadline: number): Promise<boolean> {
  const at = (await deps.outbox.nextPendingAt())?.getTime();
  if (at === undefined || at > deadline) return false;
  const wait = Math.max(0, at - deps.now().getTime());
  await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 1_000)));
  return true;
}
