import type { Clock } from '../clock.ts';
import { isoWeekOf, isValidZone, weekLabel } from '../schedule/local-time.ts';
import type { Language } from '../users/language.ts';
import { type Habit, type HabitId, habitById } from './catalogue.ts';
import { defaultStartWeek, focusHabit, previousWeek, teamStartWeek, weekAt, weekIndex } from './focus.ts';
import type { HabitRepository } from './ports.ts';
import {
  type Reflection,
  type ReflectionAnswer,
  STREAK_LOOKBACK_WEEKS,
  streakOf,
  summarizeReflections,
  type TeamReflectionSummary,
} from './reflection.ts';
import { type TipSlot, tipIndexFor } from './tip-choice.ts';

export interface HabitServiceDeps {
  habits: HabitRepository;
}

export interface Person {
  workspaceId: string;
  userId: string;
}

/** What a person sees about habits in a given week. */
export interface HabitWeek {
  week: string;
  focus: Habit;
  /** The tip for this week's check-in and `/trust habits`; the nudge uses `nudgeTip`. */
  tip: string;
  nudgeTip: string;
  /** Last week's focus, which this week's reflection is about. */
  lastWeek: { week: string; habit: Habit };
  reflection: Reflection | undefined;
  streak: number;
}

export function tipText(
  habit: Habit,
  person: Person,
  week: string,
  slot: TipSlot,
  language: Language,
): string {
  const index = tipIndexFor(person, habit.id, week, slot, habit.tips.length);
  return habit.tips[index]?.[language] ?? '';
}

/** The rotation start a person follows: their oldest team's, else the shared default. */
async function startWeekOf(deps: HabitServiceDeps, person: Person): Promise<string> {
  const team = await deps.habits.focusTeamOf(person.workspaceId, person.userId);
  if (!team) return defaultStartWeek;
  return teamStartWeek(team.createdAt, isValidZone(team.timeZone) ? team.timeZone : 'UTC');
}

export async function focusFor(deps: HabitServiceDeps, person: Person, week: string): Promise<HabitId> {
  return focusHabit(await startWeekOf(deps, person), week);
}

export async function habitWeekFor(
  deps: HabitServiceDeps,
  person: Person,
  week: string,
  language: Language,
): Promise<HabitWeek> {
  const start = await startWeekOf(deps, person);
  const focus = habitById(focusHabit(start, week));
  const last = previousWeek(week);
  const history = await deps.habits.reflectionsSince(
    person.workspaceId,
    person.userId,
    weekAt(weekIndex(week) - STREAK_LOOKBACK_WEEKS),
  );
  return {
    week,
    focus,
    tip: tipText(focus, person, week, 'focus', language),
    nudgeTip: tipText(focus, person, week, 'nudge', language),
    lastWeek: { week: last, habit: habitById(focusHabit(start, last)) },
    reflection: history.find((r) => r.week === week),
    streak: streakOf(history, week),
  };
}

/** The ISO week it is now for a person, in their zone (UTC when Slack gave none). */
export function currentWeek(now: Date, zone: string | null | undefined): string {
  return weekLabel(isoWeekOf(now, zone && isValidZone(zone) ? zone : 'UTC'));
}

export type ReflectResult =
  | { ok: true; answer: ReflectionAnswer; habit: Habit; streak: number; changed: boolean }
  | { ok: false; reason: 'week_over' };

/**
 * Records the person's reflection for `week` (the check-in's week). A later click replaces it
 * until that week ends in the person's zone; after that the answer is final.
 */
export async function reflect(
  deps: HabitServiceDeps & { clock: Clock },
  person: Person & { zone: string | null },
  week: string,
  answer: ReflectionAnswer,
): Promise<ReflectResult> {
  const now = deps.clock.now();
  if (currentWeek(now, person.zone) !== week) return { ok: false, reason: 'week_over' };
  const start = await startWeekOf(deps, person);
  const habit = habitById(focusHabit(start, previousWeek(week)));
  const before = await deps.habits.findReflection(person.workspaceId, person.userId, week);
  await deps.habits.saveReflection({ ...person, week, habit: habit.id, answer, at: now });
  const history = await deps.habits.reflectionsSince(
    person.workspaceId,
    person.userId,
    weekAt(weekIndex(week) - STREAK_LOOKBACK_WEEKS),
  );
  return { ok: true, answer, habit, streak: streakOf(history, week), changed: before !== undefined };
}

/** For the digest: a team's reflection counts for a week, withheld below k respondents. */
export async function teamReflections(
  deps: HabitServiceDeps,
  team: { id: string; minGroupSize: number },
  week: string,
): Promise<TeamReflectionSummary> {
  return summarizeReflections(await deps.habits.teamReflectionCounts(team.id, week), team.minGroupSize);
}
