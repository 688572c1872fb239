import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The check-ins job reads the people due at a minute in pages ordered by (due, workspace, person)
  // and resumes after the last row of the previous page. With only (next_due_at) indexed, every
  // page of a minute where 100,000 people share one due time sorted all of them again; with the
  // whole key indexed, each page is one index range read of its own rows.
  await sql`create index checkin_schedules_due_keyset_idx on checkin_schedules (next_due_at, workspace_id, user_id) where next_due_at is not null`.execute(
    db,
  );
  await sql`drop index if exists checkin_schedules_due_idx`.execute(db);
  // A sender claims the oldest few pending messages; without an index in that order every claim
  // sorted every pending message (60 ms at 50,000 pending, growing with the backlog).
  await sql`create index outbox_pending_claim_idx on outbox (available_at, id) where status = 'pending'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists outbox_pending_claim_idx`.execute(db);
  await sql`create index if not exists checkin_schedules_due_idx on checkin_schedules (next_due_at) where next_due_at is not null`.execute(
    db,
  );
  await sql`drop index if exists checkin_schedules_due_keyset_idx`.execute(db);
}
