import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per digest queued (scheduled or on demand), keyed like its outbox message. It holds
  // the chart's data and, once uploaded, the chart's file id, so a resend never uploads twice.
  // Only team-level figures are stored: the same trend any closed round already shows.
  await db.schema
    .createTable('team_digests')
    .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('schedule', 'command')`))
    // skipped_late: the service was down past the catch-up window; that week gets no digest.
    .addColumn('outcome', 'text', (c) =>
      c.notNull().defaultTo('queued').check(sql`outcome in ('queued', 'skipped_late')`),
    )
    .addColumn('chart', 'jsonb')
    .addColumn('chart_state', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`chart_state in ('pending', 'uploaded', 'failed', 'none')`),
    )
    .addColumn('chart_file_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The scheduled digest: exactly one per team and week, whichever instance gets there first.
  await sql`create unique index team_digests_scheduled_week on team_digests (team_id, week) where trigger = 'schedule'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('team_digests').execute();
}
