import type { webApi } from '@slack/bolt';
import { listMyPromises } from '../domain/promises/promise.service.ts';
import { currentWeek, habitWeekFor } from '../domain/habits/habit.service.ts';
import { messages } from '../i18n/index.ts';
import { createPgHabitRepository } from '../persistence/pg-habit.repository.ts';
import type { ListenerDeps } from './listeners/listener-deps.ts';
import { audienceOf, promiseServiceDeps } from './listeners/promises/promise-interaction.ts';
import { buildHomeView } from './views/home.view.ts';
import { buildHabitHomeSection } from './views/habit.view.ts';
import { buildPromiseHomeSection } from './views/promise.view.ts';

/**
 * Builds and publishes a person's App Home: their open promises, this week's habit with a tip and
 * their streak, then how to get started.
 */
export async function publishHome(
  deps: ListenerDeps,
  client: webApi.WebClient,
  workspaceId: string,
  userId: string,
): Promise<void> {
  const a = await audienceOf(deps, workspaceId, userId);
  const m = messages(a.language);
  const mine = await listMyPromises(promiseServiceDeps(deps), workspaceId, userId);
  const person = { workspaceId, userId };
  const habitWeek = await habitWeekFor(
    { habits: createPgHabitRepository(deps.db) },
    person,
    currentWeek(a.now, a.timeZone),
    a.language,
  );
  await client.views.publish({
    user_id: userId,
    view: buildHomeView(m, [
      buildPromiseHomeSection(a, mine),
      buildHabitHomeSection(m, a.language, habitWeek),
    ]),
  });
}
