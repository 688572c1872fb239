import { habitWeeksForPage } from '../domain/habits/habit-week-page.ts';
import { messages } from '../i18n/index.ts';
import type { Db } from '../persistence/database.ts';
import { createPgCheckinPageReads } from '../persistence/pg-checkin-page.repository.ts';
import { createPgHabitRepository } from '../persistence/pg-habit.repository.ts';
import type { CheckinSection } from './checkin-composer.ts';
import { buildHabitCheckinSection } from './views/habit.view.ts';

/** The check-in's habits: this week's focus and tip, and the reflection on last week's focus. */
export function createHabitCheckinSection(db: Db): CheckinSection {
  const deps = { habits: createPgHabitRepository(db), pageReads: createPgCheckinPageReads(db) };
  return async (page) => {
    const weeks = await habitWeeksForPage(deps, page);
    return page.map(({ language }, i) => {
      const habitWeek = weeks[i];
      return habitWeek ? buildHabitCheckinSection(messages(language), language, habitWeek) : [];
    });
  };
}
