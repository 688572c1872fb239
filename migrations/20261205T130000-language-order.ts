import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A team may leave the language to each person's Slack locale ("Each person's Slack language").
  await sql`alter table teams alter column language drop not null`.execute(db);
  // users.language follows a new order: own choice, then the Slack locale when it is English or
  // Norwegian (nb, no, nn → Bokmål), then the team's language, then English. The app derives it in
  // src/domain/users/language.ts from now on; this recomputes what is stored, once.
  await sql`
    update users set language = case
      when language_choice is not null then language_choice
      when slack_locale ~* '^(nb|no|nn)([-_]|$)' then 'nb'
      when slack_locale ~* '^en([-_]|$)' then 'en'
      else coalesce(team_language, 'en')
    end
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update teams set language = 'en' where language is null`.execute(db);
  await sql`alter table teams alter column language set not null`.execute(db);
  await sql`update users set language = coalesce(language_choice, team_language)`.execute(db);
}
