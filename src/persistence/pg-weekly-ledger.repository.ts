import { sql } from 'kysely';
import { personKey, type WeeklyLedger, type WeekRecord, weekKey } from '../domain/schedule/weekly-send.ts';
import type { Db } from './database.ts';
import { enqueueMessages } from './pg-outbox.repository.ts';

/**
 * Where a weekly send keeps its ledger. The three sends differ only in these tables, so one
 * repository serves them all.
 */
export interface WeeklyLedgerTables {
  /** One row per person and handled week, unique on (workspace_id, user_id, week). */
  weeks: 'checkins' | 'habit_nudges';
  /**
   * How a week is claimed, once: a new row with its outcome (and its due time, when the table keeps
   * one), or a pending flag cleared on the row another send wrote.
   */
  claim: { insert: { withDueAt: boolean } } | { clearFlag: 'followup_pending' };
  /** The schedule moved to each person's next due time in the same transaction, if the send has one. */
  schedule?: 'checkin_schedules' | 'habit_nudge_schedules';
}

export const checkinLedger: WeeklyLedgerTables = {
  weeks: 'checkins',
  claim: { insert: { withDueAt: true } },
  schedule: 'checkin_schedules',
};

export const habitNudgeLedger: WeeklyLedgerTables = {
  weeks: 'habit_nudges',
  claim: { insert: { withDueAt: false } },
  schedule: 'habit_nudge_schedules',
};

/** A check-in's pulse follow-up: decided once per check-in, no schedule of its own. */
export const pulseFollowupLedger: WeeklyLedgerTables = {
  weeks: 'checkins',
  claim: { clearFlag: 'followup_pending' },
};

/**
 * Keyset pagination of a due stream: the rows after the previous page's last, compared as one
 * row value so the due-time index serves it; every row when there is no previous page.
 */
export function afterKeyset(columns: readonly string[], last: readonly unknown[] | undefined) {
  if (!last) return sql<boolean>`true`;
  return sql<boolean>`(${sql.join(columns.map((c) => sql.ref(c)))}) > (${sql.join(last.map((v) => sql`${v}`))})`;
}

export function createPgWeeklyLedger(db: Db, tables: WeeklyLedgerTables): WeeklyLedger {
  const weeks = sql.table(tables.weeks);
  // With a flag, a week is handled once the flag is cleared; otherwise once its row exists.
  const handled = 'clearFlag' in tables.claim ? sql`and not ${sql.ref(tables.claim.clearFlag)}` : sql``;
  return {
    async handledWeeks(workspaceId, userId, fromWeek) {
      const { rows } = await sql<{ week: string }>`
        select week from ${weeks}
         where workspace_id = ${workspaceId} and user_id = ${userId} and week >= ${fromWeek} ${handled}`.execute(
        db,
      );
      return new Set(rows.map((r) => r.week));
    },

    async handledWeeksOf(people) {
      const result = new Map<string, Set<string>>(people.map((p) => [personKey(p), new Set<string>()]));
      if (people.length === 0) return result;
      const fromWeek = people.reduce(
        (min, p) => (p.fromWeek < min ? p.fromWeek : min),
        people[0]?.fromWeek ?? '',
      );
      const { rows } = await sql<{ workspace_id: string; user_id: string; week: string }>`
        select workspace_id, user_id, week from ${weeks}
         where (workspace_id, user_id) in (${sql.join(people.map((p) => sql`(${p.workspaceId}, ${p.userId})`))})
           and week >= ${fromWeek} ${handled}`.execute(db);
      const from = new Map(people.map((p) => [personKey(p), p.fromWeek]));
      for (const row of rows) {
        const key = personKey({ workspaceId: row.workspace_id, userId: row.user_id });
        if (row.week >= (from.get(key) ?? '')) result.get(key)?.add(row.week);
      }
      return result;
    },

    recordWeeks: (records) => recordWeeks(db, tables, records),
  };
}

/**
 * One transaction for a page, three statements whatever its size: the weeks claimed (a week
 * already handled is left alone, so its message is not queued again), the messages of the weeks
 * claimed now (the outbox's idempotency keys make a repeat a no-op), and every schedule moved.
 */
async function recordWeeks(
  db: Db,
  tables: WeeklyLedgerTables,
  records: ReadonlyArray<WeekRecord>,
): Promise<Set<string>> {
  const recorded = new Set<string>();
  if (records.length === 0) return recorded;
  return db.transaction().execute(async (trx) => {
    const { rows } = await claimWeeks(tables, records).execute(trx);
    for (const row of rows)
      recorded.add(weekKey({ workspaceId: row.workspace_id, userId: row.user_id, week: row.week }));
    await enqueueMessages(
      trx,
      records.flatMap((r) => (r.message && recorded.has(weekKey(r)) ? [r.message] : [])),
    );
    if (tables.schedule) {
      const moves = records.map(
        (r) =>
          sql`(${r.workspaceId}::text, ${r.userId}::text, ${r.nextDueAt?.toISOString() ?? null}::timestamptz)`,
      );
      await sql`
        update ${sql.table(tables.schedule)} s
           set next_due_at = v.next_due_at, updated_at = now()
          from (values ${sql.join(moves)}) as v(workspace_id, user_id, next_due_at)
         where s.workspace_id = v.workspace_id and s.user_id = v.user_id`.execute(trx);
    }
    return recorded;
  });
}

function claimWeeks(tables: WeeklyLedgerTables, records: ReadonlyArray<WeekRecord>) {
  type Claimed = { workspace_id: string; user_id: string; week: string };
  const weeks = sql.table(tables.weeks);
  if ('clearFlag' in tables.claim) {
    const flag = sql.ref(tables.claim.clearFlag);
    const keys = records.map((r) => sql`(${r.workspaceId}::text, ${r.userId}::text, ${r.week}::text)`);
    return sql<Claimed>`
      update ${weeks} t set ${flag} = false
        from (values ${sql.join(keys)}) as v(workspace_id, user_id, week)
       where t.workspace_id = v.workspace_id and t.user_id = v.user_id and t.week = v.week and t.${flag}
      returning t.workspace_id, t.user_id, t.week`;
  }
  const withDueAt = tables.claim.insert.withDueAt;
  const values = records.map((r) =>
    withDueAt
      ? sql`(${r.workspaceId}, ${r.userId}, ${r.week}, ${r.outcome}, ${r.dueAt.toISOString()}::timestamptz)`
      : sql`(${r.workspaceId}, ${r.userId}, ${r.week}, ${r.outcome})`,
  );
  return sql<Claimed>`
    insert into ${weeks} (workspace_id, user_id, week, outcome${withDueAt ? sql`, due_at` : sql``})
    values ${sql.join(values)}
    on conflict (workspace_id, user_id, week) do nothing
    returning workspace_id, user_id, week`;
}
