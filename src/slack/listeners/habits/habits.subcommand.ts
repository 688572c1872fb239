import { currentWeek, habitWeekFor } from '../../../domain/habits/habit.service.ts';
import { nudgesEnabled } from '../../../domain/habits/nudge.service.ts';
import { formatDateTime } from '../../../i18n/format-date.ts';
import { escapeToFit } from '../../blocks/mrkdwn.ts';
import { buildHabitsMessage } from '../../blocks/habit.blocks.ts';
import type { SlackMessage } from '../../blocks/block-kit.ts';
import { type Person, personOf } from '../checkins/person.ts';
import type { SubcommandHandler } from '../commands/subcommand.ts';
import type { ListenerDeps } from '../listener-deps.ts';

/** `/trust habits`: the four habits, this week's focus and tip, my streak. */
export function habitsSubcommand(deps: ListenerDeps): SubcommandHandler {
  const render = createHabitsRenderer(deps);
  return async (ctx) => render(await personOf(deps, ctx.workspaceId, ctx.userId));
}

/** The `/trust habits` answer for a person as of now (also re-rendered by the nudge switch). */
export function createHabitsRenderer(deps: ListenerDeps): (person: Person) => Promise<SlackMessage> {
  const habits = deps.stores.habits;
  const nudges = deps.stores.nudges;
  const promises = deps.stores.promises;
  return async (person) => {
    const now = deps.clock.now();
    const who = { workspaceId: person.workspaceId, userId: person.userId };
    const week = currentWeek(now, person.profile?.tz);
    const habitWeek = await habitWeekFor({ habits }, who, week, person.language);
    // A keep-promises week also shows what the person has promised.
    let open: string[] | undefined;
    if (habitWeek.focus.id === 'keep_promises') {
      const audience = { language: person.language, timeZone: person.profile?.tz ?? 'UTC', now };
      const active = await promises.listActiveFor(person.workspaceId, person.userId);
      open = active
        .filter((p) => p.ownerId === person.userId)
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
        // Five of these share one section (3,000 characters).
        .map((p) => `${escapeToFit(p.text, 400)} — ${formatDateTime(p.dueAt, audience)}`);
    }
    return buildHabitsMessage(
      person.m,
      person.language,
      habitWeek,
      await nudgesEnabled({ nudges }, who),
      open,
    );
  };
}
