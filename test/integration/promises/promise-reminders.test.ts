import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runTick } from '../../../src/scheduler/scheduler.ts';
import { promiseActionIds, promiseCallbackIds } from '../../../src/slack/ids.ts';
import { click, dms, openModal, submitModal, trust } from '../../support/promise-steps.ts';
import { ALICE_ID, BOB_ID } from '../../support/slack-emulator/seed.ts';
import type { StoredMessage } from '../../support/slack-emulator/types.ts';
import { usePromiseTestApp } from '../../support/file-test-app.ts';

// The app checks request timestamps against its clock, and Bolt checks them against Date.now, so
// a simulated day must be the process's Date for everyone: the app, Bolt, the emulator and the
// driver. Only Date is faked (timers stay real) and it keeps moving, so waits still work. It only
// ever moves forward: HTTP keep-alive bookkeeping does not survive time running backwards.
vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });

/** Moves the simulated present forward to `iso` (tests run in date order). */
function setNow(iso: string): void {
  const at = new Date(iso);
  if (at.getTime() < Date.now()) throw new Error(`simulated time may only move forward, not to ${iso}`);
  vi.setSystemTime(at);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TICK = 15 * MINUTE;

beforeAll(() => {
  setNow('2027-03-01T12:00:00Z');
});
// Registered before the app's hooks, so it runs after the app has closed (after-hooks run in reverse).
afterAll(() => {
  vi.useRealTimers();
});
const t = usePromiseTestApp({ alsoClear: ['tick_claims'] });
afterEach(async () => {
  await t.app.outbox.idle();
});

const reminderTexts = {
  midpoint: 'Halfway there',
  day_before: 'Due in 24 hours',
  due: 'Due now',
  overdue: 'was due',
} as const;
type Kind = keyof typeof reminderTexts;

function kindOf(message: StoredMessage): Kind | undefined {
  return (Object.keys(reminderTexts) as Kind[]).find((k) => message.text.includes(reminderTexts[k]));
}

/** The reminders a person has received, by kind, with the simulated instant of the tick that sent them. */
type Received = Array<{ kind: Kind; at: Date; message: StoredMessage }>;

/**
 * Runs scheduler passes in [from, to], noting what reached `owner`: every 15 simulated minutes
 * within an hour of each moment in `around` (the reminder moments the test expects, a restart), and
 * every 2 hours in between. A send at the wrong moment still shows: the tick just before a moment
 * and the one at it are always run, so early or late is caught as with a pass every 15 minutes; a
 * repeat shows at the next pass, and 2 hours is well inside the 6-hour catch-up window.
 */
async function tickThrough(
  owner: string,
  from: Date,
  to: Date,
  received: Received,
  around: Date[],
  between?: (at: Date) => Promise<void>,
) {
  for (const at of tickInstants(from, to, around)) {
    await between?.(at);
    const before = dms(t, owner).length;
    const { sent } = await runTick(t.app.scheduler, at);
    expect({ dead: sent.dead, unknown: sent.unknown }, `sends at ${at.toISOString()}`).toEqual({
      dead: 0,
      unknown: 0,
    });
    for (const message of dms(t, owner).slice(before)) {
      const kind = kindOf(message);
      if (kind) received.push({ kind, at, message });
    }
  }
}

const BETWEEN_MOMENTS = 2 * HOUR;

function tickInstants(from: Date, to: Date, around: Date[]): Date[] {
  const first = alignToTick(from).getTime();
  const instants: Date[] = [];
  for (let at = first; at <= to.getTime(); at += TICK) {
    const near = around.some((moment) => Math.abs(at - moment.getTime()) <= HOUR);
    if (at === first || near || at % BETWEEN_MOMENTS === 0) instants.push(new Date(at));
  }
  return instants;
}

function alignToTick(at: Date): Date {
  return new Date(Math.ceil(at.getTime() / TICK) * TICK);
}

async function promiseRow() {
  return t.database.db.selectFrom('promises').selectAll().executeTakeFirstOrThrow();
}

/** Each kind once, at the first tick at or after its moment. */
function expectOnceEach(received: Received, moments: Record<Kind, Date>) {
  expect(received.map((r) => r.kind)).toEqual(['midpoint', 'day_before', 'due', 'overdue']);
  for (const { kind, at } of received) {
    const late = at.getTime() - moments[kind].getTime();
    expect(late, kind).toBeGreaterThanOrEqual(0);
    expect(late, kind).toBeLessThan(TICK);
  }
}

function momentsOf(row: { created_at: Date; due_at: Date }): Record<Kind, Date> {
  const start = row.created_at.getTime();
  const due = row.due_at.getTime();
  return {
    midpoint: new Date(start + (due - start) / 2),
    day_before: new Date(due - DAY),
    due: new Date(due),
    overdue: new Date(due + DAY),
  };
}

/** Where the passes must be every 15 minutes: at each of the promise's reminder moments. */
function aroundMoments(row: { created_at: Date; due_at: Date }): Date[] {
  return Object.values(momentsOf(row));
}

describe('promise reminders across a daylight-saving change', () => {
  it('reminds an owner in New York exactly once each when clocks go forward on 2027-03-14', async () => {
    // Thursday 11 March 2027, 09:00 in New York (EST, UTC-5).
    setNow('2027-03-11T14:00:00Z');
    await trust(t, BOB_ID, `promise <@${ALICE_ID}> review the contract by monday 9am`);
    const row = await promiseRow();
    expect(row.due_at.toISOString()).toBe('2027-03-15T13:00:00.000Z');

    const received: Received = [];
    await tickThrough(BOB_ID, row.created_at, new Date('2027-03-16T14:00:00Z'), received, aroundMoments(row));
    expectOnceEach(received, momentsOf(row));
    expect(received.find((r) => r.kind === 'due')?.message.text).toContain('Due now');
  });

  it('reminds an owner in Oslo exactly once each, on time, when clocks go forward on 2027-03-28', async () => {
    // Thursday 25 March 2027, 10:00 in Oslo (CET, UTC+1).
    setNow('2027-03-25T09:00:00Z');
    await trust(t, ALICE_ID, `promise <@${BOB_ID}> ship the release notes by monday 3pm`);
    const row = await promiseRow();
    // Monday 15:00 is after the change, so it is 15:00 CEST (UTC+2), not the offset of today.
    expect(row.due_at.toISOString()).toBe('2027-03-29T13:00:00.000Z');

    const received: Received = [];
    await tickThrough(
      ALICE_ID,
      row.created_at,
      new Date('2027-03-30T14:00:00Z'),
      received,
      aroundMoments(row),
    );
    expectOnceEach(received, momentsOf(row));
    // 24 h before is Sunday 15:00, already summer time.
    expect(received.find((r) => r.kind === 'day_before')?.at.toISOString()).toBe('2027-03-28T13:00:00.000Z');
    for (const { message } of received) {
      expect(message.blocks.some((b) => JSON.stringify(b).includes(promiseActionIds.newDate))).toBe(true);
    }
  });
});

describe('promise reminders and restarts', () => {
  it('loses none and doubles none when the app restarts between two reminders', async () => {
    // Thursday 28 October 2027, 10:00 in Oslo (CEST); clocks go back on Sunday 31 October.
    setNow('2027-10-28T08:00:00Z');
    await trust(t, ALICE_ID, `promise <@${BOB_ID}> ship the release notes by monday 3pm`);
    const row = await promiseRow();
    expect(row.due_at.toISOString()).toBe('2027-11-01T14:00:00.000Z');
    const received: Received = [];
    const restartAt = new Date('2027-10-31T20:00:00Z'); // after 24 h before, before the due time
    const around = [...aroundMoments(row), restartAt];
    await tickThrough(
      ALICE_ID,
      row.created_at,
      new Date('2027-11-02T15:00:00Z'),
      received,
      around,
      async (at) => {
        if (at.getTime() === restartAt.getTime()) {
          expect(received.map((r) => r.kind)).toEqual(['midpoint', 'day_before']);
          await t.restart();
        }
      },
    );
    expectOnceEach(received, momentsOf(row));
    // A second pass over the same instants sends nothing more.
    const again: Received = [];
    await t.database.db.deleteFrom('tick_claims').execute();
    await tickThrough(ALICE_ID, row.created_at, new Date('2027-11-02T15:00:00Z'), again, around);
    expect(again).toEqual([]);
  });
});

describe('promise reminder rules', () => {
  it('marks an untouched promise missed 7 days after it was due, and reminds no more', async () => {
    setNow('2027-11-04T09:00:00Z');
    await trust(t, ALICE_ID, `promise <@${BOB_ID}> ship it by tomorrow 3pm`);
    const row = await promiseRow();
    const received: Received = [];
    await tickThrough(
      ALICE_ID,
      row.created_at,
      new Date(row.due_at.getTime() + DAY + HOUR),
      received,
      aroundMoments(row),
    );
    // 29 hours ahead: 24 h before, due and overdue, but no midpoint nudge (that is for over 2 days).
    expect(received.map((r) => r.kind)).toEqual(['day_before', 'due', 'overdue']);

    await runTick(t.app.scheduler, new Date(row.due_at.getTime() + 7 * DAY - MINUTE));
    expect((await promiseRow()).state).toBe('open');
    const summary = await runTick(t.app.scheduler, new Date(row.due_at.getTime() + 7 * DAY + MINUTE));
    expect(summary.jobs.promise_reminders).toMatchObject({ missed: 1 });
    expect(await promiseRow()).toMatchObject({ state: 'missed', next_reminder_at: null });
    await runTick(t.app.scheduler, new Date(row.due_at.getTime() + 30 * DAY));
    expect(dms(t, ALICE_ID).filter((m) => kindOf(m))).toHaveLength(3);
  });

  it('skips a reminder missed by downtime longer than the catch-up window, but still sends the overdue one', async () => {
    setNow('2027-12-09T09:00:00Z');
    await trust(t, ALICE_ID, `promise <@${BOB_ID}> ship it by tomorrow 3pm`);
    const row = await promiseRow();
    // Down from before the due time until 7 hours after it (the catch-up window is 6 hours).
    const back = new Date(row.due_at.getTime() + 7 * HOUR);
    const summary = await runTick(t.app.scheduler, back);
    expect(summary.jobs.promise_reminders).toMatchObject({ skippedLate: 1, reminded: 0 });
    const received: Received = [];
    await tickThrough(ALICE_ID, back, new Date(row.due_at.getTime() + 2 * DAY), received, aroundMoments(row));
    expect(received.map((r) => r.kind)).toEqual(['overdue']);
  });

  it('restarts the reminders from a new date, and the old ones never fire', async () => {
    setNow('2027-12-16T09:00:00Z');
    await trust(t, ALICE_ID, `promise <@${BOB_ID}> ship it by saturday 3pm`);
    const row = await promiseRow();
    const received: Received = [];
    const dayBefore = new Date(row.due_at.getTime() - DAY);
    await tickThrough(ALICE_ID, row.created_at, dayBefore, received, aroundMoments(row));
    expect(received.map((r) => r.kind)).toEqual(['midpoint', 'day_before']);

    // Alice moves it from the 24-hours-before reminder, four days later at the same time.
    setNow(new Date(dayBefore.getTime() + MINUTE).toISOString());
    const reminder = received.at(-1)?.message;
    if (!reminder) throw new Error('no reminder');
    await click(t, ALICE_ID, reminder, promiseActionIds.newDate);
    const view = await openModal(t, ALICE_ID, promiseCallbackIds.newDate);
    const answer = await submitModal(t, ALICE_ID, view, { date: '2027-12-23', time: '15:00' });
    expect(answer?.response_action).toBe('update');
    const moved = await promiseRow();
    expect(moved.due_at.toISOString()).toBe('2027-12-23T14:00:00.000Z');

    const after: Received = [];
    // Densely around the old moments (nothing may come) and the new ones, counted from the move.
    const movedMoments = aroundMoments({ created_at: moved.updated_at, due_at: moved.due_at });
    await tickThrough(ALICE_ID, dayBefore, new Date('2027-12-24T15:00:00Z'), after, [
      ...aroundMoments(row),
      ...movedMoments,
    ]);
    // From the new date: halfway, 24 h before, due and overdue; nothing for the old Saturday.
    expect(after.map((r) => r.kind)).toEqual(['midpoint', 'day_before', 'due', 'overdue']);
    expect(after.every((r) => r.at.getTime() > row.due_at.getTime() - DAY)).toBe(true);
    const start = moved.updated_at.getTime();
    expect(after[0]?.at.getTime()).toBeGreaterThanOrEqual(
      start + (moved.due_at.getTime() - start) / 2 - TICK,
    );
  });

  it('stops reminding once the promise is kept', async () => {
    setNow('2028-01-06T09:00:00Z');
    await trust(t, ALICE_ID, `promise <@${BOB_ID}> ship it by monday 3pm`);
    const row = await promiseRow();
    const received: Received = [];
    await tickThrough(
      ALICE_ID,
      row.created_at,
      new Date(row.due_at.getTime() - DAY),
      received,
      aroundMoments(row),
    );
    const reminder = received.at(-1)?.message;
    if (!reminder) throw new Error('no reminder');
    await click(t, ALICE_ID, reminder, promiseActionIds.kept);
    expect((await promiseRow()).state).toBe('kept');
    await tickThrough(
      ALICE_ID,
      new Date(row.due_at.getTime() - DAY),
      new Date(row.due_at.getTime() + 2 * DAY),
      received,
      aroundMoments(row),
    );
    expect(received.map((r) => r.kind)).toEqual(['midpoint', 'day_before']);
  });
});
