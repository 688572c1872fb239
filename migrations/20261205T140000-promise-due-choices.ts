import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A promise waiting for its owner to pick one of two due instants the words could mean ("next
  // friday" on a Wednesday). The buttons carry only the row's id and the index picked; choosing
  // sets chosen_at and creates the promise in one transaction, so a double click makes one promise.
  await db.schema
    .createTable('promise_due_choices')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().check(sql`char_length(text) between 1 and 1000`))
    // [{due, hadTime, convention?}] with ISO instants, earliest first.
    .addColumn('candidates', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('chosen_at', 'timestamptz')
    .addColumn('promise_id', 'uuid', (c) => c.references('promises.id').onDelete('set null'))
    .execute();
  await sql`create index promise_due_choices_owner_idx on promise_due_choices (workspace_id, owner_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('promise_due_choices').ifExists().execute();
}
