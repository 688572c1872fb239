import { sql } from 'kysely';
import type { UserRepository } from '../domain/users/ports.ts';
import type { Db } from './database.ts';
import { createPgUserRepository, storeEffectiveLanguage, toUserProfile } from './pg-user.repository.ts';

/** The person was deleted (forget-me, uninstall) after a job listed them. */
export class PersonGoneError extends Error {
  readonly code = 'person_gone';
}

/**
 * For jobs that work through a list read earlier: saving a profile only updates a stored person,
 * so someone deleted in the meantime is not re-created (and their schedules, which need the row,
 * are not either).
 */
export function createRefreshOnlyUserRepository(db: Db): UserRepository {
  const inner = createPgUserRepository(db);
  return {
    find: (workspaceId, userId) => inner.find(workspaceId, userId),
    async saveSlackProfile(profile) {
      const updated = await db
        .updateTable('users')
        .set({
          slack_tz: profile.tz,
          // The person's own zone, when they chose one, stays the one everything uses.
          tz: sql<string | null>`coalesce(tz_override, ${profile.tz})`,
          slack_locale: profile.slackLocale,
          is_admin: profile.isAdmin,
          is_owner: profile.isOwner,
          is_bot: profile.isBot,
          is_deleted: profile.isDeleted,
          profile_fetched_at: profile.profileFetchedAt,
          updated_at: new Date(),
        })
        .where('workspace_id', '=', profile.workspaceId)
        .where('slack_user_id', '=', profile.userId)
        .returningAll()
        .executeTakeFirst();
      if (!updated) throw new PersonGoneError('person no longer stored');
      return toUserProfile(await storeEffectiveLanguage(db, updated));
    },
  };
}

/**
 * People with a check-in schedule whose Slack profile was never read or is older than `staleBefore`,
 * least recently read first: the profile-refresh job re-reads a few each minute.
 */
export async function staleProfiles(
  db: Db,
  staleBefore: Date,
  limit: number,
): Promise<Array<{ workspaceId: string; userId: string }>> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('checkin_schedules as s', (j) =>
      j.onRef('s.workspace_id', '=', 'u.workspace_id').onRef('s.user_id', '=', 'u.slack_user_id'),
    )
    .select(['u.workspace_id', 'u.slack_user_id'])
    .where('u.is_bot', '=', false)
    .where('u.is_deleted', '=', false)
    .where((eb) =>
      eb.or([eb('u.profile_fetched_at', 'is', null), eb('u.profile_fetched_at', '<', staleBefore)]),
    )
    .orderBy('u.profile_fetched_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, userId: r.slack_user_id }));
}
