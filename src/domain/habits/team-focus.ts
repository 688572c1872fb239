import { weakestPart } from '../coaching/weakest-part.ts';
import type { PulseItem, RoundResult } from '../pulse/pulse.ts';
import { type HabitId, habitIds } from './catalogue.ts';
import { focusHabit, weekAt, weekIndex } from './focus.ts';

// The weekly focus of a team with a pulse history. Once a team has at least three closed rounds
// with results (rounds below k have none) before a week, that week's focus is the habit that
// works on the team's weakest part of the Trust Equation (see coaching/weakest-part.ts):
//
//   credibility      → stand up for others when they are right (voices that know are heard)
//   reliability      → keep promises
//   intimacy         → refuse to gossip (safe to speak when nobody is talked about behind their back)
//   self-orientation → assume the best (look at others' intentions, not only one's own)
//
// A habit is never the focus more than two weeks running: a third week would go to the next
// habit in the rotation order instead, and the week after that the weakest part's habit is back.
// With fewer rounds the plain rotation stays. Each week's focus depends only on rounds that
// closed before it, so a week's focus never changes once its rounds are in, and last week's focus
// (what this week's reflection is about) reads the same now as it did then.

export const FOCUS_MIN_ROUNDS = 3;
/**
 * Closed rounds a focus looks back over (three years of weekly rounds): the walk forward starts
 * from the oldest of them, so only a team with a longer unbroken history could see an older
 * week's focus worked out differently.
 */
export const FOCUS_HISTORY_ROUNDS = 156;
/** Weeks one habit may stay the focus in a row. */
export const MAX_WEEKS_RUNNING = 2;

export const habitForPart: Readonly<Record<PulseItem, HabitId>> = {
  credibility: 'stand_up',
  reliability: 'keep_promises',
  intimacy: 'no_gossip',
  selfOrientation: 'assume_best',
};

export type FocusReason =
  | { kind: 'rotation' }
  /** The habit for the team's weakest part. */
  | { kind: 'weakest_part'; part: PulseItem }
  /** The weakest part's habit had two weeks running; this week goes to the next habit. */
  | { kind: 'rest_week'; part: PulseItem; rested: HabitId };

export interface WeekFocus {
  habit: HabitId;
  reason: FocusReason;
}

function nextInRotation(habit: HabitId): HabitId {
  return habitIds[(habitIds.indexOf(habit) + 1) % habitIds.length] ?? habitIds[0];
}

/** The focus in `week` for a team whose rotation began in `startWeek`, given its closed rounds. */
export function teamFocus(startWeek: string, results: readonly RoundResult[], week: string): WeekFocus {
  const scored = results
    .filter((r) => r.scores !== undefined)
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const target = weekIndex(week);
  const rotation = (index: number): WeekFocus => ({
    habit: focusHabit(startWeek, weekAt(index)),
    reason: { kind: 'rotation' },
  });
  const third = scored[FOCUS_MIN_ROUNDS - 1];
  // The first week with enough rounds closed before it.
  const first = third ? weekIndex(third.label) + 1 : Number.POSITIVE_INFINITY;
  if (target < first) return rotation(target);

  // Walk forward from there: whether a habit may stay depends on the two weeks before.
  let before = [rotation(first - 2).habit, rotation(first - 1).habit];
  let known = 0;
  let focus: WeekFocus = rotation(target);
  for (let index = first; index <= target; index += 1) {
    const label = weekAt(index);
    while (known < scored.length && (scored[known]?.label ?? '') < label) known += 1;
    const weakest = weakestPart(scored.slice(0, known), FOCUS_MIN_ROUNDS);
    if (!weakest) focus = rotation(index);
    else {
      const habit = habitForPart[weakest.part];
      const ranTwice = before.length === MAX_WEEKS_RUNNING && before.every((h) => h === habit);
      focus = ranTwice
        ? { habit: nextInRotation(habit), reason: { kind: 'rest_week', part: weakest.part, rested: habit } }
        : { habit, reason: { kind: 'weakest_part', part: weakest.part } };
    }
    before = [before[1] ?? focus.habit, focus.habit];
  }
  return focus;
}
