import { type Kysely, sql } from 'kysely';
import { effectiveLanguage } from '../domain/users/language.ts';
import type { UserRepository } from '../domain/users/ports.ts';
import type { UserProfile } from '../domain/users/user.ts';
import type { Db } from './database.ts';
import type { Database, UserRow } from './tables.ts';

/**
 * Keeps `users.language` equal to `effectiveLanguage` of its sources (own choice, Slack locale,
 * team language) after the caller changed one of them; `row` is the row as that write returned it.
 * Writes only when the answer changed, and only while the sources are still the ones it was
 * computed from: a concurrent change of a source stores its own answer. Returns the row as stored.
 */
export async function storeEffectiveLanguage(db: Kysely<Database>, row: UserRow): Promise<UserRow> {
  const language = effectiveLanguage({
    choice: row.language_choice,
    slackLocale: row.slack_locale,
    teamLanguage: row.team_language,
  });
  if (row.language === language) return row;
  await db
    .updateTable('users')
    .set({ language })
    .where('workspace_id', '=', row.workspace_id)
    .where('slack_user_id', '=', row.slack_user_id)
    .where(sql<boolean>`language_choice is not distinct from ${row.language_choice}`)
    .where(sql<boolean>`slack_locale is not distinct from ${row.slack_locale}`)
    .where(sql<boolean>`team_language is not distinct from ${row.team_language}`)
    .execute();
  return { ...row, language };
}

export function toUserProfile(row: UserRow): UserProfile {
  return {
    workspaceId: row.workspace_id,
    userId: row.slack_user_id,
    tz: row.tz,
    slackTz: row.slack_tz,
    slackLocale: row.slack_locale,
    language: row.language,
    isAdmin: row.is_admin,
    isOwner: row.is_owner,
    isBot: row.is_bot,
    isDeleted: row.is_deleted,
    profileFetchedAt: row.profile_fetched_at,
  };
}

export function createPgUserRepository(db: Db): UserRepository {
  return {
    async find(workspaceId, userId) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('slack_user_id', '=', userId)
        .executeTakeFirst();
      return row ? toUserProfile(row) : undefined;
    },

    async saveSlackProfile(profile) {
      const values = {
        tz: profile.tz,
        slack_locale: profile.slackLocale,
        is_admin: profile.isAdmin,
        is_owner: profile.isOwner,
        is_bot: profile.isBot,
        is_deleted: profile.isDeleted,
        profile_fetched_at: profile.profileFetchedAt,
      };
      await db
        .insertInto('workspaces')
        .values({ id: profile.workspaceId })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const upserted = await db
        .insertInto('users')
        .values({
          workspace_id: profile.workspaceId,
          slack_user_id: profile.userId,
          language: null,
          slack_tz: profile.tz,
          ...values,
        })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'slack_user_id']).doUpdateSet({
            ...values,
            slack_tz: profile.tz,
            // The person's own zone, when they chose one, stays the one everything uses.
            tz: sql<string | null>`coalesce(users.tz_override, excluded.tz)`,
            updated_at: new Date(),
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUserProfile(await storeEffectiveLanguage(db, upserted));
    },
  };
}

/**
 * Runs a write of something that belongs to a person, and drops it when the person is no longer
 * stored: someone who just ran `/trust forget-me` (or whose workspace was uninstalled) may still
 * click an old button, or another instance may still have their profile cached. Their data is gone
 * and must stay gone, so the write is not done; their next interaction starts from a fresh profile.
 */
export async function unlessPersonGone(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
    const constraint = typeof e.constraint === 'string' ? e.constraint : String(e.message ?? '');
    if (e.code === '23503' && /_user_fk|_users_fk|users/.test(constraint)) return;
    throw error;
  }
}
