import { habitWeekFor } from '../domain/habits/habit.service.ts';
import { messages } from '../i18n/index.ts';
import type { Db } from '../persistence/database.ts';
import { createPgHabitRepository } from '../persistence/pg-habit.repository.ts';
import type { CheckinSection } from './checkin-composer.ts';
import { buildHabitCheckinSection } from './blocks/habit.blocks.ts';

/** The check-in's habits: this week's focus and tip, and the reflection on last week's focus. */
export function createHabitCheckinSection(db: Db): CheckinSection {
  const deps = { habits: createPgHabitRepository(db) };
  return async ({ workspaceId, userId, week, language }) => {
    const habitWeek = await habitWeekFor(deps, { workspaceId, userId }, week, language);
    return buildHabitCheckinSection(messages(language), language, habitWeek);
  };
}
