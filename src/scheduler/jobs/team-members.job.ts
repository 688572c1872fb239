import { syncTeamMembers } from '../../domain/teams/team.service.ts';
import type { UserServiceDeps } from '../../domain/users/user.service.ts';
import { createSlackChannelDirectory } from '../../slack/directory/slack-channel-directory.ts';
import { createSlackUserSource } from '../../slack/directory/slack-user-source.ts';
import { atInstant, profileSavedHook } from '../../app-context.ts';
import type { Job } from '../scheduler.ts';
import type { JobDeps } from './index.ts';

/** Events can be missed (downtime, a channel converted): re-read every team's members weekly. */
const RESYNC_AFTER_MS = 7 * 24 * 60 * 60_000;
/** A channel may take several pages and a users.info per new face; a couple of teams a minute. */
const PER_TICK = 2;

export function createTeamMembersJob(deps: JobDeps): Job {
  const { stores, teamDefaults } = deps.context;
  const { teams } = stores;
  return {
    name: 'team-members',
    async run(now) {
      const clock = { now: () => now };
      const defaults = atInstant(teamDefaults, now);
      const users: UserServiceDeps = {
        users: stores.users,
        slack: createSlackUserSource(deps.clientFor),
        clock,
        onProfileSaved: profileSavedHook(defaults),
      };
      const channels = createSlackChannelDirectory(deps.clientFor, users);
      let synced = 0;
      let failed = 0;
      for (const team of await teams.staleTeams(new Date(now.getTime() - RESYNC_AFTER_MS), PER_TICK)) {
        try {
          await syncTeamMembers({ teams, channels, clock, defaults }, team);
          synced += 1;
        } catch {
          failed += 1;
        }
      }
      return { synced, failed };
    },
  };
}
