import { describe, expect, it } from 'vitest';
import type { RoundResult } from '../../../../src/domain/pulse/pulse.ts';
import { SPARKLINE_GAP, sparkline, trendOf } from '../../../../src/domain/pulse/trend.ts';

const result = (weekYear: number, weekNumber: number, index: number | undefined): RoundResult => ({
  week: { weekYear, weekNumber },
  label: `${weekYear}-W${String(weekNumber).padStart(2, '0')}`,
  respondents: 5,
  members: 6,
  scores:
    index === undefined
      ? undefined
      : { means: { credibility: 4, reliability: 4, intimacy: 4, selfOrientation: 2 }, index },
  change: undefined,
});

describe('trendOf', () => {
  it('lists the weeks oldest first across a year end (2026 has 53 weeks), with gaps for missing and withheld rounds', () => {
    const points = trendOf(
      [result(2027, 2, 6), result(2027, 1, undefined), result(2026, 52, 5.5)],
      { weekYear: 2027, weekNumber: 2 },
      5,
    );
    expect(points.map((p) => p.label)).toEqual(['2026-W51', '2026-W52', '2026-W53', '2027-W01', '2027-W02']);
    expect(points.map((p) => p.index)).toEqual([undefined, 5.5, undefined, undefined, 6]);
  });

  it('crosses ISO week 53', () => {
    const points = trendOf([], { weekYear: 2027, weekNumber: 1 }, 2);
    expect(points.map((p) => p.label)).toEqual(['2026-W53', '2027-W01']);
  });
});

describe('sparkline', () => {
  it('scales between the lowest and highest value and keeps gaps', () => {
    expect(sparkline([1, undefined, 8, 4.5])).toBe(`▁${SPARKLINE_GAP}█▅`);
  });
  it('draws a flat series in the middle and an empty one as gaps', () => {
    expect(sparkline([3, 3])).toBe('▄▄');
    expect(sparkline([undefined, undefined])).toBe(SPARKLINE_GAP.repeat(2));
  });
});
