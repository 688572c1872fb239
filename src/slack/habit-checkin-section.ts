import { habitWeeksForPage } from '../domain/habits/habit-week-page.ts';
import { messages } from '../i18n/index.ts';
import type { CheckinPageReads } from '../domain/checkins/ports.ts';
import type { HabitRepository } from '../domain/habits/ports.ts';
import type { CheckinSection } from './checkin-composer.ts';
import { buildHabitCheckinSection } from './blocks/habit.blocks.ts';

/** The check-in's habits: this week's focus and tip, and the reflection on last week's focus. */
export function createHabitCheckinSection(deps: {
  habits: HabitRepository;
  pageReads: CheckinPageReads;
}): CheckinSection {
  return async (page) => {
    const weeks = await habitWeeksForPage(deps, page);
    return page.map(({ language }, i) => {
      const habitWeek = weeks[i];
      return habitWeek ? buildHabitCheckinSection(messages(language), language, habitWeek) : [];
    });
  };
}
