import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Every message sent on a schedule passes through here, once per idempotency key.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('message', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sending', 'sent', 'dead', 'unknown', 'skipped')`),
    )
    .addColumn('on_ambiguous', 'text', (c) =>
      c.notNull().defaultTo('give_up').check(sql`on_ambiguous in ('give_up', 'retry')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('available_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('lease_until', 'timestamptz')
    .addColumn('leased_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('slack_channel', 'text')
    .addColumn('slack_ts', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await sql`create index outbox_pending_idx on outbox (available_at) where status = 'pending'`.execute(db);
  await sql`create index outbox_sending_idx on outbox (lease_until) where status = 'sending'`.execute(db);
  await db.schema.createIndex('outbox_workspace_idx').on('outbox').column('workspace_id').execute();

  // One row per UTC minute: the instance that inserts it runs that minute's due-work.
  await db.schema
    .createTable('tick_claims')
    .addColumn('slot', 'timestamptz', (c) => c.primaryKey())
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Auth errors stop sends to a workspace until it is reinstalled.
  await db.schema.alterTable('workspaces').addColumn('sending_stopped_at', 'timestamptz').execute();
  await db.schema.alterTable('workspaces').addColumn('sending_stopped_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workspaces').dropColumn('sending_stopped_reason').execute();
  await db.schema.alterTable('workspaces').dropColumn('sending_stopped_at').execute();
  await db.schema.dropTable('tick_claims').execute();
  await db.schema.dropTable('outbox').execute();
}
