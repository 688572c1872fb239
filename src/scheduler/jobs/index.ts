import type { AppConfig } from '../../config.ts';
import type { CheckinComposer } from '../../domain/checkins/ports.ts';
import type { Db } from '../../persistence/database.ts';
import type { Job } from '../scheduler.ts';
import { createCheckinsJob } from './checkins.job.ts';

export interface JobDeps {
  db: Db;
  config: AppConfig;
  checkinComposer: CheckinComposer;
}

/** Every job the minute tick runs, in order. Features add theirs here. */
export function buildJobs(deps: JobDeps): Job[] {
  return [createCheckinsJob(deps)];
}
