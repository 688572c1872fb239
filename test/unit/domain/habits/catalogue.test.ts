import { describe, expect, it } from 'vitest';
import { habitIds, habits } from '../../../../src/domain/habits/catalogue.ts';
import { languages } from '../../../../src/domain/users/language.ts';

describe('habit catalogue', () => {
  it('has the four habits in rotation order', () => {
    expect(habits.map((h) => h.id)).toEqual([...habitIds]);
  });

  it('gives every habit a name, a two-sentence explanation and at least 8 tips in every language', () => {
    for (const habit of habits) {
      for (const language of languages) {
        expect(habit.name[language].trim()).not.toBe('');
        const sentences = habit.explanation[language].split(/(?<=[.!?])\s+/).filter(Boolean);
        expect(sentences, `${habit.id} ${language}`).toHaveLength(2);
      }
      expect(habit.tips.length).toBeGreaterThanOrEqual(8);
      for (const tip of habit.tips)
        for (const language of languages) expect(tip[language].length).toBeGreaterThan(20);
    }
  });

  it('never repeats a tip, and Bokmål is written, not copied', () => {
    const all = habits.flatMap((h) => h.tips);
    for (const language of languages) expect(new Set(all.map((t) => t[language])).size).toBe(all.length);
    for (const tip of all) expect(tip.nb).not.toBe(tip.en);
  });
});
