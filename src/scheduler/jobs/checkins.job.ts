import { queueDueCheckins } from '../../domain/checkins/checkin.service.ts';
import { createPgCheckinRepository } from '../../persistence/pg-checkin.repository.ts';
import type { Job } from '../scheduler.ts';
import type { JobDeps } from './index.ts';

/** Weekly check-ins due at each person's local day and time. */
export function createCheckinsJob(deps: JobDeps): Job {
  const checkins = createPgCheckinRepository(deps.db);
  return {
    name: 'checkins',
    run: async (now) => ({
      ...(await queueDueCheckins(
        { checkins, composer: deps.checkinComposer, catchUpMs: deps.config.catchUpMs },
        now,
      )),
    }),
  };
}
