import { describe, expect, it } from 'vitest';
import { habits } from '../../../../src/domain/habits/catalogue.ts';
import { focusHabit, weekAt, weekIndex } from '../../../../src/domain/habits/focus.ts';
import { keyedPermutation, tipIndexFor } from '../../../../src/domain/habits/tip-choice.ts';

const people = Array.from({ length: 40 }, (_, i) => ({ workspaceId: `T${i % 3}`, userId: `U${i}` }));
const starts = ['2025-W48', '2026-W01', '2026-W31', '2026-W50', '2026-W53'];

function tipCount(habitId: string): number {
  return habits.find((h) => h.id === habitId)?.tips.length ?? 0;
}

describe('tip choice', () => {
  it('never shows a person the same tip twice within 8 weeks over a simulated year (check-in and nudge)', () => {
    const first = weekIndex('2026-W27');
    for (const start of starts) {
      for (const person of people) {
        const shown: Array<{ week: number; tip: string }> = [];
        for (let i = first; i < first + 60; i += 1) {
          const week = weekAt(i);
          const habit = focusHabit(start, week);
          for (const slot of ['focus', 'nudge'] as const) {
            shown.push({
              week: i,
              tip: `${habit}#${tipIndexFor(person, habit, week, slot, tipCount(habit))}`,
            });
          }
        }
        for (const a of shown) {
          const repeats = shown.filter((b) => b !== a && b.tip === a.tip && Math.abs(b.week - a.week) < 8);
          expect(repeats, `${person.userId} from ${start}: ${a.tip} in week ${weekAt(a.week)}`).toEqual([]);
        }
      }
    }
  });

  it('is stable: the same person and week always get the same tip', () => {
    const person = { workspaceId: 'T1', userId: 'U1' };
    const a = tipIndexFor(person, 'no_gossip', '2026-W48', 'focus', 8);
    for (let i = 0; i < 5; i += 1) expect(tipIndexFor(person, 'no_gossip', '2026-W48', 'focus', 8)).toBe(a);
  });

  it('gives the nudge a different tip from the check-in in the same week', () => {
    for (const person of people) {
      expect(tipIndexFor(person, 'stand_up', '2026-W48', 'nudge', 8)).not.toBe(
        tipIndexFor(person, 'stand_up', '2026-W48', 'focus', 8),
      );
    }
  });

  it('orders tips differently for different people, and uses every tip', () => {
    const orders = new Set(people.map((p) => keyedPermutation(8, `${p.workspaceId}:${p.userId}:x`).join()));
    expect(orders.size).toBeGreaterThan(20);
    for (const order of orders) expect([...order.split(',')].sort().join()).toBe('0,1,2,3,4,5,6,7');
  });
});
