import { describe, expect, it } from 'vitest';
import {
  type ClosedRound,
  roundAt,
  roundEnd,
  roundLabel,
  roundResults,
  scoresOf,
  tallyOf,
} from '../../../../src/domain/pulse/pulse.ts';

const closed = (weekNumber: number, respondents: number, batch: number[][]): ClosedRound => ({
  round: { teamId: 't', week: { weekYear: 2027, weekNumber } },
  respondents,
  members: 6,
  tallies: tallyOf(
    batch.map(([credibility = 3, reliability = 3, intimacy = 3, selfOrientation = 3]) => ({
      credibility,
      reliability,
      intimacy,
      selfOrientation,
    })),
  ),
});

describe('pulse rounds', () => {
  it('are ISO weeks in the team’s zone and close at Monday 00:00 there', () => {
    // Sunday 23:30 UTC is already Monday in Oslo.
    const round = roundAt('t', new Date('2027-01-10T23:30:00Z'), 'Europe/Oslo');
    expect(roundLabel(round)).toBe('2027-W02');
    expect(roundEnd(round, 'Europe/Oslo').toISOString()).toBe('2027-01-17T23:00:00.000Z');
  });
});

describe('round results', () => {
  it('gives each part’s mean to one decimal and the trust index (C + R + I) / S', () => {
    const scores = scoresOf(
      closed(1, 3, [
        [4, 5, 4, 2],
        [5, 4, 4, 1],
        [4, 4, 3, 2],
      ]).tallies,
    );
    expect(scores?.means).toEqual({
      credibility: 4.3,
      reliability: 4.3,
      intimacy: 3.7,
      selfOrientation: 1.7,
    });
    expect(scores?.index).toBe(7.2); // 12.3 / 1.7
  });

  it('ranges from 0.6 to 15', () => {
    expect(scoresOf(closed(1, 1, [[1, 1, 1, 5]]).tallies)?.index).toBe(0.6);
    expect(scoresOf(closed(1, 1, [[5, 5, 5, 1]]).tallies)?.index).toBe(15);
  });

  it('shows no scores for a round kept as a count only, and the change from the previous scored round', () => {
    const results = roundResults([
      closed(1, 3, [
        [3, 3, 3, 3],
        [3, 3, 3, 3],
        [3, 3, 3, 3],
      ]),
      { ...closed(2, 2, []), tallies: [] },
      closed(3, 3, [
        [4, 4, 4, 3],
        [4, 4, 4, 3],
        [4, 4, 4, 3],
      ]),
    ]);
    expect(results.map((r) => r.label)).toEqual(['2027-W03', '2027-W02', '2027-W01']);
    expect(results[1]?.scores).toBeUndefined();
    expect(results[0]?.scores?.index).toBe(4);
    expect(results[0]?.change).toBe(1);
    expect(results[2]?.change).toBeUndefined();
  });
});
