import { type Kysely, sql } from 'kysely';

const uuid = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

export async function up(db: Kysely<any>): Promise<void> {
  // Whom a queued message concerns, as columns: forget-me and uninstall find a person's or a
  // promise's messages by these, never by the idempotency key's format. No foreign keys: a message
  // may outlive what it was about until data-rights code deletes it (and a sent row, its promise).
  await db.schema
    .alterTable('outbox')
    .addColumn('person_id', 'text')
    .addColumn('promise_id', 'uuid')
    .addColumn('team_id', 'uuid')
    .execute();
  await sql`create index outbox_person_idx on outbox (workspace_id, person_id) where person_id is not null`.execute(
    db,
  );
  await sql`create index outbox_promise_idx on outbox (promise_id) where promise_id is not null`.execute(db);

  // Backfill of the rows queued before this version. This is the only place the old key formats
  // are parsed, and only to fill the columns once; nothing reads the keys' parts after it.
  // Every direct message concerns its reader (pulse follow-ups and workflow asks carry a keyed
  // hash in their key, so their channel is the only place the person is named).
  await sql`update outbox set person_id = channel where channel ~ '^[UW][A-Z0-9]{2,30}$'`.execute(db);
  // promise:<workspace>:<promise>:<notice>[:…]
  await sql`update outbox set promise_id = split_part(idempotency_key, ':', 3)::uuid
    where idempotency_key like 'promise:%' and split_part(idempotency_key, ':', 3) ~ ${uuid}`.execute(db);
  // pulse-step:<workspace>:<team>:<tag>:<week>
  await sql`update outbox set team_id = split_part(idempotency_key, ':', 3)::uuid
    where idempotency_key like 'pulse-step:%' and split_part(idempotency_key, ':', 3) ~ ${uuid}`.execute(db);
  // pulse-result:<team>:<week>:<manager>, digest:<team>:<week>, digest-now:<team>:<invocation>
  await sql`update outbox set team_id = split_part(idempotency_key, ':', 2)::uuid
    where (idempotency_key like 'pulse-result:%' or idempotency_key like 'digest:%' or idempotency_key like 'digest-now:%')
      and split_part(idempotency_key, ':', 2) ~ ${uuid}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists outbox_promise_idx`.execute(db);
  await sql`drop index if exists outbox_person_idx`.execute(db);
  await db.schema
    .alterTable('outbox')
    .dropColumn('team_id')
    .dropColumn('promise_id')
    .dropColumn('person_id')
    .execute();
}
