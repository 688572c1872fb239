import { sql, type Transaction } from 'kysely';
import type { SettingsRepository } from '../domain/settings/ports.ts';
import type { Db } from './database.ts';
import type { Database } from './tables.ts';
import { storeEffectiveLanguage, unlessPersonGone } from './pg-user.repository.ts';

/**
 * Where the stored effective values are derived from their sources, after any of them changed:
 * `tz` = the person's override, else Slack's zone; `language` = `effectiveLanguage` (own choice →
 * Slack locale we speak → team's language → English). Everything else only reads them.
 */
async function refreshEffective(
  trx: Transaction<Database>,
  workspaceId: string,
  userId: string,
): Promise<void> {
  const row = await trx
    .updateTable('users')
    .set({ tz: sql<string | null>`coalesce(tz_override, slack_tz)`, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('slack_user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
  if (row) await storeEffectiveLanguage(trx, row);
}

export function createPgSettingsRepository(db: Db): SettingsRepository {
  return {
    async findPerson(workspaceId, userId) {
      const row = await db
        .selectFrom('users as u')
        .leftJoin('checkin_schedules as s', (j) =>
          j.onRef('s.workspace_id', '=', 'u.workspace_id').onRef('s.user_id', '=', 'u.slack_user_id'),
        )
        .leftJoin('habit_nudge_schedules as n', (j) =>
          j.onRef('n.workspace_id', '=', 'u.workspace_id').onRef('n.user_id', '=', 'u.slack_user_id'),
        )
        .select([
          'u.tz',
          'u.slack_tz',
          'u.tz_override',
          'u.language_choice',
          'u.team_language',
          'u.is_bot',
          'u.is_deleted',
          's.user_id as schedule_user',
          's.weekday',
          's.local_time',
          's.opted_out',
          's.paused_until',
          's.next_due_at',
          's.custom',
          'n.user_id as nudge_user',
          'n.habit_nudges',
          'n.team_nudges',
        ])
        .where('u.workspace_id', '=', workspaceId)
        .where('u.slack_user_id', '=', userId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        zone: row.tz,
        slackZone: row.slack_tz,
        zoneOverride: row.tz_override,
        languageChoice: row.language_choice,
        teamLanguage: row.team_language,
        reachable: !row.is_bot && !row.is_deleted,
        schedule:
          row.schedule_user !== null
            ? {
                target: { weekday: row.weekday ?? 1, time: row.local_time ?? '10:00' },
                optedOut: row.opted_out ?? false,
                pausedUntil: row.paused_until,
                nextDueAt: row.next_due_at,
                custom: row.custom ?? false,
              }
            : undefined,
        nudges:
          row.nudge_user !== null
            ? { enabled: row.habit_nudges ?? true, teamEnabled: row.team_nudges ?? true }
            : undefined,
      };
    },

    async teamsOf(workspaceId, userId) {
      const rows = await db
        .selectFrom('teams as t')
        .innerJoin('team_members as m', 'm.team_id', 't.id')
        .select(['t.id', 't.checkin_weekday', 't.checkin_time', 't.language', 't.habit_nudges'])
        .where('t.workspace_id', '=', workspaceId)
        .where('m.user_id', '=', userId)
        .orderBy('t.created_at')
        .orderBy('t.id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        checkin: { weekday: r.checkin_weekday, time: r.checkin_time },
        language: r.language,
        habitNudges: r.habit_nudges,
      }));
    },

    async memberIds(teamId) {
      const rows = await db
        .selectFrom('team_members')
        .select('user_id')
        .where('team_id', '=', teamId)
        .orderBy('user_id')
        .execute();
      return rows.map((r) => r.user_id);
    },

    async applyTeamDefaults(workspaceId, userId, change) {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ team_language: change.teamLanguage })
          .where('workspace_id', '=', workspaceId)
          .where('slack_user_id', '=', userId)
          .execute();
        await refreshEffective(trx, workspaceId, userId);
        if (change.checkin) {
          const values = {
            weekday: change.checkin.target.weekday,
            local_time: change.checkin.target.time,
            next_due_at: change.checkin.nextDueAt,
          };
          await trx
            .insertInto('checkin_schedules')
            .values({ workspace_id: workspaceId, user_id: userId, ...values })
            .onConflict((oc) =>
              oc
                .columns(['workspace_id', 'user_id'])
                .doUpdateSet({ ...values, updated_at: new Date() })
                // A choice the person made in the meantime wins.
                .where('checkin_schedules.custom', '=', false),
            )
            .execute();
        }
        if (change.nudges) {
          const values = {
            team_nudges: change.nudges.teamEnabled,
            zone: change.nudges.zone,
            next_due_at: change.nudges.nextDueAt,
          };
          await trx
            .insertInto('habit_nudge_schedules')
            .values({ workspace_id: workspaceId, user_id: userId, ...values })
            .onConflict((oc) =>
              oc.columns(['workspace_id', 'user_id']).doUpdateSet({ ...values, updated_at: new Date() }),
            )
            .execute();
        }
      });
    },

    async savePersonal(workspaceId, userId, change) {
      // All or nothing, and nothing at all for a person deleted meanwhile (forget-me, uninstall).
      await unlessPersonGone(() =>
        db.transaction().execute(async (trx) => {
          await trx
            .updateTable('users')
            .set({ tz_override: change.zoneOverride, language_choice: change.languageChoice })
            .where('workspace_id', '=', workspaceId)
            .where('slack_user_id', '=', userId)
            .execute();
          await refreshEffective(trx, workspaceId, userId);
          const schedule = {
            weekday: change.schedule.target.weekday,
            local_time: change.schedule.target.time,
            opted_out: change.schedule.optedOut,
            paused_until: change.schedule.pausedUntil,
            next_due_at: change.schedule.nextDueAt,
            custom: change.schedule.custom,
          };
          await trx
            .insertInto('checkin_schedules')
            .values({ workspace_id: workspaceId, user_id: userId, ...schedule })
            .onConflict((oc) =>
              oc.columns(['workspace_id', 'user_id']).doUpdateSet({ ...schedule, updated_at: new Date() }),
            )
            .execute();
          const nudges = {
            habit_nudges: change.nudges.enabled,
            zone: change.nudges.zone,
            next_due_at: change.nudges.nextDueAt,
          };
          await trx
            .insertInto('habit_nudge_schedules')
            .values({ workspace_id: workspaceId, user_id: userId, ...nudges })
            .onConflict((oc) =>
              oc.columns(['workspace_id', 'user_id']).doUpdateSet({ ...nudges, updated_at: new Date() }),
            )
            .execute();
        }),
      );
    },
  };
}
