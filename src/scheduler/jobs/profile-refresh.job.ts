import { getUserProfile, type UserServiceDeps } from '../../domain/users/user.service.ts';
import { createSlackUserSource } from '../../slack/directory/slack-user-source.ts';
import { atInstant, profileSavedHook } from '../../app-context.ts';
import type { Job } from '../scheduler.ts';
import type { JobDeps } from './index.ts';

/** Re-read at least weekly: Slack sends no user_change for some zone edits, and none for DST. */
const REFRESH_AFTER_MS = 7 * 24 * 60 * 60_000;
/** users.info is Tier 4 (100+/min); a few a minute keeps well clear of it. */
const PER_TICK = 20;

/** Keeps the time zones of people with a check-in schedule fresh, a few each minute. */
export function createProfileRefreshJob(deps: JobDeps): Job {
  // Only updates: someone forgotten since the list was read stays forgotten.
  const { stores, teamDefaults } = deps.context;
  return {
    name: 'profile-refresh',
    async run(now) {
      const stale = await stores.profiles.stale(new Date(now.getTime() - REFRESH_AFTER_MS), PER_TICK);
      const clock = { now: () => now };
      const userDeps: UserServiceDeps = {
        users: stores.refreshOnlyUsers,
        slack: createSlackUserSource(deps.clientFor),
        clock,
        onProfileSaved: profileSavedHook(atInstant(teamDefaults, now)),
      };
      let refreshed = 0;
      let failed = 0;
      for (const row of stale) {
        try {
          await getUserProfile(userDeps, row.workspaceId, row.userId);
          refreshed += 1;
        } catch {
          failed += 1;
        }
      }
      return { refreshed, failed };
    },
  };
}
