import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A promise from one person to another. Owner and recipient are Slack user ids, not foreign keys:
  // a recipient who uses forget-me leaves the promise behind with recipient_id null.
  await db.schema
    .createTable('promises')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull().check(sql`char_length(text) between 1 and 1000`))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('open', 'kept', 'renegotiated', 'released', 'missed')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('kept_at', 'timestamptz')
    .addColumn('kept_by', 'text', (c) => c.check(sql`kept_by in ('owner', 'recipient')`))
    .addColumn('released_at', 'timestamptz')
    .addColumn('release_note', 'text')
    // Every due-date change, oldest first: [{from, to, at, note}] with ISO instants.
    .addColumn('due_changes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // The next reminder or the `missed` mark, as a UTC instant, so the minute tick finds what is
    // due with one index range scan; null once nothing more is scheduled.
    .addColumn('next_reminder_at', 'timestamptz')
    .addColumn('next_reminder_kind', 'text', (c) =>
      c.check(sql`next_reminder_kind in ('midpoint', 'day_before', 'due', 'overdue', 'missed')`),
    )
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'promises_next_reminder_pair',
      sql`(next_reminder_at is null) = (next_reminder_kind is null)`,
    )
    .execute();
  await sql`create index promises_next_reminder_idx on promises (next_reminder_at) where next_reminder_at is not null`.execute(
    db,
  );
  await db.schema
    .createIndex('promises_owner_idx')
    .on('promises')
    .columns(['workspace_id', 'owner_id'])
    .execute();
  await sql`create index promises_recipient_active_idx on promises (workspace_id, recipient_id) where state in ('open', 'renegotiated')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('promises').execute();
}
