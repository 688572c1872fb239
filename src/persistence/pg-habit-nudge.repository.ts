import type { DueNudge, HabitNudgeRepository } from '../domain/habits/ports.ts';
import { resolveLanguage } from '../domain/users/language.ts';
import type { Db } from './database.ts';
import { unlessPersonGone } from './pg-user.repository.ts';
import { afterKeyset, createPgWeeklyLedger, habitNudgeLedger } from './pg-weekly-ledger.repository.ts';

export function createPgHabitNudgeRepository(db: Db): HabitNudgeRepository {
  return {
    ...createPgWeeklyLedger(db, habitNudgeLedger),

    async findDue(now, limit, after) {
      const rows = await db
        .selectFrom('habit_nudge_schedules as s')
        .innerJoin('users as u', (j) =>
          j.onRef('u.workspace_id', '=', 's.workspace_id').onRef('u.slack_user_id', '=', 's.user_id'),
        )
        .select(['s.workspace_id', 's.user_id', 's.next_due_at', 'u.tz', 'u.language', 'u.slack_locale'])
        .where('s.next_due_at', 'is not', null)
        .where('s.next_due_at', '<=', now)
        .where('s.habit_nudges', '=', true)
        .where('s.team_nudges', '=', true)
        .where('u.tz', 'is not', null)
        .where('u.is_bot', '=', false)
        .where('u.is_deleted', '=', false)
        .where(
          afterKeyset(
            ['s.next_due_at', 's.workspace_id', 's.user_id'],
            after && [after.dueAt, after.workspaceId, after.userId],
          ),
        )
        .orderBy('s.next_due_at')
        .orderBy('s.workspace_id')
        .orderBy('s.user_id')
        .limit(limit)
        .execute();
      return rows.flatMap((r): DueNudge[] =>
        r.next_due_at && r.tz
          ? [
              {
                workspaceId: r.workspace_id,
                userId: r.user_id,
                dueAt: r.next_due_at,
                zone: r.tz,
                language: resolveLanguage(r.language, r.slack_locale),
              },
            ]
          : [],
      );
    },

    async findSettings(workspaceId, userId) {
      const row = await db
        .selectFrom('habit_nudge_schedules')
        .select(['habit_nudges', 'team_nudges', 'zone', 'next_due_at'])
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row
        ? {
            enabled: row.habit_nudges,
            teamEnabled: row.team_nudges,
            zone: row.zone,
            nextDueAt: row.next_due_at,
          }
        : undefined;
    },

    async saveSettings(workspaceId, userId, settings) {
      const values = { habit_nudges: settings.enabled, zone: settings.zone, next_due_at: settings.nextDueAt };
      await unlessPersonGone(() =>
        db
          .insertInto('habit_nudge_schedules')
          .values({ workspace_id: workspaceId, user_id: userId, ...values })
          .onConflict((oc) =>
            oc.columns(['workspace_id', 'user_id']).doUpdateSet({ ...values, updated_at: new Date() }),
          )
          .execute(),
      );
    },
  };
}
