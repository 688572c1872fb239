import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The trend chart a manager's App Home shows for a team: drawn and uploaded once per team, week
  // (the last week the trend shows) and language, then reused by every Home open that week. Only
  // team-level figures went into the picture; the row holds the file id and how the upload went.
  await db.schema
    .createTable('home_charts')
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'uploaded', 'failed')`))
    .addColumn('file_id', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('home_charts_pkey', ['team_id', 'week', 'language'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('home_charts').execute();
}
