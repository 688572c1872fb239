import type { OutgoingMessage } from '../../../src/domain/outbox/outgoing-message.ts';
import { CompiledQuery, createQueryId, type KyselyPlugin, type RootOperationNode, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimOutboxBatch,
  enqueueMessages,
  outboxDepth,
  pruneFinishedOutbox,
  stopWorkspaceSending,
} from '../../../src/persistence/pg-outbox.repository.ts';
import type { webApi } from '@slack/bolt';
import { createLogger } from '../../../src/logger.ts';
import { createMetrics } from '../../../src/metrics.ts';
import { createStores } from '../../../src/persistence/stores.ts';
import { drainOutbox } from '../../../src/scheduler/outbox-dispatcher.ts';
import { WorkspacePacer } from '../../../src/slack/runtime/paced-client.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

// How a sender claims its next message: never from a stopped workspace, and cheaply however many
// messages wait (a fan-out puts a whole workspace in the outbox at once).

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const message = (workspaceId: string, n: number): OutgoingMessage => ({
  workspaceId,
  idempotencyKey: `claim-test:${workspaceId}:${n}`,
  kind: 'checkin',
  channel: `U0CLAIM${n}`,
  about: { personId: `U0CLAIM${n}`, promiseId: null, teamId: null },
  text: 'hello',
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

describe('claiming outbox messages', () => {
  it('claims through the pending index, not a scan of every waiting message, once the outbox is analyzed', async () => {
    // One workspace, sending normally (a stopped one changes the statistics the planner sees).
    await database.db.insertInto('workspaces').values({ id: 'T0FANOUT' }).execute();
    await sql`
      insert into outbox (workspace_id, idempotency_key, kind, channel, message, available_at)
      select 'T0FANOUT', 'claim-plan:' || g, 'checkin', 'U' || g, '{"text":"hi"}',
             now() - interval '10 minutes' + g * interval '1 millisecond'
      from generate_series(1, 10000) as g`.execute(database.db);
    // What autovacuum does on PostgreSQL soon after a large enqueue.
    await sql`analyze outbox`.execute(database.db);
    await sql`analyze workspaces`.execute(database.db);

    const captured: RootOperationNode[] = [];
    const capture: KyselyPlugin = {
      transformQuery: ({ node }) => {
        captured.push(node);
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const [claimed] = await claimOutboxBatch(database.db.withPlugin(capture), {
      instance: 'claim-test',
      now: new Date(),
      leaseMs: 60_000,
      limit: 1,
    });
    expect(claimed?.idempotencyKey).toBe('claim-plan:1');

    // Subqueries pass through plugins too; the claim itself is the UPDATE.
    const claim = captured.find((node) => node.kind === 'UpdateQueryNode');
    if (!claim) throw new Error('the claim query was not captured');
    const compiled = database.db.getExecutor().compileQuery(claim, createQueryId());
    const explained = await database.db.executeQuery<{ 'QUERY PLAN': unknown }>(
      CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]),
    );
    const raw = explained.rows[0]?.['QUERY PLAN'];
    const [plan] = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
    const nodes = planNodes(plan?.Plan ?? { 'Node Type': 'none' });
    const outboxScans = nodes.filter((n) => n['Relation Name'] === 'outbox');
    expect(outboxScans.map((n) => n['Node Type'])).not.toContain('Seq Scan');
    // Either partial index of pending messages will do; the claim-order one (available_at, id) also
    // spares the sort.
    const indexes = outboxScans.map((n) => n['Index Name']);
    expect(indexes.some((name) => name === 'outbox_pending_claim_idx' || name === 'outbox_pending_idx')).toBe(
      true,
    );
  });

  it('skips workspaces whose sending stopped', async () => {
    await database.db.deleteFrom('outbox').execute();
    await database.db
      .insertInto('workspaces')
      .values([{ id: 'T0STOPPED' }, { id: 'T0SENDING' }])
      .execute();
    await enqueueMessages(database.db, [
      message('T0STOPPED', 1),
      message('T0SENDING', 2),
      message('T0STOPPED', 3),
      message('T0SENDING', 4),
    ]);
    await stopWorkspaceSending(database.db, 'T0STOPPED', 'token_revoked', new Date());
    const claimed = await claimOutboxBatch(database.db, {
      instance: 'claim-test',
      now: new Date(Date.now() + 1_000),
      leaseMs: 60_000,
      limit: 10,
    });
    expect(claimed.map((r) => r.channel)).toEqual(['U0CLAIM2', 'U0CLAIM4']);
  });

  it('sends another workspace’s message while the oldest one’s workspace must wait for its pace', async () => {
    await database.db.deleteFrom('outbox').execute();
    await database.db
      .insertInto('workspaces')
      .values([{ id: 'T0PACED' }, { id: 'T0READY' }])
      .execute();
    // A fan-out queues one workspace after another: five for the first, then two for the next.
    await enqueueMessages(database.db, [
      ...[1, 2, 3, 4, 5].map((n) => message('T0PACED', n)),
      ...[6, 7].map((n) => message('T0READY', n)),
    ]);
    const started = performance.now();
    const sent: Array<{ channel: string; ms: number }> = [];
    const client = {
      chat: {
        postMessage: async (args: { channel: string }) => {
          sent.push({ channel: args.channel, ms: performance.now() - started });
          return { ok: true, channel: args.channel, ts: `${sent.length}.000` };
        },
      },
    } as unknown as webApi.WebClient;
    await drainOutbox(
      {
        outbox: createStores(database.db).outbox,
        logger: createLogger('silent'),
        metrics: createMetrics(),
        // One message a second per workspace, no burst beyond one.
        pacer: new WorkspacePacer({ ratePerSecond: 1, burst: 1 }),
        clientFor: async () => client,
        instance: 'claim-test',
        now: () => new Date(),
      },
      { concurrency: 2, budgetMs: 1_500 },
    );
    const firstReady = sent.find((s) => s.channel === 'U0CLAIM6');
    // Queued behind the first workspace's pace, it would wait seconds; it goes out at once instead.
    expect(firstReady?.ms).toBeLessThan(500);
    expect(sent.filter((s) => s.channel === 'U0CLAIM6' || s.channel === 'U0CLAIM7')).toHaveLength(2);
    expect(new Set(sent.map((s) => s.channel)).size).toBe(sent.length);
  });
});

describe('outbox retention', () => {
  it('prunes finished messages older than the cut-off, oldest first and in batches, and never a waiting one', async () => {
    await database.db
      .insertInto('workspaces')
      .values({ id: 'T0PRUNE' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await sql`
      insert into outbox (workspace_id, idempotency_key, kind, channel, message, status, finished_at)
      select 'T0PRUNE', 'prune:' || g, 'checkin', 'U' || g, '{"text":"hi"}',
             (array['sent', 'dead', 'unknown', 'skipped'])[1 + g % 4],
             timestamptz '2026-01-01T00:00:00Z' + g * interval '1 day'
      from generate_series(1, 10) as g`.execute(database.db);
    await sql`
      insert into outbox (workspace_id, idempotency_key, kind, channel, message, available_at)
      values ('T0PRUNE', 'prune:waiting', 'checkin', 'U0', '{"text":"hi"}', timestamptz '2025-01-01T00:00:00Z')`.execute(
      database.db,
    );
    const cutOff = new Date('2026-01-08T12:00:00Z'); // days 1…7 are older
    expect(await pruneFinishedOutbox(database.db, cutOff, 4)).toBe(4);
    expect(await pruneFinishedOutbox(database.db, cutOff, 4)).toBe(3);
    expect(await pruneFinishedOutbox(database.db, cutOff, 4)).toBe(0);
    const left = await database.db
      .selectFrom('outbox')
      .select('idempotency_key')
      .where('workspace_id', '=', 'T0PRUNE')
      .orderBy('idempotency_key')
      .execute();
    expect(left.map((r) => r.idempotency_key)).toEqual(['prune:10', 'prune:8', 'prune:9', 'prune:waiting']);
    // The depth gauge counts what still needs sending or attention, not finished history.
    const depth = await outboxDepth(database.db);
    expect(Object.keys(depth).sort()).toEqual(['dead', 'pending', 'sending', 'unknown']);
    await database.db.deleteFrom('outbox').where('workspace_id', '=', 'T0PRUNE').execute();
  });
});
