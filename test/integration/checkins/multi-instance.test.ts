import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchedulerDeps } from '../../../src/app.ts';
import { parseConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/logger.ts';
import { createMetrics } from '../../../src/metrics.ts';
import { drainOutbox } from '../../../src/scheduler/outbox-dispatcher.ts';
import { deliveryReport, outboxStatusCounts, seedDuePeople } from '../../support/checkin-population.ts';
import { DEMO_TEAM_ID } from '../../support/slack-emulator/seed.ts';
import type { SlackEmulator } from '../../support/slack-emulator/slack-emulator.ts';
import { type TestDatabase, testDatabaseUrl } from '../../support/test-database.ts';
import { openTickHarness, type TickHarness } from '../../support/tick-harness.ts';
import { spawnTick, type TickProcessResult } from '../../support/tick-process.ts';

// Several app processes on one real PostgreSQL: `npm run tick` run as separate OS processes
// against the emulator in this process, on a schema of this file's own.

const PEOPLE = 1_000;
/** drainOutbox's default number of senders per process: at most this many messages in flight. */
const SENDERS_PER_PROCESS = 4;
/** The dispatcher's lease on a claimed message (outbox-dispatcher.ts). */
const LEASE_MS = 2 * 60_000;

describe.runIf(testDatabaseUrl)('tick processes sharing one PostgreSQL', () => {
  let harness: TickHarness;
  let database: TestDatabase;
  let emulator: SlackEmulator;
  let env: Record<string, string>;

  beforeAll(async () => {
    // 200 DMs/s: 1,000 take five seconds, long enough to overlap and to kill a process mid-way.
    harness = await openTickHarness({ ratePerSecond: 200, burst: 10 });
    ({ database, emulator, env } = harness);
  });

  afterAll(async () => {
    await harness?.close();
  });

  function expectClean(result: TickProcessResult) {
    expect(result.code, result.stderr).toBe(0);
    expect(result.summary, result.stdout).toBeDefined();
  }

  async function checkinRows(people: string[]) {
    return database.db
      .selectFrom('checkins')
      .select(['user_id', 'outcome'])
      .where('user_id', 'in', people)
      .execute();
  }

  it('two processes ticking the same minute send each of 1,000 people exactly one DM', async () => {
    const due = new Date('2027-03-01T09:00:00Z');
    const people = await seedDuePeople(database.db, {
      workspaceId: DEMO_TEAM_ID,
      prefix: 'SAME',
      count: PEOPLE,
      dueAt: due,
      profileFetchedAt: due,
      emulator,
    });
    emulator.reset();

    const at = new Date('2027-03-01T09:00:30Z');
    const results = await Promise.all([spawnTick(at, env).done, spawnTick(at, env).done]);
    for (const result of results) expectClean(result);
    const summaries = results.map((r) => r.summary);
    console.info(
      `same minute: ${summaries.map((s) => `${s?.leader ? 'leader' : 'follower'} sent ${s?.sent.sent}`).join(', ')}`,
    );

    expect(summaries.filter((s) => s?.leader)).toHaveLength(1);
    expect(summaries.reduce((n, s) => n + (s?.sent.sent ?? 0), 0)).toBe(PEOPLE);
    expect(deliveryReport(emulator, people)).toEqual({
      once: PEOPLE,
      missing: [],
      duplicated: [],
      extraMessages: 0,
    });
    expect(emulator.calls('chat.postMessage')).toHaveLength(PEOPLE);
    expect(await outboxStatusCounts(database.db, people)).toMatchObject({ sent: PEOPLE, unknown: 0 });
    expect(await checkinRows(people)).toHaveLength(PEOPLE);
  }, 60_000);

  it('a process killed mid-fan-out leaves at most its in-flight messages in doubt; the survivor sends the rest', async () => {
    const due = new Date('2027-03-01T11:00:00Z');
    const people = await seedDuePeople(database.db, {
      workspaceId: DEMO_TEAM_ID,
      prefix: 'KILL',
      count: PEOPLE,
      dueAt: due,
      profileFetchedAt: due,
      emulator,
    });
    emulator.reset();

    const victim = spawnTick(new Date('2027-03-01T11:01:00Z'), env);
    await emulator.waitFor(() => emulator.calls('chat.postMessage').length >= PEOPLE * 0.3, {
      timeoutMs: 40_000,
      description: '30% of the DMs',
    });
    victim.kill('SIGKILL');
    const killed = await victim.done;
    expect(killed.signal).toBe('SIGKILL');

    // What the killed process held: claimed, maybe posted, never finished.
    const held = await database.db
      .selectFrom('outbox')
      .select(['channel', 'leased_by'])
      .where('status', '=', 'sending')
      .where('channel', 'in', people)
      .execute();
    expect(held.length).toBeLessThanOrEqual(SENDERS_PER_PROCESS);
    const victimInstance = (
      await database.db
        .selectFrom('outbox')
        .select('leased_by')
        .where('channel', 'in', people)
        .where('leased_by', 'is not', null)
        .executeTakeFirstOrThrow()
    ).leased_by;
    const sentByVictim = (await outboxStatusCounts(database.db, people)).sent;

    // Later in the same hour another process ticks: nothing new is due, it sends what is queued.
    const survivor = await spawnTick(new Date('2027-03-01T11:20:00Z'), env).done;
    expectClean(survivor);
    expect(survivor.summary?.jobs.checkins).toMatchObject({ queued: 0 });
    expect(survivor.summary?.sent.sent).toBe(PEOPLE - sentByVictim - held.length);

    // The held messages stay leased until the lease runs out; the first drain after that (here one
    // whose clock reads past the lease) marks them unknown and sends nothing again.
    const { config, secrets } = parseConfig(env, 'worker');
    const deps = buildSchedulerDeps({
      config,
      secrets,
      logger: createLogger('silent'),
      metrics: createMetrics(),
      db: database.db,
    });
    const afterLease = await drainOutbox(
      { ...deps.dispatcher, now: () => new Date(Date.now() + LEASE_MS + 60_000) },
      { budgetMs: 5_000 },
    );
    expect(afterLease).toMatchObject({ sent: 0, unknown: held.length, retried: 0 });

    const report = deliveryReport(emulator, people);
    console.info(
      `SIGKILL: victim sent ${sentByVictim} and held ${held.length}; survivor sent ${survivor.summary?.sent.sent}; ${report.missing.length} never arrived`,
    );
    expect(report.duplicated).toEqual([]);
    // Only a message the victim held can be missing (it may also have reached Slack before the kill).
    const heldChannels = new Set(held.map((h) => h.channel));
    expect(report.missing.every((id) => heldChannels.has(id))).toBe(true);
    expect(report.once).toBeGreaterThanOrEqual(PEOPLE - SENDERS_PER_PROCESS);
    expect(emulator.calls('chat.postMessage').length).toBeLessThanOrEqual(PEOPLE);
    expect(await outboxStatusCounts(database.db, people)).toMatchObject({
      pending: 0,
      sending: 0,
      sent: PEOPLE - held.length,
      unknown: held.length,
    });
    const byInstance = await database.db
      .selectFrom('outbox')
      .select(['leased_by', (eb) => eb.fn.countAll<number>().as('count')])
      .where('channel', 'in', people)
      .where('status', '=', 'sent')
      .groupBy('leased_by')
      .execute();
    const survivorSent = byInstance.find((r) => r.leased_by !== victimInstance)?.count ?? 0;
    expect(Number(survivorSent)).toBe(survivor.summary?.sent.sent);
  }, 60_000);
});
