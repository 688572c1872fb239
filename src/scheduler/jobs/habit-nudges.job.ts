import { type NudgeServiceDeps, queueDueNudges } from '../../domain/habits/nudge.service.ts';
import { messages } from '../../i18n/index.ts';
import { buildNudgeMessage } from '../../slack/blocks/habit.blocks.ts';
import type { Job } from '../scheduler.ts';
import type { JobDeps } from './index.ts';

/** The mid-week habit nudge, once per ISO week at each person's local Wednesday 14:00. */
export function createHabitNudgesJob(deps: JobDeps): Job {
  const nudgeDeps = {
    habits: deps.context.stores.habits,
    pageReads: deps.context.stores.checkinPages,
    nudges: deps.context.stores.nudges,
    catchUpMs: deps.context.settings.catchUpMs,
    render: ({ language, habit, tip, reason }: Parameters<NudgeServiceDeps['render']>[0]) =>
      buildNudgeMessage(messages(language), language, habit, tip, reason),
  };
  return {
    name: 'habit-nudges',
    run: async (now) => ({ ...(await queueDueNudges(nudgeDeps, now)) }),
  };
}
