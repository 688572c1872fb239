import type { Language } from '../users/language.ts';
import { personKey } from '../schedule/weekly-send.ts';
import { weekAt, weekIndex } from './focus.ts';
import { type HabitWeek, habitWeekFor, type Person } from './habit.service.ts';
import type { FocusTeam, HabitRepository } from './ports.ts';
import type { RoundResult } from '../pulse/pulse.ts';
import { type Reflection, STREAK_LOOKBACK_WEEKS } from './reflection.ts';

/** What a page of people's habit weeks is read from: one query each for the whole page, keyed by `personKey`. */
export interface HabitPageReads {
  /** Each person's oldest team, whose rotation their habit focus follows. */
  focusTeamsOf(people: ReadonlyArray<Person>): Promise<Map<string, FocusTeam>>;
  /** Each person's habit reflections from `fromWeek` on, oldest first. */
  reflectionsSinceOf(people: ReadonlyArray<Person>, fromWeek: string): Promise<Map<string, Reflection[]>>;
}

/**
 * `habitWeekFor` for a page of people (the check-in's habit section, the nudges): their teams and
 * reflections are read at once, and each team's rounds once per page.
 */
export async function habitWeeksForPage(
  deps: { habits: HabitRepository; pageReads: HabitPageReads },
  page: ReadonlyArray<Person & { week: string; language: Language }>,
): Promise<HabitWeek[]> {
  const lookbackFrom = (week: string) => weekAt(weekIndex(week) - STREAK_LOOKBACK_WEEKS);
  const fromWeek = page.reduce<string | undefined>((min, { week }) => {
    const from = lookbackFrom(week);
    return min === undefined || from < min ? from : min;
  }, undefined);
  if (fromWeek === undefined) return [];
  const [focusTeams, reflections] = await Promise.all([
    deps.pageReads.focusTeamsOf(page),
    deps.pageReads.reflectionsSinceOf(page, fromWeek),
  ]);
  const rounds = new Map<string, Promise<RoundResult[]>>();
  const habits: HabitRepository = {
    ...deps.habits,
    focusTeamOf: async (workspaceId, userId) => focusTeams.get(personKey({ workspaceId, userId })),
    focusRounds: (teamId) => {
      const known = rounds.get(teamId) ?? deps.habits.focusRounds(teamId);
      rounds.set(teamId, known);
      return known;
    },
    reflectionsSince: async (workspaceId, userId, from) =>
      (reflections.get(personKey({ workspaceId, userId })) ?? []).filter((r) => r.week >= from),
  };
  const weeks: HabitWeek[] = [];
  for (const { workspaceId, userId, week, language } of page) {
    weeks.push(await habitWeekFor({ habits }, { workspaceId, userId }, week, language));
  }
  return weeks;
}
