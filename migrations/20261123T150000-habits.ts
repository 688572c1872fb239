import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A person's private reflection on the previous week's focus habit, one per week they answered
  // in (the check-in's ISO week). Never shown to anyone else; teams only ever see counts.
  await db.schema
    .createTable('habit_reflections')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull().check(sql`week ~ '^[0-9]{4}-W[0-9]{2}$'`))
    .addColumn('habit_id', 'text', (c) =>
      c.notNull().check(sql`habit_id in ('assume_best', 'stand_up', 'no_gossip', 'keep_promises')`),
    )
    .addColumn('answer', 'text', (c) => c.notNull().check(sql`answer in ('often', 'sometimes', 'not_yet')`))
    .addColumn('answered_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('habit_reflections_pk', ['workspace_id', 'user_id', 'week'])
    .addForeignKeyConstraint(
      'habit_reflections_user_fk',
      ['workspace_id', 'user_id'],
      'users',
      ['workspace_id', 'slack_user_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  // Team counts read one week for many people.
  await db.schema
    .createIndex('habit_reflections_week_idx')
    .on('habit_reflections')
    .columns(['workspace_id', 'week'])
    .execute();

  // The mid-week nudge: on/off per person, and the next due instant (UTC) for the minute tick.
  // `zone` is the zone next_due_at was computed in, so a changed Slack zone is noticed.
  await db.schema
    .createTable('habit_nudge_schedules')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('habit_nudges', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('zone', 'text')
    .addColumn('next_due_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('habit_nudge_schedules_pk', ['workspace_id', 'user_id'])
    .addForeignKeyConstraint(
      'habit_nudge_schedules_user_fk',
      ['workspace_id', 'user_id'],
      'users',
      ['workspace_id', 'slack_user_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await sql`create index habit_nudge_schedules_due_idx on habit_nudge_schedules (next_due_at) where next_due_at is not null`.execute(
    db,
  );

  // One row per person per ISO week whose nudge was handled (queued or skipped as late).
  await db.schema
    .createTable('habit_nudges')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('queued', 'skipped_late')`))
    .addPrimaryKeyConstraint('habit_nudges_pk', ['workspace_id', 'user_id', 'week'])
    .addForeignKeyConstraint(
      'habit_nudges_user_fk',
      ['workspace_id', 'user_id'],
      'users',
      ['workspace_id', 'slack_user_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('habit_nudges').execute();
  await db.schema.dropTable('habit_nudge_schedules').execute();
  await db.schema.dropTable('habit_reflections').execute();
}
