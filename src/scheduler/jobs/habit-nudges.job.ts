import { type NudgeServiceDeps, queueDueNudges } from '../../domain/habits/nudge.service.ts';
import { messages } from '../../i18n/index.ts';
import { createPgCheckinPageReads } from '../../persistence/pg-checkin-page.repository.ts';
import { createPgHabitNudgeRepository } from '../../persistence/pg-habit-nudge.repository.ts';
import { createPgHabitRepository } from '../../persistence/pg-habit.repository.ts';
import { buildNudgeMessage } from '../../slack/views/habit.view.ts';
import type { Job } from '../scheduler.ts';
import type { JobDeps } from './index.ts';

/** The mid-week habit nudge, once per ISO week at each person's local Wednesday 14:00. */
export function createHabitNudgesJob(deps: JobDeps): Job {
  const nudgeDeps = {
    habits: createPgHabitRepository(deps.db),
    pageReads: createPgCheckinPageReads(deps.db),
    nudges: createPgHabitNudgeRepository(deps.db),
    catchUpMs: deps.config.catchUpMs,
    render: ({ language, habit, tip, reason }: Parameters<NudgeServiceDeps['render']>[0]) =>
      buildNudgeMessage(messages(language), language, habit, tip, reason),
  };
  return {
    name: 'habit-nudges',
    run: async (now) => ({ ...(await queueDueNudges(nudgeDeps, now)) }),
  };
}
