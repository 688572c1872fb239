import { describe, expect, it } from 'vitest';
import { practiceFor, practices } from '../../../../src/domain/coaching/practices.ts';
import { COACHING_ROUNDS, weakestPart } from '../../../../src/domain/coaching/weakest-part.ts';
import { PULSE_ITEMS, type PulseItem, type RoundResult } from '../../../../src/domain/pulse/pulse.ts';

type Means = Record<PulseItem, number>;
const even: Means = { credibility: 4, reliability: 4, intimacy: 4, selfOrientation: 2 };

const round = (weekNumber: number, means: Partial<Means> | undefined): RoundResult => ({
  week: { weekYear: 2026, weekNumber },
  label: `2026-W${String(weekNumber).padStart(2, '0')}`,
  respondents: means ? 5 : 2,
  members: 6,
  scores: means ? { means: { ...even, ...means }, index: 6 } : undefined,
  change: undefined,
});

describe('the weakest part of the Trust Equation', () => {
  it('is the part with the lowest mean over the last four rounds with results', () => {
    const weakest = weakestPart([
      round(40, { reliability: 3.1 }),
      round(41, { reliability: 3.3 }),
      round(42, { intimacy: 3.4 }),
      round(43, { reliability: 3.5 }),
    ]);
    expect(weakest?.part).toBe('reliability');
    expect(weakest?.strengths.reliability).toBe(3.5);
    expect(weakest?.weeks).toEqual(['2026-W43', '2026-W42', '2026-W41', '2026-W40']);
  });

  it('turns self-orientation around (6 − S), so a high self-orientation is the weakest part', () => {
    // S = 3.5 counts as 2.5, lower than credibility's 3.0.
    const weakest = weakestPart([round(43, { credibility: 3, selfOrientation: 3.5 })]);
    expect(weakest?.part).toBe('selfOrientation');
    expect(weakest?.strengths.selfOrientation).toBe(2.5);
    // A low self-orientation is a strength, not a weakness.
    expect(weakestPart([round(43, { credibility: 3.9, selfOrientation: 1.2 })])?.part).toBe('credibility');
  });

  it('looks at the newest four rounds only, in any order given', () => {
    const weakest = weakestPart([
      round(44, { intimacy: 3.6 }),
      round(39, { credibility: 1 }),
      round(43, { intimacy: 3.6 }),
      round(42, { intimacy: 3.6 }),
      round(41, { intimacy: 3.6 }),
    ]);
    expect(weakest?.part).toBe('intimacy');
    expect(weakest?.weeks).toHaveLength(COACHING_ROUNDS);
    expect(weakest?.weeks).not.toContain('2026-W39');
  });

  it('skips rounds below k (no scores) instead of counting them, reaching further back', () => {
    const weakest = weakestPart([
      round(44, undefined),
      round(43, { credibility: 3.2 }),
      round(42, undefined),
      round(41, { credibility: 3.2 }),
      round(40, { credibility: 3.2 }),
      round(39, { credibility: 3.2 }),
    ]);
    expect(weakest?.weeks).toEqual(['2026-W43', '2026-W41', '2026-W40', '2026-W39']);
    expect(weakest?.part).toBe('credibility');
  });

  it('works with fewer than four rounds, and gives nothing without any round with results', () => {
    expect(weakestPart([round(43, { intimacy: 2 })])?.part).toBe('intimacy');
    expect(weakestPart([])).toBeUndefined();
    expect(weakestPart([round(43, undefined), round(42, undefined)])).toBeUndefined();
  });

  it('asks for a minimum number of rounds with results when told to', () => {
    const two = [round(43, { intimacy: 2 }), round(42, undefined), round(41, { intimacy: 2 })];
    expect(weakestPart(two, 3)).toBeUndefined();
    expect(weakestPart([...two, round(40, { intimacy: 2 })], 3)?.part).toBe('intimacy');
  });

  it('breaks a tie in the average by the newest round', () => {
    // Over both rounds credibility and intimacy both average 3.5; intimacy is lower in the newest.
    const weakest = weakestPart([
      round(42, { credibility: 3.2, intimacy: 3.8 }),
      round(43, { credibility: 3.8, intimacy: 3.2 }),
    ]);
    expect(weakest?.part).toBe('intimacy');
  });

  it('breaks a full tie by the equation’s order: credibility, reliability, intimacy, self-orientation', () => {
    expect(weakestPart([round(43, { credibility: 3, reliability: 3 })])?.part).toBe('credibility');
    expect(weakestPart([round(43, { reliability: 3, selfOrientation: 3 })])?.part).toBe('reliability');
    // Every part at 4 (S = 2 counts as 4): credibility.
    expect(weakestPart([round(43, {})])?.part).toBe('credibility');
  });

  it('compares one-decimal means exactly (no floating-point drift in a tie)', () => {
    // 0.1 + 0.2 style sums: 3.1 + 3.2 + 3.3 vs 3.2 * 3; equal in tenths, so the newest round decides.
    const weakest = weakestPart([
      round(41, { credibility: 3.1, reliability: 3.2 }),
      round(42, { credibility: 3.2, reliability: 3.2 }),
      round(43, { credibility: 3.3, reliability: 3.2 }),
    ]);
    expect(weakest?.part).toBe('reliability');
  });
});

describe('practices for the weakest part', () => {
  it('has at least four for every part, in both languages, all different', () => {
    for (const item of PULSE_ITEMS) {
      const list = practices[item];
      expect(list.length).toBeGreaterThanOrEqual(4);
      for (const p of list) {
        expect(p.en.length).toBeGreaterThan(20);
        expect(p.nb.length).toBeGreaterThan(20);
        expect(p.nb).not.toBe(p.en);
      }
      expect(new Set(list.map((p) => p.en)).size).toBe(list.length);
      expect(new Set(list.map((p) => p.nb)).size).toBe(list.length);
    }
  });

  it('rotates by week: consecutive weeks show different practices, and every one comes round', () => {
    const weeks = ['2026-W50', '2026-W51', '2026-W52', '2026-W53', '2027-W01'];
    const shown = weeks.map((w) => practiceFor('reliability', w).en);
    for (let i = 1; i < shown.length; i += 1) expect(shown[i]).not.toBe(shown[i - 1]);
    expect(new Set(shown.slice(0, 4)).size).toBe(4);
    expect(practiceFor('reliability', '2026-W50')).toEqual(practiceFor('reliability', '2026-W50'));
  });
});
