import { queueDueCheckins } from '../../domain/checkins/checkin.service.ts';
import type { Job } from '../scheduler.ts';
import type { JobDeps } from './index.ts';

/** Weekly check-ins due at each person's local day and time. */
export function createCheckinsJob(deps: JobDeps): Job {
  const { stores, checkinComposer, settings } = deps.context;
  return {
    name: 'checkins',
    run: async (now) => ({
      ...(await queueDueCheckins(
        { checkins: stores.checkins, composer: checkinComposer, catchUpMs: settings.catchUpMs },
        now,
      )),
    }),
  };
}
