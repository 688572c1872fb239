import { getUserProfile, type UserServiceDeps } from '../../domain/users/user.service.ts';
import { createRefreshOnlyUserRepository } from '../../persistence/refresh-only-user.repository.ts';
import { createProfileSavedHook } from '../../profile-hooks.ts';
import { createSlackUserSource } from '../../slack/directory/slack-user-source.ts';
import type { Job } from '../scheduler.ts';
import type { JobDeps } from './index.ts';

/** Re-read at least weekly: Slack sends no user_change for some zone edits, and none for DST. */
const REFRESH_AFTER_MS = 7 * 24 * 60 * 60_000;
/** users.info is Tier 4 (100+/min); a few a minute keeps well clear of it. */
const PER_TICK = 20;

/** Keeps the time zones of people with a check-in schedule fresh, a few each minute. */
export function createProfileRefreshJob(deps: JobDeps): Job {
  // Only updates: someone forgotten since the list was read stays forgotten.
  const users = createRefreshOnlyUserRepository(deps.db);
  return {
    name: 'profile-refresh',
    async run(now) {
      const stale = await deps.db
        .selectFrom('users as u')
        .innerJoin('checkin_schedules as s', (j) =>
          j.onRef('s.workspace_id', '=', 'u.workspace_id').onRef('s.user_id', '=', 'u.slack_user_id'),
        )
        .select(['u.workspace_id', 'u.slack_user_id'])
        .where('u.is_bot', '=', false)
        .where('u.is_deleted', '=', false)
        .where((eb) =>
          eb.or([
            eb('u.profile_fetched_at', 'is', null),
            eb('u.profile_fetched_at', '<', new Date(now.getTime() - REFRESH_AFTER_MS)),
          ]),
        )
        .orderBy('u.profile_fetched_at')
        .limit(PER_TICK)
        .execute();
      const clock = { now: () => now };
      const userDeps: UserServiceDeps = {
        users,
        slack: createSlackUserSource(deps.clientFor),
        clock,
        onProfileSaved: createProfileSavedHook(deps.db, clock),
      };
      let refreshed = 0;
      let failed = 0;
      for (const row of stale) {
        try {
          await getUserProfile(userDeps, row.workspace_id, row.slack_user_id);
          refreshed += 1;
        } catch {
          failed += 1;
        }
      }
      return { refreshed, failed };
    },
  };
}
