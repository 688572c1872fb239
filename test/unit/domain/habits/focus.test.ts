import { describe, expect, it } from 'vitest';
import { habitIds } from '../../../../src/domain/habits/catalogue.ts';
import {
  focusHabit,
  isWeekLabel,
  previousWeek,
  teamStartWeek,
  weekAt,
  weekIndex,
} from '../../../../src/domain/habits/focus.ts';

describe('weekly habit focus', () => {
  it('starts with the first habit in the team’s start week and rotates in a fixed order', () => {
    const start = '2026-W40';
    const weeks = ['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44'];
    expect(weeks.map((w) => focusHabit(start, w))).toEqual([...habitIds, habitIds[0]]);
  });

  it('keeps rotating across a year with an ISO week 53', () => {
    // 2026 has 53 ISO weeks: W52, W53, then 2027-W01 are three consecutive weeks.
    expect(isWeekLabel('2026-W53')).toBe(true);
    expect(isWeekLabel('2025-W53')).toBe(false);
    expect(weekIndex('2026-W53') - weekIndex('2026-W52')).toBe(1);
    expect(weekIndex('2027-W01') - weekIndex('2026-W53')).toBe(1);
    expect(previousWeek('2027-W01')).toBe('2026-W53');
    const start = '2026-W50';
    const seen = ['2026-W50', '2026-W51', '2026-W52', '2026-W53', '2027-W01', '2027-W02'].map((w) =>
      focusHabit(start, w),
    );
    expect(seen).toEqual([...habitIds, habitIds[0], habitIds[1]]);
  });

  it('shows each habit exactly once in every four consecutive weeks over several years', () => {
    const start = '2025-W07';
    const from = weekIndex('2025-W01');
    for (let i = from; i < from + 200; i += 1) {
      const four = [0, 1, 2, 3].map((d) => focusHabit(start, weekAt(i + d)));
      expect(new Set(four).size).toBe(4);
    }
  });

  it('wraps weeks before the start instead of failing', () => {
    expect(focusHabit('2026-W40', '2026-W39')).toBe(habitIds[3]);
  });

  it('takes the start week in the team’s own zone', () => {
    // Sunday 23:30 in UTC is already Monday of the next ISO week in Oslo.
    const created = new Date('2026-11-29T23:30:00Z');
    expect(teamStartWeek(created, 'UTC')).toBe('2026-W48');
    expect(teamStartWeek(created, 'Europe/Oslo')).toBe('2026-W49');
  });
});
