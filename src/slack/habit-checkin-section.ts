import { weekAt, weekIndex } from '../domain/habits/focus.ts';
import { habitWeekFor } from '../domain/habits/habit.service.ts';
import type { HabitRepository } from '../domain/habits/ports.ts';
import { STREAK_LOOKBACK_WEEKS } from '../domain/habits/reflection.ts';
import type { RoundResult } from '../domain/pulse/pulse.ts';
import { personKey } from '../domain/schedule/weekly-send.ts';
import { messages } from '../i18n/index.ts';
import type { Db } from '../persistence/database.ts';
import { createPgCheckinPageReads } from '../persistence/pg-checkin-page.repository.ts';
import { createPgHabitRepository } from '../persistence/pg-habit.repository.ts';
import type { CheckinSection } from './checkin-composer.ts';
import { buildHabitCheckinSection } from './views/habit.view.ts';

/** The check-in's habits: this week's focus and tip, and the reflection on last week's focus. */
export function createHabitCheckinSection(db: Db): CheckinSection {
  const habits = createPgHabitRepository(db);
  const reads = createPgCheckinPageReads(db);
  return async (page) => {
    // The page's people and their reflections are read at once; a team's rounds once per page.
    const fromWeek = page.reduce(
      (min, { week }) => {
        const from = weekAt(weekIndex(week) - STREAK_LOOKBACK_WEEKS);
        return from < min ? from : min;
      },
      page[0] ? weekAt(weekIndex(page[0].week) - STREAK_LOOKBACK_WEEKS) : '',
    );
    const [focusTeams, reflections] = await Promise.all([
      reads.focusTeamsOf(page),
      reads.reflectionsSinceOf(page, fromWeek),
    ]);
    const rounds = new Map<string, Promise<RoundResult[]>>();
    const pageHabits: HabitRepository = {
      ...habits,
      focusTeamOf: async (workspaceId, userId) => focusTeams.get(personKey({ workspaceId, userId })),
      focusRounds: (teamId) => {
        const known = rounds.get(teamId) ?? habits.focusRounds(teamId);
        rounds.set(teamId, known);
        return known;
      },
      reflectionsSince: async (workspaceId, userId, from) =>
        (reflections.get(personKey({ workspaceId, userId })) ?? []).filter((r) => r.week >= from),
    };
    const blocks = [];
    for (const { workspaceId, userId, week, language } of page) {
      const habitWeek = await habitWeekFor({ habits: pageHabits }, { workspaceId, userId }, week, language);
      blocks.push(buildHabitCheckinSection(messages(language), language, habitWeek));
    }
    return blocks;
  };
}
