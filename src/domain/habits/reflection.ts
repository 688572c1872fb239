import type { HabitId } from './catalogue.ts';
import { weekAt, weekIndex } from './focus.ts';

export const reflectionAnswers = ['often', 'sometimes', 'not_yet'] as const;
export type ReflectionAnswer = (typeof reflectionAnswers)[number];

export function isReflectionAnswer(value: unknown): value is ReflectionAnswer {
  return typeof value === 'string' && (reflectionAnswers as readonly string[]).includes(value);
}

/** A person's answer, in the week they gave it, about the previous week's focus. */
export interface Reflection {
  week: string;
  habit: HabitId;
  answer: ReflectionAnswer;
}

export function countsTowardStreak(answer: ReflectionAnswer): boolean {
  return answer === 'often' || answer === 'sometimes';
}

/**
 * Consecutive weeks answered Often or Sometimes, up to `currentWeek`. The current week may still
 * be unanswered without breaking the run; any earlier week left out, or answered Not yet, ends it.
 */
export function streakOf(
  reflections: ReadonlyArray<Pick<Reflection, 'week' | 'answer'>>,
  currentWeek: string,
): number {
  const byWeek = new Map(reflections.map((r) => [r.week, r.answer]));
  let index = weekIndex(currentWeek);
  if (!byWeek.has(currentWeek)) index -= 1;
  let streak = 0;
  for (;;) {
    const answer = byWeek.get(weekAt(index));
    if (!answer || !countsTowardStreak(answer)) return streak;
    streak += 1;
    index -= 1;
  }
}

/** How far back a streak is read; longer runs show as this many. */
export const STREAK_LOOKBACK_WEEKS = 104;

export interface ReflectionCounts {
  often: number;
  sometimes: number;
  notYet: number;
}

export type TeamReflectionSummary =
  | { kind: 'counts'; respondents: number; counts: ReflectionCounts }
  | { kind: 'too_few'; minGroupSize: number };

/** Counts are shown only when at least k people answered; below that, not even how many did. */
export function summarizeReflections(counts: ReflectionCounts, minGroupSize: number): TeamReflectionSummary {
  const respondents = counts.often + counts.sometimes + counts.notYet;
  if (respondents < minGroupSize) return { kind: 'too_few', minGroupSize };
  return { kind: 'counts', respondents, counts };
}
