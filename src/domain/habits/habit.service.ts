import type { Clock } from '../clock.ts';
import { isoWeekOf, isValidZone, weekLabel } from '../schedule/local-time.ts';
import type { Language } from '../users/language.ts';
import { type Habit, type HabitId, habitById } from './catalogue.ts';
import type { RoundResult } from '../pulse/pulse.ts';
import { defaultStartWeek, previousWeek, teamStartWeek, weekAt, weekIndex } from './focus.ts';
import type { HabitRepository } from './ports.ts';
import {
  type Reflection,
  type ReflectionAnswer,
  STREAK_LOOKBACK_WEEKS,
  streakOf,
  summarizeReflections,
  type TeamReflectionSummary,
} from './reflection.ts';
import { type FocusReason, teamFocus } from './team-focus.ts';
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
  /** Why this habit: the plain rotation, or the team's weakest part of the Trust Equation. */
  reason: FocusReason;
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
  cadence: 'block' | 'week' = 'block',
): string {
  const index = tipIndexFor(person, habit.id, week, slot, habit.tips.length, cadence);
  return habit.tips[index]?.[language] ?? '';
}

/** What a person's focus follows: their oldest team's rotation and pulse, else the shared default. */
interface FocusBasis {
  start: string;
  results: RoundResult[];
}

async function focusBasisOf(deps: HabitServiceDeps, person: Person): Promise<FocusBasis> {
  const team = await deps.habits.focusTeamOf(person.workspaceId, person.userId);
  if (!team) return { start: defaultStartWeek, results: [] };
  return {
    start: teamStartWeek(team.createdAt, isValidZone(team.timeZone) ? team.timeZone : 'UTC'),
    results: await deps.habits.focusRounds(team.teamId),
  };
}

export async function focusFor(deps: HabitServiceDeps, person: Person, week: string): Promise<HabitId> {
  const basis = await focusBasisOf(deps, person);
  return teamFocus(basis.start, basis.results, week).habit;
}

export async function habitWeekFor(
  deps: HabitServiceDeps,
  person: Person,
  week: string,
  language: Language,
): Promise<HabitWeek> {
  const basis = await focusBasisOf(deps, person);
  const chosen = teamFocus(basis.start, basis.results, week);
  const focus = habitById(chosen.habit);
  const cadence = chosen.reason.kind === 'rotation' ? 'block' : 'week';
  const last = previousWeek(week);
  const history = await deps.habits.reflectionsSince(
    person.workspaceId,
    person.userId,
    weekAt(weekIndex(week) - STREAK_LOOKBACK_WEEKS),
  );
  return {
    week,
    focus,
    reason: chosen.reason,
    tip: tipText(focus, person, week, 'focus', language, cadence),
    nudgeTip: tipText(focus, person, week, 'nudge', language, cadence),
    lastWeek: { week: last, habit: habitById(teamFocus(basis.start, basis.results, last).habit) },
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
  const basis = await focusBasisOf(deps, person);
  const habit = habitById(teamFocus(basis.start, basis.results, previousWeek(week)).habit);
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
