import type { CheckinRepository, DueCheckin } from '../domain/checkins/ports.ts';
import { resolveLanguage } from '../domain/users/language.ts';
import type { Db } from './database.ts';
import { unlessPersonGone } from './pg-user.repository.ts';
import { afterKeyset, checkinLedger, createPgWeeklyLedger } from './pg-weekly-ledger.repository.ts';

export function createPgCheckinRepository(db: Db): CheckinRepository {
  return {
    ...createPgWeeklyLedger(db, checkinLedger),

    async findDue(now, limit, after) {
      const rows = await db
        .selectFrom('checkin_schedules as s')
        .innerJoin('users as u', (j) =>
          j.onRef('u.workspace_id', '=', 's.workspace_id').onRef('u.slack_user_id', '=', 's.user_id'),
        )
        .select([
          's.workspace_id',
          's.user_id',
          's.next_due_at',
          's.weekday',
          's.local_time',
          's.opted_out',
          's.paused_until',
          'u.tz',
          'u.language',
          'u.slack_locale',
        ])
        .where('s.next_due_at', 'is not', null)
        .where('s.next_due_at', '<=', now)
        .where('u.tz', 'is not', null)
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
      return rows.flatMap((r): DueCheckin[] =>
        r.next_due_at && r.tz
          ? [
              {
                workspaceId: r.workspace_id,
                userId: r.user_id,
                dueAt: r.next_due_at,
                zone: r.tz,
                language: resolveLanguage(r.language, r.slack_locale),
                target: { weekday: r.weekday, time: r.local_time },
                optedOut: r.opted_out,
                pausedUntil: r.paused_until,
              },
            ]
          : [],
      );
    },

    async findSchedule(workspaceId, userId) {
      const row = await db
        .selectFrom('checkin_schedules')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row
        ? {
            target: { weekday: row.weekday, time: row.local_time },
            optedOut: row.opted_out,
            pausedUntil: row.paused_until,
            nextDueAt: row.next_due_at,
            custom: row.custom,
          }
        : undefined;
    },

    async saveSchedule(workspaceId, userId, schedule) {
      const values = {
        weekday: schedule.target.weekday,
        local_time: schedule.target.time,
        opted_out: schedule.optedOut,
        paused_until: schedule.pausedUntil,
        next_due_at: schedule.nextDueAt,
        ...(schedule.custom === undefined ? {} : { custom: schedule.custom }),
      };
      await unlessPersonGone(() =>
        db
          .insertInto('checkin_schedules')
          .values({ workspace_id: workspaceId, user_id: userId, ...values })
          .onConflict((oc) =>
            oc.columns(['workspace_id', 'user_id']).doUpdateSet({ ...values, updated_at: new Date() }),
          )
          .execute(),
      );
    },

    async markSkippedByUser(workspaceId, userId, week) {
      await unlessPersonGone(() =>
        db
          .insertInto('checkins')
          .values({
            workspace_id: workspaceId,
            user_id: userId,
            week,
            outcome: 'skipped_by_user',
            due_at: null,
          })
          .onConflict((oc) =>
            oc.columns(['workspace_id', 'user_id', 'week']).doUpdateSet({ outcome: 'skipped_by_user' }),
          )
          .execute(),
      );
    },

    async reschedule(workspaceId, userId, nextDueAt) {
      await db
        .updateTable('checkin_schedules')
        .set({ next_due_at: nextDueAt, updated_at: new Date() })
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .execute();
    },
  };
}
