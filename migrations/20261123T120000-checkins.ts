import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A person's weekly check-in schedule; next_due_at is the next target as a UTC instant so the
  // minute tick finds due people with one index range scan.
  await db.schema
    .createTable('checkin_schedules')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('weekday', 'smallint', (c) => c.notNull().defaultTo(1).check(sql`weekday between 1 and 7`))
    .addColumn('local_time', 'text', (c) =>
      c.notNull().defaultTo('10:00').check(sql`local_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    )
    .addColumn('paused_until', 'date')
    .addColumn('opted_out', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('next_due_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('checkin_schedules_pk', ['workspace_id', 'user_id'])
    .addForeignKeyConstraint(
      'checkin_schedules_user_fk',
      ['workspace_id', 'user_id'],
      'users',
      ['workspace_id', 'slack_user_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await sql`create index checkin_schedules_due_idx on checkin_schedules (next_due_at) where next_due_at is not null`.execute(
    db,
  );

  // One row per person per ISO week that was handled: sent (scheduled or on demand) or skipped.
  await db.schema
    .createTable('checkins')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('queued', 'sent_now', 'skipped_late', 'skipped_by_user')`),
    )
    .addColumn('due_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('checkins_pk', ['workspace_id', 'user_id', 'week'])
    .addForeignKeyConstraint(
      'checkins_user_fk',
      ['workspace_id', 'user_id'],
      'users',
      ['workspace_id', 'slack_user_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('checkins').execute();
  await db.schema.dropTable('checkin_schedules').execute();
}
