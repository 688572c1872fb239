import type { CheckinRepository, DueCheckin } from '../domain/checkins/ports.ts';
import { resolveLanguage } from '../domain/users/language.ts';
import type { Db } from './database.ts';
import { enqueueMessages } from './pg-outbox.repository.ts';
import { unlessPersonGone } from './pg-user.repository.ts';

export function createPgCheckinRepository(db: Db): CheckinRepository {
  return {
    async findDue(now, limit) {
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
        .orderBy('s.next_due_at')
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

    async handledWeeks(workspaceId, userId, fromWeek) {
      const rows = await db
        .selectFrom('checkins')
        .select('week')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .where('week', '>=', fromWeek)
        .execute();
      return new Set(rows.map((r) => r.week));
    },

    async recordHandled(input) {
      return db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('checkins')
          .values({
            workspace_id: input.workspaceId,
            user_id: input.userId,
            week: input.week,
            outcome: input.outcome,
            due_at: input.dueAt,
          })
          .onConflict((oc) => oc.columns(['workspace_id', 'user_id', 'week']).doNothing())
          .returning('week')
          .executeTakeFirst();
        if (inserted && input.message) await enqueueMessages(trx, [input.message]);
        await trx
          .updateTable('checkin_schedules')
          .set({ next_due_at: input.nextDueAt, updated_at: new Date() })
          .where('workspace_id', '=', input.workspaceId)
          .where('user_id', '=', input.userId)
          .execute();
        return inserted !== undefined;
      });
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
