import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Sealed ballots: a rating is stored at once as AES-256-GCM ciphertext (44 bytes whatever the
  // scores) under a key derived from PULSE_SECRET, which is never in the database. A row holds the
  // round and the ciphertext only: no person, no time, no serial, no default. The primary key
  // orders a round's ballots by their (random) bytes, never by arrival. The close opens and counts
  // them in one transaction and deletes them.
  await db.schema
    .createTable('pulse_ballots')
    .addColumn('team_id', 'uuid', (c) => c.notNull())
    .addColumn('week_year', 'smallint', (c) => c.notNull())
    .addColumn('week_number', 'smallint', (c) => c.notNull())
    .addColumn('sealed', 'bytea', (c) => c.notNull().check(sql`octet_length(sealed) = 44`))
    .addPrimaryKeyConstraint('pulse_ballots_pk', ['team_id', 'week_year', 'week_number', 'sealed'])
    .addForeignKeyConstraint(
      'pulse_ballots_round_fk',
      ['team_id', 'week_year', 'week_number'],
      'pulse_rounds',
      ['team_id', 'week_year', 'week_number'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  // Ballots that no key opened at the close (a lost secret, a tampered row): counted, never dropped
  // without trace. Null for rounds closed before ballots existed.
  await db.schema
    .alterTable('pulse_rounds')
    .addColumn('unreadable', 'integer', (c) => c.check(sql`unreadable >= 0`))
    .execute();

  // Nothing is buffered in an app's memory any more, so no close has to ask running instances to
  // flush over LISTEN/NOTIFY, and they no longer announce themselves. Open rounds keep what they
  // have: their participation marks (the same HMAC) and any counts written under the old design,
  // which the close adds to the ballots' counts.
  await db.schema.dropTable('app_instances').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('app_instances')
    .addColumn('instance', 'text', (c) => c.primaryKey())
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.alterTable('pulse_rounds').dropColumn('unreadable').execute();
  await db.schema.dropTable('pulse_ballots').execute();
}
