import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTick } from '../../src/scheduler/scheduler.ts';
import { seedDuePeople } from '../support/checkin-population.ts';
import { trust } from '../support/promise-steps.ts';
import { pulseCallbackIds, teamBlockIds } from '../../src/slack/ids.ts';
import { pulseItemBlockIds } from '../../src/slack/blocks/pulse.blocks.ts';
import { ALICE_ID, BOB_ID, DEMO_TEAM_ID, KARI_ID, TEAM_CHANNEL_ID } from '../support/slack-emulator/seed.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClock } from '../support/test-clock.ts';
import { scaled } from './scale.ts';

// One app through a month of simulated time: the test clock moves hour by hour and each hour runs
// the scheduler's tick (check-ins, habit nudges, promise reminders, pulse closes) and sends what it
// queued, with people using the app every day. Heap (after a full GC) and the process's active
// handles are sampled at day 5 and at the end: they must stay flat.

const DAYS = scaled(30, 12);
const SAMPLE_DAY = 5;
/** People with a weekly check-in, spread over every weekday at 08, 09 and 10 UTC. */
const PEOPLE_PER_SLOT = scaled(15, 5);
const HOURS = [8, 9, 10];
const START = new Date('2027-03-01T00:00:00Z'); // a Monday
/** Heap may move this much between the samples (GC noise, caches filling up to their bound). */
const HEAP_TOLERANCE_BYTES = 10 * 1024 * 1024;
/** Pooled sockets and their timers come and go; a leak per tick (720) or per day would be far more. */
const HANDLE_TOLERANCE = 8;

const gc = (globalThis as { gc?: () => void }).gc;
const clock = new TestClock(START);
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t?.close();
});

interface Sample {
  day: number;
  heapUsed: number;
  rss: number;
  external: number;
  handles: Record<string, number>;
}

async function sample(day: number): Promise<Sample> {
  for (let i = 0; i < 3; i += 1) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const memory = process.memoryUsage();
  const handles: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) handles[kind] = (handles[kind] ?? 0) + 1;
  return { day, heapUsed: memory.heapUsed, rss: memory.rss, external: memory.external, handles };
}

/** `/trust pulse` and a submitted rating; 0 when no rating modal opened. */
async function ratePulse(userId: string, day: number): Promise<number> {
  const before = t.emulator.views(userId).length;
  await t.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId: TEAM_CHANNEL_ID, text: 'pulse' });
  const modal = await t.emulator
    .waitFor(() => t.emulator.views(userId)[before], { timeoutMs: 3_000 })
    .catch(() => undefined);
  if (modal?.body.callback_id !== pulseCallbackIds.rate) return 0;
  const values: Record<string, Record<string, unknown>> = {};
  Object.values(pulseItemBlockIds).forEach((id, i) => {
    const value = String(((day + i) % 5) + 1);
    values[id] = {
      [id]: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: value }, value } },
    };
  });
  t.emulator.setViewValues(modal.id, values as never);
  const response = await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId, viewId: modal.id });
  return response.status === 200 ? 1 : 0;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const handleCount = (s: Sample) => Object.values(s.handles).reduce((a, b) => a + b, 0);

describe(`a ${DAYS}-day soak`, () => {
  it('sends every weekly check-in once and keeps heap and handles flat', async () => {
    const started = performance.now();
    // The bulk: weekly check-ins for people at every weekday and hour slot.
    const slots: Array<{ ids: string[]; weekday: number; hour: number }> = [];
    for (let day = 0; day < 7; day += 1) {
      for (const hour of HOURS) {
        const dueAt = new Date(START.getTime() + day * 86_400_000 + hour * 3_600_000);
        const prefix = `SOAK${day}${hour}`;
        const ids = await seedDuePeople(t.database.db, {
          workspaceId: DEMO_TEAM_ID,
          prefix,
          count: PEOPLE_PER_SLOT,
          dueAt,
          profileFetchedAt: START,
          emulator: t.emulator,
        });
        slots.push({ ids, weekday: dueAt.getUTCDay(), hour });
      }
    }
    // The demo people make a team in the channel (weekly pulse rounds) and use habits.
    const before = t.emulator.views(ALICE_ID).length;
    await t.driver.command({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      channelId: TEAM_CHANNEL_ID,
      text: 'team setup',
    });
    const setup = await t.emulator.waitFor(() => t.emulator.views(ALICE_ID)[before]);
    t.emulator.setViewValues(setup.id, {
      [teamBlockIds.minGroupSize]: { [teamBlockIds.minGroupSize]: { type: 'number_input', value: '3' } },
    });
    await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: ALICE_ID, viewId: setup.id });
    for (const userId of [ALICE_ID, BOB_ID, KARI_ID]) await trust(t, userId, 'habits');

    const dmCounts = new Map<string, number>();
    const ticks: number[] = [];
    let sent = 0;
    const jobTotals: Record<string, Record<string, number>> = {};
    let ratings = 0;
    const samples: Sample[] = [];
    for (let day = 0; day < DAYS; day += 1) {
      // Every day somebody makes a promise due in two days, and people look at the app.
      clock.set(new Date(START.getTime() + day * 86_400_000 + 7 * 3_600_000));
      await trust(
        t,
        day % 2 === 0 ? ALICE_ID : BOB_ID,
        `promise <@${day % 2 === 0 ? BOB_ID : ALICE_ID}> soak task ${day} by tomorrow 5pm`,
      );
      await trust(t, KARI_ID, 'help');
      await t.driver.appHomeOpened({ teamId: DEMO_TEAM_ID, userId: BOB_ID });
      // Once a week the team rates its pulse (closed by the tick when the week ends).
      if (day % 7 === 1)
        for (const userId of [ALICE_ID, BOB_ID, KARI_ID]) ratings += await ratePulse(userId, day);
      for (let hour = 0; hour < 24; hour += 1) {
        const at = new Date(START.getTime() + day * 86_400_000 + hour * 3_600_000);
        clock.set(at);
        const tickStarted = performance.now();
        const summary = await runTick(t.app.scheduler, at, { waitForRetries: true, budgetMs: 30_000 });
        ticks.push(performance.now() - tickStarted);
        sent += summary.sent.sent;
        for (const [job, counts] of Object.entries(summary.jobs)) {
          const totals = (jobTotals[job] ??= {});
          for (const [key, n] of Object.entries(counts)) if (n !== 0) totals[key] = (totals[key] ?? 0) + n;
        }
      }
      t.app.outbox.kick();
      await t.app.outbox.idle();
      for (const message of t.emulator.messages()) {
        dmCounts.set(message.channel, (dmCounts.get(message.channel) ?? 0) + 1);
      }
      t.emulator.reset();
      if (day + 1 === SAMPLE_DAY || day + 1 === DAYS) samples.push(await sample(day + 1));
    }

    // Each bulk person got one check-in for each of their weekdays in the period, and exactly the
    // messages the outbox recorded as sent to them (nothing twice, nothing outside the outbox).
    const outbox = await t.database.db
      .selectFrom('outbox')
      .select(['kind', 'channel', 'idempotency_key'])
      .where('status', '=', 'sent')
      .execute();
    const sentTo = new Map<string, number>();
    const checkinsTo = new Map<string, number>();
    const kinds: Record<string, number> = {};
    for (const row of outbox) {
      sentTo.set(row.channel, (sentTo.get(row.channel) ?? 0) + 1);
      if (row.kind === 'checkin') checkinsTo.set(row.channel, (checkinsTo.get(row.channel) ?? 0) + 1);
      kinds[row.kind] = (kinds[row.kind] ?? 0) + 1;
    }
    const wrong: string[] = [];
    for (const slot of slots) {
      let expected = 0;
      for (let day = 0; day < DAYS; day += 1) {
        if (new Date(START.getTime() + day * 86_400_000).getUTCDay() === slot.weekday) expected += 1;
      }
      for (const id of slot.ids) {
        const checkins = checkinsTo.get(id) ?? 0;
        const dms = dmCounts.get(t.emulator.dmChannelId(id)) ?? 0;
        if (checkins !== expected) wrong.push(`${id}: ${checkins} check-ins of ${expected}`);
        if (dms !== (sentTo.get(id) ?? 0))
          wrong.push(`${id}: ${dms} DMs, outbox sent ${sentTo.get(id) ?? 0}`);
      }
    }
    const [first, last] = samples;
    const sorted = [...ticks].sort((a, b) => a - b);
    console.info(
      `soak: ${DAYS} days, ${slots.length * PEOPLE_PER_SLOT + 3} people, ${ticks.length} ticks (p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(0)} ms), ${sent} messages sent by ticks; ${ratings} pulse ratings; outbox sent ${JSON.stringify(kinds)}; jobs ${JSON.stringify(jobTotals)}; ` +
        samples
          .map(
            (s) =>
              `day ${s.day}: heap ${mb(s.heapUsed)}, rss ${mb(s.rss)}, external ${mb(s.external)}, ${handleCount(s)} handles ${JSON.stringify(s.handles)}`,
          )
          .join('; ') +
        `; gc ${gc ? 'forced' : 'not exposed'}; ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(sent).toBeGreaterThan(slots.length * PEOPLE_PER_SLOT);
    // The other scheduled work ran too: reminders, nudges and at least one pulse close.
    expect(kinds.promise_reminder ?? 0).toBeGreaterThan(0);
    expect(kinds.habit_nudge ?? 0).toBeGreaterThan(0);
    expect(jobTotals['pulse-rounds']?.closed ?? 0).toBeGreaterThan(0);
    expect(first && last).toBeTruthy();
    if (first && last) {
      expect(last.heapUsed - first.heapUsed).toBeLessThan(HEAP_TOLERANCE_BYTES);
      expect(Math.abs(handleCount(last) - handleCount(first))).toBeLessThanOrEqual(HANDLE_TOLERANCE);
    }
  }, 600_000);
});
