import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchedulerDeps } from '../../src/app.ts';
import { parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createMetrics } from '../../src/metrics.ts';
import { drainOutbox } from '../../src/scheduler/outbox-dispatcher.ts';
import { deliveryReport, outboxStatusCounts, seedDuePeople } from '../support/checkin-population.ts';
import { DEMO_TEAM_ID } from '../support/slack-emulator/seed.ts';
import { testDatabaseUrl } from '../support/test-database.ts';
import { openTickHarness, type TickHarness } from '../support/tick-harness.ts';
import { spawnTick, type TickProcess, type TickProcessResult } from '../support/tick-process.ts';
import { scaled } from './scale.ts';

// Three app processes (`npm run tick`, each its own OS process) on one real PostgreSQL tick through
// a simulated week of weekly check-ins. In the busiest slot one is killed with SIGKILL mid-fan-out
// and a replacement starts later in that hour. Everyone gets exactly one check-in, except what the
// killed process held mid-send: that is "in doubt" and never resent (the rule of
// test/integration/checkins/multi-instance.test.ts, which this extends to three processes and a week).

const PEOPLE = scaled(2_000, 600);
/** The slot where a process is killed holds this many; the others share the rest. */
const KILL_SLOT_PEOPLE = scaled(800, 300);
const PROCESSES = 3;
/** drainOutbox's senders per process: the most a killed process can hold mid-send. */
const SENDERS_PER_PROCESS = 4;
const LEASE_MS = 2 * 60_000;
const START = new Date('2027-03-01T00:00:00Z'); // a Monday
/** Check-in hours each day; the reduced run ticks one slot a day. */
const HOURS = scaled([9, 15], [9]);
const KILL_SLOT = { day: 2, hour: 9 };

describe.runIf(testDatabaseUrl)('three tick processes through a week on one PostgreSQL', () => {
  let harness: TickHarness;

  beforeAll(async () => {
    // 100 DMs/s per process: the kill slot takes a few seconds, long enough to kill mid-way.
    harness = await openTickHarness({ ratePerSecond: 100, burst: 10 });
  });
  afterAll(async () => {
    await harness?.close();
  });

  function expectClean(result: TickProcessResult) {
    expect(result.code, result.stderr).toBe(0);
    expect(result.summary, result.stdout).toBeDefined();
  }

  it('sends every scheduled check-in exactly once, a SIGKILL and a restart included', async () => {
    const started = performance.now();
    const { database, emulator, env } = harness;
    const slots: Array<{ at: Date; people: string[]; kill: boolean }> = [];
    const others = 7 * HOURS.length - 1;
    let seeded = 0;
    let index = 0;
    for (let day = 0; day < 7; day += 1) {
      for (const hour of HOURS) {
        const kill = day === KILL_SLOT.day && hour === KILL_SLOT.hour;
        const count = kill
          ? KILL_SLOT_PEOPLE
          : Math.floor((PEOPLE - KILL_SLOT_PEOPLE) / others) +
            (index < (PEOPLE - KILL_SLOT_PEOPLE) % others ? 1 : 0);
        if (!kill) index += 1;
        const at = new Date(START.getTime() + day * 86_400_000 + hour * 3_600_000);
        const people = await seedDuePeople(database.db, {
          workspaceId: DEMO_TEAM_ID,
          prefix: `WK${day}${hour}`,
          count,
          dueAt: at,
          profileFetchedAt: START,
          emulator,
        });
        seeded += count;
        slots.push({ at, people, kill });
      }
    }
    expect(seeded).toBe(PEOPLE);
    emulator.reset();

    const timings: string[] = [];
    let killed: { held: string[]; heldAtKill: number } | undefined;
    let restartQueued = 0;
    for (const slot of slots) {
      const slotStarted = performance.now();
      // Three processes tick the same minute a few seconds apart: one leads, all send.
      const postsBefore = emulator.calls('chat.postMessage').length;
      const processes: TickProcess[] = Array.from({ length: PROCESSES }, (_, i) => i * 15).map((s) =>
        spawnTick(new Date(slot.at.getTime() + s * 1_000), env),
      );
      const exited = new Set<TickProcess>();
      for (const p of processes) void p.done.then(() => exited.add(p));
      if (slot.kill) {
        await emulator.waitFor(
          () => emulator.calls('chat.postMessage').length - postsBefore >= slot.people.length * 0.3,
          { timeoutMs: 60_000, description: '30% of the slot’s DMs' },
        );
        // The victim is a process caught mid-send: one holding a lease right now (instance names
        // are host:pid:random), else the first.
        const leasing = await database.db
          .selectFrom('outbox')
          .select('leased_by')
          .where('status', '=', 'sending')
          .where('channel', 'in', slot.people)
          .execute();
        const pids = new Set(leasing.map((r) => Number(String(r.leased_by).split(':')[1])));
        const running = processes.filter((p) => !exited.has(p));
        const victim = running.find((p) => p.pid !== undefined && pids.has(p.pid)) ?? running[0];
        if (!victim) throw new Error('every tick process had finished before 30% of the slot was sent');
        victim.kill('SIGKILL');
        const result = await victim.done;
        expect(result.signal).toBe('SIGKILL');
        const held = await database.db
          .selectFrom('outbox')
          .select('channel')
          .where('status', '=', 'sending')
          .where('channel', 'in', slot.people)
          .execute();
        const survivors = await Promise.all(processes.filter((p) => p !== victim).map((p) => p.done));
        for (const survivor of survivors) expectClean(survivor);
        // The killed process comes back later in the hour and leads a new minute: it queues whatever
        // the victim had not queued yet (it may have been killed while queueing) and sends the rest.
        const restarted = await spawnTick(new Date(slot.at.getTime() + 20 * 60_000), env).done;
        expectClean(restarted);
        restartQueued = restarted.summary?.jobs.checkins?.queued ?? 0;
        // Only the victim's claims can still be mid-send (leased to it, so nobody else took them).
        const stillHeld = await database.db
          .selectFrom('outbox')
          .select('channel')
          .where('status', '=', 'sending')
          .where('channel', 'in', slot.people)
          .execute();
        expect(stillHeld.length).toBeLessThanOrEqual(SENDERS_PER_PROCESS);
        killed = { held: stillHeld.map((h) => h.channel), heldAtKill: held.length };
      } else {
        const results = await Promise.all(processes.map((p) => p.done));
        for (const result of results) expectClean(result);
        const summaries = results.map((r) => r.summary);
        expect(summaries.filter((s) => s?.leader)).toHaveLength(1);
        expect(summaries.reduce((n, s) => n + (s?.jobs.checkins?.queued ?? 0), 0)).toBe(slot.people.length);
      }
      timings.push(
        `${slot.at.toISOString().slice(5, 13)}${slot.kill ? ' (kill)' : ''} ${slot.people.length} in ${((performance.now() - slotStarted) / 1000).toFixed(1)} s`,
      );
    }

    // After the lease, the first drain marks what the victim held as in doubt and sends nothing.
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
    const inDoubt = new Set(killed?.held ?? []);
    expect(afterLease).toMatchObject({ sent: 0, unknown: inDoubt.size, retried: 0 });

    const everyone = slots.flatMap((s) => s.people);
    const report = deliveryReport(emulator, everyone);
    const counts = await outboxStatusCounts(database.db, everyone);
    console.info(
      `three processes, one week: ${PEOPLE} people in ${slots.length} slots; killed one mid-fan-out (${killed?.heldAtKill} of the slot mid-send at the kill) with ${inDoubt.size} in doubt, its replacement queued ${restartQueued} more; ${report.once} got one, ${report.missing.length} none, ${report.duplicated.length} two or more; outbox ${JSON.stringify(counts)}; ${((performance.now() - started) / 1000).toFixed(1)} s (${timings.join('; ')})`,
    );
    expect(killed).toBeDefined();
    expect(report.duplicated).toEqual([]);
    expect(report.missing.filter((id) => !inDoubt.has(id))).toEqual([]);
    expect(report.once).toBeGreaterThanOrEqual(PEOPLE - SENDERS_PER_PROCESS);
    expect(emulator.calls('chat.postMessage').length).toBeLessThanOrEqual(PEOPLE);
    expect(counts).toMatchObject({
      pending: 0,
      sending: 0,
      dead: 0,
      sent: PEOPLE - inDoubt.size,
      unknown: inDoubt.size,
    });
    const checkins = await database.db
      .selectFrom('checkins')
      .select('user_id')
      .where('user_id', 'in', everyone)
      .execute();
    expect(checkins).toHaveLength(PEOPLE);
  }, 600_000);
});
