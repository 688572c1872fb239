import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { weekOfDue } from '../../../../src/domain/schedule/weekly-schedule.ts';
import { nextNudgeDue } from '../../../../src/domain/habits/nudge.service.ts';
import { habitNudgeKey } from '../../../../src/domain/outbox/message-kinds.ts';

describe('mid-week nudge schedule', () => {
  for (const zone of ['Europe/Oslo', 'America/New_York', 'Australia/Sydney']) {
    it(`falls on Wednesday 14:00 in ${zone}, once per ISO week, through a year of DST changes`, () => {
      const handled = new Set<string>();
      let next = nextNudgeDue(
        { zone, enabled: true, isWeekHandled: (w) => handled.has(w) },
        new Date('2026-01-01T00:00:00Z'),
      );
      let count = 0;
      while (next && next < new Date('2027-01-01T00:00:00Z')) {
        const local = DateTime.fromJSDate(next, { zone });
        expect([local.weekday, local.hour, local.minute]).toEqual([3, 14, 0]);
        const week = weekOfDue(next, zone);
        expect(handled.has(week)).toBe(false);
        handled.add(week);
        count += 1;
        next = nextNudgeDue({ zone, enabled: true, isWeekHandled: (w) => handled.has(w) }, next);
      }
      expect(count).toBe(52);
    });
  }

  it('is not scheduled when turned off or without a zone', () => {
    const from = new Date('2026-11-23T00:00:00Z');
    expect(
      nextNudgeDue({ zone: 'Europe/Oslo', enabled: false, isWeekHandled: () => false }, from),
    ).toBeNull();
    expect(nextNudgeDue({ zone: null, enabled: true, isWeekHandled: () => false }, from)).toBeNull();
  });

  it('has one idempotency key per person and ISO week', () => {
    expect(habitNudgeKey('T1', 'U1', '2026-W53')).toBe('habit-nudge:T1:U1:2026-W53');
  });
});
