import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A team is a channel. Its uuid is random (v4), so it says nothing about when it was made; the
  // pulse tables refer to it instead of to text ids.
  await db.schema
    .createTable('teams')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('en', 'nb')`))
    .addColumn('min_group_size', 'integer', (c) => c.notNull().check(sql`min_group_size >= 3`))
    .addColumn('checkin_weekday', 'smallint', (c) => c.notNull().check(sql`checkin_weekday between 1 and 7`))
    .addColumn('checkin_time', 'text', (c) => c.notNull())
    .addColumn('digest_enabled', 'boolean', (c) => c.notNull())
    .addColumn('digest_weekday', 'smallint', (c) => c.notNull().check(sql`digest_weekday between 1 and 7`))
    .addColumn('digest_time', 'text', (c) => c.notNull())
    .addColumn('members_synced_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('teams_channel_unique', ['workspace_id', 'channel_id'])
    .execute();

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
    .execute();
  await db.schema.createIndex('team_members_user_idx').on('team_members').column('user_id').execute();

  await db.schema
    .createTable('team_managers')
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_managers_pk', ['team_id', 'user_id'])
    .execute();

  // The anonymous pulse. No table below has a user id, a timestamp, a serial/identity or
  // defaulted id, or a text column: a round is (team, ISO week), ratings are counts only.
  await db.schema
    .createTable('pulse_rounds')
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('week_year', 'smallint', (c) => c.notNull())
    .addColumn('week_number', 'smallint', (c) => c.notNull().check(sql`week_number between 1 and 53`))
    .addColumn('closed', 'boolean', (c) => c.notNull())
    .addColumn('respondents', 'integer')
    .addColumn('members', 'integer')
    .addPrimaryKeyConstraint('pulse_rounds_pk', ['team_id', 'week_year', 'week_number'])
    .execute();

  await db.schema
    .createTable('pulse_tallies')
    .addColumn('team_id', 'uuid', (c) => c.notNull())
    .addColumn('week_year', 'smallint', (c) => c.notNull())
    .addColumn('week_number', 'smallint', (c) => c.notNull())
    .addColumn('item', 'smallint', (c) => c.notNull().check(sql`item between 1 and 4`))
    .addColumn('score', 'smallint', (c) => c.notNull().check(sql`score between 1 and 5`))
    .addColumn('count', 'integer', (c) => c.notNull().check(sql`count >= 0`))
    .addPrimaryKeyConstraint('pulse_tallies_pk', ['team_id', 'week_year', 'week_number', 'item', 'score'])
    .addForeignKeyConstraint(
      'pulse_tallies_round_fk',
      ['team_id', 'week_year', 'week_number'],
      'pulse_rounds',
      ['team_id', 'week_year', 'week_number'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  // Who has rated an open round, as HMAC(secret, workspace|team|round|user); the secret is never in
  // the database. Deleted when the round closes.
  await db.schema
    .createTable('pulse_participation')
    .addColumn('team_id', 'uuid', (c) => c.notNull())
    .addColumn('week_year', 'smallint', (c) => c.notNull())
    .addColumn('week_number', 'smallint', (c) => c.notNull())
    .addColumn('mark', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('pulse_participation_pk', ['team_id', 'week_year', 'week_number', 'mark'])
    .addForeignKeyConstraint(
      'pulse_participation_round_fk',
      ['team_id', 'week_year', 'week_number'],
      'pulse_rounds',
      ['team_id', 'week_year', 'week_number'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pulse_participation').execute();
  await db.schema.dropTable('pulse_tallies').execute();
  await db.schema.dropTable('pulse_rounds').execute();
  await db.schema.dropTable('team_managers').execute();
  await db.schema.dropTable('team_members').execute();
  await db.schema.dropTable('teams').execute();
}
