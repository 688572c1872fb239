import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/persistence/database.ts';
import { migrateToLatest } from '../../src/persistence/migrator.ts';
import { drainOutbox } from '../../src/scheduler/outbox-dispatcher.ts';
import { runTick } from '../../src/scheduler/scheduler.ts';
import { deliveryReport, outboxStatusCounts, seedDuePeople } from '../support/checkin-population.ts';
import { DEMO_TEAM_ID, KARI_ID, TEAM_CHANNEL_ID } from '../support/slack-emulator/seed.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { scaled } from './scale.ts';
import { findPostgresBin, type OwnPostgres, startOwnPostgres } from './support/own-postgres.ts';

// PostgreSQL dies (pg_ctl stop -m immediate) in the middle of a check-in fan-out and comes back:
// /healthz says 503 meanwhile, /trust still answers, health recovers without restarting the app,
// and the fan-out finishes with nobody messaged twice. On a server of this test's own.

const PEOPLE = scaled(600, 300);
/** Senders in the tick's drain plus the kicked drain's: at most this many messages in doubt. */
const MAX_IN_DOUBT = 4 + 2;
/** The dispatcher's lease (outbox-dispatcher.ts). */
const LEASE_MS = 2 * 60_000;

const bin = findPostgresBin();
if (!bin) console.warn('postgres-restart: skipped, no initdb/pg_ctl under /usr/lib/postgresql/*/bin');

describe.runIf(bin)('PostgreSQL restarted in the middle of a fan-out', () => {
  let server: OwnPostgres | undefined;
  let t: TestApp | undefined;

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await server?.destroy();
  });

  async function health(): Promise<number> {
    return (await fetch(`${t?.app.url}/healthz`)).status;
  }

  it('answers 503 while it is down, recovers by itself, and sends nobody a check-in twice', async () => {
    const started = performance.now();
    server = await startOwnPostgres(bin ?? '');
    const handle = openPostgres({ url: server.url });
    await migrateToLatest(handle.db);
    t = await startTestApp({
      database: { ...handle, schema: undefined },
      env: { DATABASE_URL: server.url, SEND_RATE_PER_SECOND: '100', SEND_BURST: '10' },
    });
    const app = t;
    const due = new Date('2027-03-01T09:00:00Z');
    const people = await seedDuePeople(app.database.db, {
      workspaceId: DEMO_TEAM_ID,
      prefix: 'PGRS',
      count: PEOPLE,
      dueAt: due,
      profileFetchedAt: due,
      emulator: app.emulator,
    });
    app.emulator.reset();
    expect(await health()).toBe(200);

    // The fan-out runs; a third of the way in the server dies.
    const firstTick = runTick(app.app.scheduler, due, { waitForRetries: true, budgetMs: 60_000 }).then(
      (summary) => ({ ok: true as const, summary }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    await app.emulator.waitFor(() => app.emulator.calls('chat.postMessage').length >= PEOPLE / 3, {
      timeoutMs: 20_000,
      description: 'a third of the check-ins',
    });
    await server.crash();
    const crashedAfter = app.emulator.calls('chat.postMessage').length;
    const outcome = await firstTick;
    const downAt = performance.now();

    // Down: not healthy, but /trust still acks and says something.
    expect(await health()).toBe(503);
    const responsesBefore = app.emulator.responses().length;
    const ack = await app.driver.command({
      teamId: DEMO_TEAM_ID,
      userId: KARI_ID,
      channelId: TEAM_CHANNEL_ID,
      text: 'help',
    });
    expect(ack.status).toBe(200);
    const shown =
      ack.json ??
      (await app.emulator.waitFor(() => app.emulator.responses()[responsesBefore], { timeoutMs: 10_000 }))
        .body;
    expect(JSON.stringify(shown).length).toBeGreaterThan(20);
    expect(await health()).toBe(503);
    // A minute tick while it is down fails and sends nothing; the kicked drain gives up quietly.
    await expect(
      runTick(app.app.scheduler, new Date(due.getTime() + 60_000), { waitForRetries: true, budgetMs: 5_000 }),
    ).rejects.toThrow();
    app.app.outbox.kick();
    await app.app.outbox.idle();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await health()).toBe(503);
    const sentWhileDown = app.emulator.calls('chat.postMessage').length;

    // Back: health recovers by itself, the next tick sends the rest.
    await server.start();
    const upAt = performance.now();
    const healthy = async () => {
      for (;;) {
        if ((await health()) === 200) return performance.now() - upAt;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const recoveredInMs = await healthy();
    const second = await runTick(app.app.scheduler, new Date(due.getTime() + 5 * 60_000), {
      waitForRetries: true,
      budgetMs: 60_000,
    });
    // What was mid-send at the crash stays leased; once the lease is over it is "in doubt" and not
    // resent (the same rule as a killed process, test/integration/checkins/multi-instance.test.ts).
    const held = await app.database.db
      .selectFrom('outbox')
      .select('channel')
      .where('status', '=', 'sending')
      .where('channel', 'in', people)
      .execute();
    const afterLease = await drainOutbox(
      { ...app.app.scheduler.dispatcher, now: () => new Date(Date.now() + LEASE_MS + 60_000) },
      { budgetMs: 5_000 },
    );

    const report = deliveryReport(app.emulator, people);
    const counts = await outboxStatusCounts(app.database.db, people);
    console.info(
      `postgres restart: ${PEOPLE} people; ${crashedAfter} DMs before the crash, first tick ${outcome.ok ? 'finished' : `failed (${String((outcome as { error: unknown }).error).slice(0, 80)})`}; down ${((upAt - downAt) / 1000).toFixed(1)} s, healthy ${recoveredInMs.toFixed(0)} ms after the restart; second tick sent ${second.sent.sent}; ${held.length} in doubt; ${report.once} once, ${report.missing.length} missing, ${report.duplicated.length} twice; outbox ${JSON.stringify(counts)}; ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(sentWhileDown - crashedAfter).toBeLessThanOrEqual(MAX_IN_DOUBT);
    expect(recoveredInMs).toBeLessThan(10_000);
    expect(report.duplicated).toEqual([]);
    expect(app.emulator.calls('chat.postMessage').filter((c) => c.status === 200).length).toBe(report.once);
    expect(held.length).toBeLessThanOrEqual(MAX_IN_DOUBT);
    expect(afterLease).toMatchObject({ sent: 0, unknown: held.length });
    // Only a message in doubt may be missing; everyone else got exactly one.
    const inDoubt = new Set(held.map((h) => h.channel));
    expect(report.missing.filter((id) => !inDoubt.has(id))).toEqual([]);
    expect(report.once).toBeGreaterThanOrEqual(PEOPLE - MAX_IN_DOUBT);
    expect(counts).toMatchObject({ pending: 0, sending: 0, dead: 0 });
    expect(counts.sent + counts.unknown).toBe(PEOPLE);
    expect(await health()).toBe(200);
  }, 90_000);
});
