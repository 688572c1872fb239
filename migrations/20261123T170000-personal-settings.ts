import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A person's own choices next to what Slack and their team say. `users.tz` and `users.language`
  // stay the values every feature reads, kept equal to the effective choice by the repository:
  //   tz       = tz_override, else slack_tz
  //   language = language_choice, else team_language (null then follows the Slack locale)
  await db.schema
    .alterTable('users')
    .addColumn('slack_tz', 'text')
    .addColumn('tz_override', 'text')
    .addColumn('language_choice', 'text', (c) => c.check(sql`language_choice in ('en', 'nb')`))
    .addColumn('team_language', 'text', (c) => c.check(sql`team_language in ('en', 'nb')`))
    .execute();
  await sql`update users set slack_tz = tz, language_choice = language`.execute(db);

  // A schedule the person chose (day and time) is theirs: team defaults no longer move it. A
  // schedule that is not the app default can only have been chosen.
  await db.schema
    .alterTable('checkin_schedules')
    .addColumn('custom', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`update checkin_schedules set custom = true where weekday <> 1 or local_time <> '10:00'`.execute(
    db,
  );

  // The pulse follow-up, two days after a check-in: pending until the follow-up job has looked at
  // it (sent or not needed). Says nothing about ratings. Rows from before this migration are done.
  await db.schema
    .alterTable('checkins')
    .addColumn('followup_pending', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`alter table checkins alter column followup_pending set default true`.execute(db);
  await sql`create index checkins_followup_idx on checkins (due_at)
    where followup_pending and outcome in ('queued', 'sent_now')`.execute(db);

  // The team's switch for the mid-week nudge, and its effect on each member's nudge schedule.
  await db.schema
    .alterTable('teams')
    .addColumn('habit_nudges', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  await db.schema
    .alterTable('habit_nudge_schedules')
    .addColumn('team_nudges', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('habit_nudge_schedules').dropColumn('team_nudges').execute();
  await db.schema.alterTable('teams').dropColumn('habit_nudges').execute();
  await sql`drop index checkins_followup_idx`.execute(db);
  await db.schema.alterTable('checkins').dropColumn('followup_pending').execute();
  await db.schema.alterTable('checkin_schedules').dropColumn('custom').execute();
  await db.schema
    .alterTable('users')
    .dropColumn('team_language')
    .dropColumn('language_choice')
    .dropColumn('tz_override')
    .dropColumn('slack_tz')
    .execute();
}
