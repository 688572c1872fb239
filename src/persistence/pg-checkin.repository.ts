import { sql } from 'kysely';
import type { CheckinRepository, DueCheckin, HandledCheckin } from '../domain/checkins/ports.ts';
import { resolveLanguage } from '../domain/users/language.ts';
import type { Db } from './database.ts';
import { enqueueMessages } from './pg-outbox.repository.ts';
import { unlessPersonGone } from './pg-user.repository.ts';

export function createPgCheckinRepository(db: Db): CheckinRepository {
  return {
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
        .$if(after !== undefined, (q) =>
          q.where((eb) =>
            eb(
              eb.refTuple('s.next_due_at', 's.workspace_id', 's.user_id'),
              '>',
              eb.tuple(after?.dueAt ?? now, after?.workspaceId ?? '', after?.userId ?? ''),
            ),
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

    async handledWeeksOf(people) {
      const handled = new Map<string, Set<string>>(people.map((p) => [personKey(p), new Set<string>()]));
      if (people.length === 0) return handled;
      const fromWeek = people.reduce(
        (min, p) => (p.fromWeek < min ? p.fromWeek : min),
        people[0]?.fromWeek ?? '',
      );
      const rows = await db
        .selectFrom('checkins')
        .select(['workspace_id', 'user_id', 'week'])
        .where((eb) =>
          eb(
            eb.refTuple('workspace_id', 'user_id'),
            'in',
            people.map((p) => eb.tuple(p.workspaceId, p.userId)),
          ),
        )
        .where('week', '>=', fromWeek)
        .execute();
      const from = new Map(people.map((p) => [personKey(p), p.fromWeek]));
      for (const row of rows) {
        const key = personKey({ workspaceId: row.workspace_id, userId: row.user_id });
        if (row.week >= (from.get(key) ?? '')) handled.get(key)?.add(row.week);
      }
      return handled;
    },

    async recordHandled(input) {
      return (await recordHandledMany(db, [input])).size === 1;
    },

    recordHandledMany: (inputs) => recordHandledMany(db, inputs),

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

function personKey(p: { workspaceId: string; userId: string }): string {
  return `${p.workspaceId}:${p.userId}`;
}

/**
 * One transaction for a page of handled check-ins, three statements whatever its size: the weeks
 * (a week already handled is left alone, so its message is not queued again), the messages of the
 * weeks recorded now (the outbox's idempotency keys make a repeat a no-op), and every schedule moved
 * to its next due time.
 */
async function recordHandledMany(db: Db, inputs: ReadonlyArray<HandledCheckin>): Promise<Set<string>> {
  const recorded = new Set<string>();
  if (inputs.length === 0) return recorded;
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('checkins')
      .values(
        inputs.map((input) => ({
          workspace_id: input.workspaceId,
          user_id: input.userId,
          week: input.week,
          outcome: input.outcome,
          due_at: input.dueAt,
        })),
      )
      .onConflict((oc) => oc.columns(['workspace_id', 'user_id', 'week']).doNothing())
      .returning(['workspace_id', 'user_id'])
      .execute();
    for (const row of inserted)
      recorded.add(personKey({ workspaceId: row.workspace_id, userId: row.user_id }));
    await enqueueMessages(
      trx,
      inputs.flatMap((input) => (input.message && recorded.has(personKey(input)) ? [input.message] : [])),
    );
    const moves = inputs.map(
      (input) =>
        sql`(${input.workspaceId}::text, ${input.userId}::text, ${input.nextDueAt?.toISOString() ?? null}::timestamptz)`,
    );
    await sql`
      update checkin_schedules s
         set next_due_at = v.next_due_at, updated_at = now()
        from (values ${sql.join(moves)}) as v(workspace_id, user_id, next_due_at)
       where s.workspace_id = v.workspace_id and s.user_id = v.user_id`.execute(trx);
    return recorded;
  });
}
