import { describe, expect, it } from 'vitest';
import { streakOf, summarizeReflections } from '../../../../src/domain/habits/reflection.ts';

describe('habit streak', () => {
  it('counts consecutive weeks answered Often or Sometimes', () => {
    const answers = [
      { week: '2026-W46', answer: 'often' as const },
      { week: '2026-W47', answer: 'sometimes' as const },
      { week: '2026-W48', answer: 'often' as const },
    ];
    expect(streakOf(answers, '2026-W48')).toBe(3);
  });

  it('does not break while this week is still unanswered', () => {
    const answers = [
      { week: '2026-W46', answer: 'often' as const },
      { week: '2026-W47', answer: 'often' as const },
    ];
    expect(streakOf(answers, '2026-W48')).toBe(2);
  });

  it('is broken by a skipped week', () => {
    const answers = [
      { week: '2026-W45', answer: 'often' as const },
      { week: '2026-W47', answer: 'often' as const },
      { week: '2026-W48', answer: 'sometimes' as const },
    ];
    expect(streakOf(answers, '2026-W48')).toBe(2);
    expect(streakOf(answers, '2026-W50')).toBe(0);
  });

  it('is broken by Not yet', () => {
    const answers = [
      { week: '2026-W46', answer: 'often' as const },
      { week: '2026-W47', answer: 'not_yet' as const },
      { week: '2026-W48', answer: 'often' as const },
    ];
    expect(streakOf(answers, '2026-W48')).toBe(1);
    expect(streakOf(answers.slice(0, 2), '2026-W47')).toBe(0);
  });

  it('runs across ISO week 53 into the new year', () => {
    const answers = ['2026-W52', '2026-W53', '2027-W01'].map((week) => ({ week, answer: 'often' as const }));
    expect(streakOf(answers, '2027-W01')).toBe(3);
  });
});

describe('team reflection counts', () => {
  it('withholds counts below k, without saying how many answered', () => {
    expect(summarizeReflections({ often: 2, sometimes: 1, notYet: 1 }, 5)).toEqual({
      kind: 'too_few',
      minGroupSize: 5,
    });
  });

  it('shows counts from k respondents on', () => {
    expect(summarizeReflections({ often: 2, sometimes: 2, notYet: 1 }, 5)).toEqual({
      kind: 'counts',
      respondents: 5,
      counts: { often: 2, sometimes: 2, notYet: 1 },
    });
  });
});
