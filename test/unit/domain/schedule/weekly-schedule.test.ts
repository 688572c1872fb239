import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  decideDue,
  isPaused,
  nextWeeklyDue,
  weekOfDue,
} from '../../../../src/domain/schedule/weekly-schedule.ts';

const zones = ['America/New_York', 'Europe/Oslo', 'Asia/Tokyo', 'Australia/Lord_Howe', 'Pacific/Chatham'];
// Sunday targets sit on the DST switches of these zones: 02:30 falls in spring-forward gaps,
// 01:30 in fall-back overlaps (Lord Howe's and Chatham's differ; the sweep covers both).
const targets = [
  { weekday: 1, time: '10:00' },
  { weekday: 7, time: '02:30' },
  { weekday: 7, time: '01:30' },
  { weekday: 7, time: '02:50' },
];

/** Runs the schedule the way the minute tick does, from `start` to `end`, and lists what was sent. */
function simulate(zone: string, target: { weekday: number; time: string }, start: Date, end: Date) {
  const handled = new Set<string>();
  const sent: Array<{ week: string; at: Date }> = [];
  let next = nextWeeklyDue(
    { target, zone, optedOut: false, pausedUntil: null, isWeekHandled: (w) => handled.has(w) },
    start,
  );
  while (next && next < end) {
    const tickAt = new Date(Math.ceil(next.getTime() / 60_000) * 60_000);
    const week = weekOfDue(next, zone);
    expect(handled.has(week)).toBe(false);
    handled.add(week);
    sent.push({ week, at: next });
    next = nextWeeklyDue(
      { target, zone, optedOut: false, pausedUntil: null, isWeekHandled: (w) => handled.has(w) },
      tickAt,
    );
  }
  return sent;
}

describe('weekly check-in schedule across every 2026–2027 DST change', () => {
  const start = new Date('2026-01-01T00:00:00Z');
  const end = new Date('2028-01-01T00:00:00Z');

  for (const zone of zones) {
    for (const target of targets) {
      it(`sends exactly one check-in per ISO week in ${zone} at ${target.time} on day ${target.weekday}`, () => {
        const sent = simulate(zone, target, start, end);
        const weeks = sent.map((s) => s.week);
        expect(new Set(weeks).size).toBe(weeks.length);
        // 2026-W01 … 2027-W52: every ISO week whose target falls inside the window.
        expect(weeks.length).toBeGreaterThanOrEqual(103);
        expect(weeks.length).toBeLessThanOrEqual(105);
        for (const { at } of sent) {
          const local = DateTime.fromJSDate(at, { zone });
          expect(local.weekday).toBe(target.weekday);
          const [hour, minute] = target.time.split(':').map(Number);
          const wanted = (hour ?? 0) * 60 + (minute ?? 0);
          const actual = local.hour * 60 + local.minute;
          // On time, or (inside a spring-forward gap) at the end of the gap, at most 1 h later.
          expect(actual - wanted).toBeGreaterThanOrEqual(0);
          expect(actual - wanted).toBeLessThanOrEqual(60);
        }
      });
    }
  }

  it('fires a target inside the spring-forward gap right when the gap ends', () => {
    const next = nextWeeklyDue(
      {
        target: { weekday: 7, time: '02:30' },
        zone: 'Europe/Oslo',
        optedOut: false,
        pausedUntil: null,
        isWeekHandled: () => false,
      },
      new Date('2027-03-27T12:00:00Z'),
    );
    expect(next?.toISOString()).toBe('2027-03-28T01:00:00.000Z'); // 03:00 CEST
  });

  it('fires a target in the fall-back overlap once, at its first occurrence', () => {
    const handled = new Set<string>();
    const input = {
      target: { weekday: 7, time: '01:30' },
      zone: 'America/New_York',
      optedOut: false,
      pausedUntil: null,
      isWeekHandled: (w: string) => handled.has(w),
    };
    const first = nextWeeklyDue(input, new Date('2026-10-31T12:00:00Z'));
    expect(first?.toISOString()).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT, before the clocks go back
    handled.add(weekOfDue(first as Date, 'America/New_York'));
    const second = nextWeeklyDue(input, new Date('2026-11-01T06:30:00Z')); // 01:30 EST, the repeat
    expect(second?.toISOString()).toBe('2026-11-08T06:30:00.000Z');
  });
});

describe('the check-in schedule', () => {
  const base = {
    target: { weekday: 1, time: '10:00' },
    zone: 'Europe/Oslo',
    optedOut: false,
    pausedUntil: null,
  };

  it('aims at the next target at or after now in a week not yet handled', () => {
    const monday9 = new Date('2026-11-23T08:00:00Z');
    expect(nextWeeklyDue({ ...base, isWeekHandled: () => false }, monday9)?.toISOString()).toBe(
      '2026-11-23T09:00:00.000Z',
    );
    expect(nextWeeklyDue({ ...base, isWeekHandled: (w) => w === '2026-W48' }, monday9)?.toISOString()).toBe(
      '2026-11-30T09:00:00.000Z',
    );
  });

  it('waits for next week when this week’s time has passed', () => {
    const tuesday = new Date('2026-11-24T08:00:00Z');
    expect(nextWeeklyDue({ ...base, isWeekHandled: () => false }, tuesday)?.toISOString()).toBe(
      '2026-11-30T09:00:00.000Z',
    );
  });

  it('resumes after a pause on the first target on or after the day', () => {
    const next = nextWeeklyDue(
      { ...base, pausedUntil: '2026-12-15', isWeekHandled: () => false },
      new Date('2026-11-23T08:00:00Z'),
    );
    expect(next?.toISOString()).toBe('2026-12-21T09:00:00.000Z');
  });

  it('has no next check-in when opted out or without a usable time zone', () => {
    const now = new Date('2026-11-23T08:00:00Z');
    expect(nextWeeklyDue({ ...base, optedOut: true, isWeekHandled: () => false }, now)).toBeNull();
    expect(nextWeeklyDue({ ...base, zone: null, isWeekHandled: () => false }, now)).toBeNull();
    expect(nextWeeklyDue({ ...base, zone: 'Mars/Olympus', isWeekHandled: () => false }, now)).toBeNull();
  });

  it('sends late within the catch-up window and skips beyond it', () => {
    const due = new Date('2026-11-23T09:00:00Z');
    const sixHours = 6 * 60 * 60 * 1000;
    expect(decideDue(due, new Date('2026-11-23T09:50:00Z'), sixHours)).toBe('send');
    expect(decideDue(due, new Date('2026-11-23T23:00:00Z'), sixHours)).toBe('skip_late');
  });

  it('keeps a person paused until the start of the pause day in their own zone', () => {
    // 2026-12-01 starts at 2026-11-30T23:00Z in Oslo and at 2026-12-01T05:00Z in New York.
    expect(isPaused('2026-12-01', 'Europe/Oslo', new Date('2026-11-30T22:59:00Z'))).toBe(true);
    expect(isPaused('2026-12-01', 'Europe/Oslo', new Date('2026-11-30T23:00:00Z'))).toBe(false);
    expect(isPaused('2026-12-01', 'America/New_York', new Date('2026-12-01T04:59:00Z'))).toBe(true);
    expect(isPaused('2026-12-01', null, new Date('2026-11-30T23:59:00Z'))).toBe(true);
    expect(isPaused(null, 'Europe/Oslo', new Date('2026-11-30T12:00:00Z'))).toBe(false);
    expect(isPaused('not a day', 'Europe/Oslo', new Date('2026-11-30T12:00:00Z'))).toBe(false);
  });
});
