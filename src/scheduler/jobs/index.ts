import type { webApi } from '@slack/bolt';
import type { AppContext } from '../../app-context.ts';
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
  /** The app's shared repositories and feature dependencies (its logger is the pulse subsystem's: counts only). */
  context: AppContext;
  /** A Slack client for a workspace (jobs that read from Slack, e.g. profile refresh). */
  clientFor(workspaceId: string): Promise<webApi.WebClient>;
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
