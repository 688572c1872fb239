import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextWeeklyDue } from '../../../../src/domain/schedule/weekly-schedule.ts';
import { localToInstant, weeklyTargetInstant } from '../../../../src/domain/schedule/local-time.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Transition {
  zone: string;
  /** The instant the offset changes. */
  at: number;
  /** Offsets in minutes before and after. */
  before: number;
  after: number;
}

/** Every offset change of every zone the runtime knows, in [from, to): sampled, then bisected to the ms. */
function transitions(from: number, to: number): Transition[] {
  const found: Transition[] = [];
  // ICU still lists some zones under older names (America/Godthab for America/Nuuk): add the new ones.
  for (const name of new Set([...Intl.supportedValuesOf('timeZone'), 'America/Nuuk', 'Europe/Kyiv'])) {
    const zone = IANAZone.create(name);
    if (!zone.isValid) continue;
    // No zone changes its offset twice within 5 days.
    const step = 5 * DAY;
    let previous = zone.offset(from);
    for (let t = from + step; t < to + step; t += step) {
      const offset = zone.offset(t);
      if (offset === previous) continue;
      let lo = t - step;
      let hi = t;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (zone.offset(mid) === previous) lo = mid;
        else hi = mid;
      }
      found.push({ zone: name, at: hi, before: previous, after: offset });
      previous = offset;
    }
  }
  return found;
}

/** A wall time given as "naive" milliseconds (the local clock read as if it were UTC). */
function wall(naive: number) {
  const d = new Date(naive);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

const all = transitions(Date.UTC(2026, 0, 1), Date.UTC(2029, 0, 1));
const gaps = all.filter((t) => t.after > t.before);
const overlaps = all.filter((t) => t.after < t.before);

describe('local wall times across every time-zone change of 2026–2028', () => {
  it('finds the changes of the whole tz database', () => {
    expect(gaps.length).toBeGreaterThan(100);
    expect(overlaps.length).toBeGreaterThan(100);
    expect(gaps.some((t) => t.zone === 'America/Nuuk')).toBe(true);
  });

  it('resolves every wall time inside a spring-forward gap to the end of the gap', () => {
    const wrong: string[] = [];
    for (const t of gaps) {
      const gapStart = t.at + t.before * MINUTE; // first missing wall time (naive)
      const gapEnd = t.at + t.after * MINUTE; // first wall time that exists again
      for (const naive of [
        gapStart,
        Math.floor((gapStart + gapEnd) / 2 / MINUTE) * MINUTE,
        gapEnd - MINUTE,
      ]) {
        const got = localToInstant(wall(naive), t.zone).getTime();
        if (got !== t.at)
          wrong.push(`${t.zone} ${JSON.stringify(wall(naive))} → ${new Date(got).toISOString()}`);
      }
      // The first wall time after the gap is simply itself.
      if (localToInstant(wall(gapEnd), t.zone).getTime() !== t.at) wrong.push(`${t.zone} end of gap`);
    }
    expect(wrong).toEqual([]);
  });

  it('resolves every wall time of a fall-back overlap once, to its first occurrence', () => {
    const wrong: string[] = [];
    for (const t of overlaps) {
      const overlapStart = t.at + t.after * MINUTE; // first repeated wall time (naive)
      const overlapEnd = t.at + t.before * MINUTE;
      for (const naive of [
        overlapStart,
        Math.floor((overlapStart + overlapEnd) / 2 / MINUTE) * MINUTE,
        overlapEnd - MINUTE,
      ]) {
        const first = naive - t.before * MINUTE;
        const got = localToInstant(wall(naive), t.zone).getTime();
        if (got !== first)
          wrong.push(`${t.zone} ${JSON.stringify(wall(naive))} → ${new Date(got).toISOString()}`);
      }
      // Just outside the overlap there is one occurrence each.
      const justBefore = overlapStart - MINUTE;
      if (localToInstant(wall(justBefore), t.zone).getTime() !== justBefore - t.before * MINUTE)
        wrong.push(`${t.zone} before the overlap`);
      if (localToInstant(wall(overlapEnd), t.zone).getTime() !== overlapEnd - t.after * MINUTE)
        wrong.push(`${t.zone} after the overlap`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('a DST gap across midnight (America/Nuuk, America/Scoresbysund)', () => {
  // 2027-03-27: clocks jump from Saturday 23:00 (-02) to Sunday 00:00 (-01), at 01:00 UTC.
  for (const zone of ['America/Nuuk', 'America/Scoresbysund']) {
    it(`fires a Saturday 23:30 check-in in ${zone} at the end of the gap, Sunday 00:00`, () => {
      const gapEnd = gaps.find((t) => t.zone === zone && new Date(t.at).getUTCFullYear() === 2027);
      expect(gapEnd).toBeDefined();
      const due = weeklyTargetInstant(
        { weekYear: 2027, weekNumber: 12 },
        { weekday: 6, time: '23:30' },
        zone,
      );
      expect(due.getTime()).toBe(gapEnd?.at);
      const next = nextWeeklyDue(
        {
          target: { weekday: 6, time: '23:30' },
          zone,
          optedOut: false,
          pausedUntil: null,
          isWeekHandled: () => false,
        },
        new Date(due.getTime() - DAY),
      );
      expect(next?.getTime()).toBe(gapEnd?.at);
    });
  }
});
