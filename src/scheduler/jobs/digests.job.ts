import { queueDueDigests } from '../../domain/digest/digest.service.ts';
import { atInstant } from '../../app-context.ts';
import type { Job } from '../scheduler.ts';
import type { JobDeps } from './index.ts';

/**
 * Each team's weekly channel digest at its day and time in its zone, once per team and week
 * (the record and the outbox message are written together). Runs after the rounds close.
 */
export function createDigestsJob(deps: JobDeps): Job {
  return {
    name: 'digests',
    run: async (now) => ({ ...(await queueDueDigests(atInstant(deps.context.digest, now), now)) }),
  };
}
