import type { webApi } from '@slack/bolt';
import type { AppConfig } from '../../config.ts';
import type { CheckinComposer } from '../../domain/checkins/ports.ts';
import type { Db } from '../../persistence/database.ts';
import type { PulseBallotBox } from '../../domain/pulse/ballot-box.ts';
import type { Logger } from '../../logger.ts';
import type { Job } from '../scheduler.ts';
import { createCheckinsJob } from './checkins.job.ts';
import { createDigestsJob } from './digests.job.ts';
import { createHabitNudgesJob } from './habit-nudges.job.ts';
import { createProfileRefreshJob } from './profile-refresh.job.ts';
import { createPromiseRemindersJob } from './promise-reminders.job.ts';
import { createPulseRoundsJob } from './pulse-rounds.job.ts';
import { createPulseFollowupsJob } from './pulse-followups.job.ts';
import { createTeamMembersJob } from './team-members.job.ts';

export interface JobDeps {
  db: Db;
  config: AppConfig;
  checkinComposer: CheckinComposer;
  /** A Slack client for a workspace (jobs that read from Slack, e.g. profile refresh). */
  clientFor(workspaceId: string): Promise<webApi.WebClient>;
  /** The pulse ballot box: closes rounds, keys follow-ups (holds keys, never ratings). */
  pulse: PulseBallotBox;
  /** The pulse subsystem's logger (counts only, never a person or a score). */
  logger: Logger;
}

/** Every job the minute tick runs, in order. Features add theirs here. */
export function buildJobs(deps: JobDeps): Job[] {
  return [
    createProfileRefreshJob(deps),
    createCheckinsJob(deps),
    createHabitNudgesJob(deps),
    createPromiseRemindersJob(deps),
    createPulseRoundsJob(deps),
    createDigestsJob(deps),
    createPulseFollowupsJob(deps),
    createTeamMembersJob(deps),
  ];
}
