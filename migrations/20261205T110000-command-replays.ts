import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A signed slash command can be replayed within Slack's 5-minute window; each trigger_id (as a
  // SHA-256 hash: nothing about the person or the workspace) is remembered for a few minutes so a
  // repeat has no effect on any instance.
  await db.schema
    .createTable('processed_commands')
    .addColumn('trigger_hash', 'text', (c) => c.primaryKey())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('processed_commands_received_at_idx')
    .on('processed_commands')
    .column('received_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('processed_commands').execute();
}
