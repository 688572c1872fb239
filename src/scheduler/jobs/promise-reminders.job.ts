import { fixedClock } from '../../domain/clock.ts';
import { queueDueReminders } from '../../domain/promises/promise-reminders.service.ts';
import { createPromiseNotifier, readerOf } from '../../slack/promise-notifier.ts';
import type { Job } from '../scheduler.ts';
import type { JobDeps } from './index.ts';

/** Owner reminders (midpoint, 24 h before, due, overdue) and the `missed` mark, as each comes due. */
export function createPromiseRemindersJob(deps: JobDeps): Job {
  const { promises: schedule, users } = deps.context.stores;
  // Owners have used the app, so their stored profile is enough: the tick never waits on Slack.
  const lookup = async (workspaceId: string, userId: string) =>
    readerOf(await users.find(workspaceId, userId));
  return {
    name: 'promise_reminders',
    run: async (now) => ({
      ...(await queueDueReminders(
        {
          schedule,
          // Dates in the reminders read as of the tick's instant (the year is shown when it differs).
          notifications: createPromiseNotifier(lookup, fixedClock(now)),
          catchUpMs: deps.context.settings.catchUpMs,
        },
        now,
      )),
    }),
  };
}
