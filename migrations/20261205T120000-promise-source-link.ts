import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A promise made from a message ("Make this a promise") keeps a permalink back to that message.
  await sql`alter table promises add column source_link text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table promises drop column if exists source_link`.execute(db);
}
