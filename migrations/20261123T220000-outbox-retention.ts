import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Finished messages are pruned after a retention period, oldest first, a batch per tick.
  await sql`create index outbox_finished_idx on outbox (finished_at) where finished_at is not null`.execute(
    db,
  );
  // The depth gauge counts only messages that are not finished well (cheap whatever the history).
  await sql`create index outbox_open_status_idx on outbox (status) where status not in ('sent', 'skipped')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists outbox_open_status_idx`.execute(db);
  await sql`drop index if exists outbox_finished_idx`.execute(db);
}
