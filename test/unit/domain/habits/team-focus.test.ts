import { describe, expect, it } from 'vitest';
import { habitIds } from '../../../../src/domain/habits/catalogue.ts';
import { focusHabit, weekAt, weekIndex } from '../../../../src/domain/habits/focus.ts';
import { habitForPart, teamFocus } from '../../../../src/domain/habits/team-focus.ts';
import { PULSE_ITEMS, type PulseItem, type RoundResult } from '../../../../src/domain/pulse/pulse.ts';

const START = '2026-W30';
const even: Record<PulseItem, number> = { credibility: 4, reliability: 4, intimacy: 4, selfOrientation: 2 };

/** A closed round in `week` whose weakest part is `weak` (undefined: below k, no scores). */
function round(week: string, weak: PulseItem | undefined): RoundResult {
  const means = { ...even };
  if (weak === 'selfOrientation') means.selfOrientation = 3.5;
  else if (weak) means[weak] = 2.5;
  const [y, w] = week.split('-W');
  return {
    week: { weekYear: Number(y), weekNumber: Number(w) },
    label: week,
    respondents: weak ? 5 : 2,
    members: 6,
    scores: weak ? { means, index: 5 } : undefined,
    change: undefined,
  };
}

const weeksFrom = (first: string, count: number) =>
  Array.from({ length: count }, (_, i) => weekAt(weekIndex(first) + i));

describe('a team’s habit focus from its pulse', () => {
  it('follows the plain rotation until three rounds with results have closed', () => {
    const results = [round('2026-W40', 'reliability'), round('2026-W41', 'reliability')];
    for (const week of weeksFrom('2026-W30', 16)) {
      expect(teamFocus(START, results, week)).toEqual({
        habit: focusHabit(START, week),
        reason: { kind: 'rotation' },
      });
    }
  });

  it('ignores rounds below k: three closed rounds, one without results, keep the rotation', () => {
    const results = [
      round('2026-W40', 'reliability'),
      round('2026-W41', undefined),
      round('2026-W42', 'reliability'),
    ];
    expect(teamFocus(START, results, '2026-W43')).toEqual({
      habit: focusHabit(START, '2026-W43'),
      reason: { kind: 'rotation' },
    });
  });

  it('maps each weakest part to its habit from the week after the third round with results', () => {
    expect(habitForPart).toEqual({
      credibility: 'stand_up',
      reliability: 'keep_promises',
      intimacy: 'no_gossip',
      selfOrientation: 'assume_best',
    });
    for (const part of PULSE_ITEMS) {
      const results = ['2026-W40', '2026-W41', '2026-W42'].map((w) => round(w, part));
      // W42's round closes when W43 begins: W42 itself is still the rotation.
      expect(teamFocus(START, results, '2026-W42').reason).toEqual({ kind: 'rotation' });
      expect(teamFocus(START, results, '2026-W43')).toEqual({
        habit: habitForPart[part],
        reason: { kind: 'weakest_part', part },
      });
    }
  });

  it('never keeps one habit more than two weeks running: the third goes to the next in the rotation', () => {
    const results = weeksFrom('2026-W39', 20).map((w) => round(w, 'reliability'));
    const focus = weeksFrom('2026-W42', 9).map((w) => teamFocus(START, results, w));
    const keep = 'keep_promises';
    const next = habitIds[(habitIds.indexOf(keep) + 1) % habitIds.length];
    // W41, the last rotation week, had keep promises already, so W42 is its second week.
    expect(focusHabit(START, '2026-W41')).toBe(keep);
    expect(focus.map((f) => f.habit)).toEqual([keep, next, keep, keep, next, keep, keep, next, keep]);
    expect(focus[1]?.reason).toEqual({ kind: 'rest_week', part: 'reliability', rested: keep });
  });

  it('has no three weeks running with the same habit, whatever the pulse does', () => {
    const parts: Array<PulseItem | undefined> = [
      'reliability',
      'reliability',
      undefined,
      'intimacy',
      'reliability',
      'reliability',
      'reliability',
      'selfOrientation',
      undefined,
      undefined,
      'credibility',
      'credibility',
      'reliability',
      'intimacy',
      'intimacy',
      'intimacy',
      'intimacy',
      'reliability',
      'reliability',
      'reliability',
    ];
    for (const start of ['2026-W28', '2026-W29', '2026-W30', '2026-W31']) {
      const results = parts.map((p, i) => round(weekAt(weekIndex('2026-W36') + i), p));
      const habits = weeksFrom('2026-W36', 30).map((w) => teamFocus(start, results, w).habit);
      for (let i = 2; i < habits.length; i += 1) {
        expect(habits[i] === habits[i - 1] && habits[i] === habits[i - 2], `week ${i} from ${start}`).toBe(
          false,
        );
      }
    }
  });

  it('decides a week from the rounds closed before it, so later rounds never rewrite it', () => {
    const early = ['2026-W40', '2026-W41', '2026-W42', '2026-W43'].map((w) => round(w, 'intimacy'));
    const later = [...early, ...['2026-W44', '2026-W45', '2026-W46'].map((w) => round(w, 'credibility'))];
    for (const week of weeksFrom('2026-W40', 5)) {
      expect(teamFocus(START, later, week)).toEqual(teamFocus(START, early, week));
    }
    // Once credibility has been lowest for long enough, the focus follows it.
    expect(teamFocus(START, later, '2026-W47').reason).toMatchObject({ part: 'credibility' });
  });
});
