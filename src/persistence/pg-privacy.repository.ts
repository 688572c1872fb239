import type { Kysely } from 'kysely';
import type { HabitId } from '../domain/habits/catalogue.ts';
import type { PersonalData } from '../domain/privacy/personal-data.ts';
import type { ForgetOutcome, PrivacyRepository } from '../domain/privacy/ports.ts';
import type { Db } from './database.ts';
import { toTrustPromise } from './pg-promise.repository.ts';
import type { Database } from './tables.ts';

type Executor = Kysely<Database>;

/** Written where a forgotten person's id was required (a team's creator, who granted a manager). */
export const FORGOTTEN_USER = '';

// Slack user ids only: they go into the content search and the mention pattern below.
const slackUserId = /^[UW][A-Z0-9]{2,30}$/;

export function createPgPrivacyRepository(db: Db): PrivacyRepository {
  return {
    readPersonalData: (workspaceId, userId) => readPersonalData(db, workspaceId, userId),
    async forgetPerson(workspaceId, userId, formerMember) {
      if (!slackUserId.test(userId)) return { rows: {} };
      return db.transaction().execute((trx) => forgetPerson(trx, workspaceId, userId, formerMember));
    },
  };
}

async function readPersonalData(db: Db, workspaceId: string, userId: string): Promise<PersonalData> {
  const [user, schedule, nudgeSchedule, checkins, nudges, reflections, promises, teams, queued] =
    await Promise.all([
      db
        .selectFrom('users')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('slack_user_id', '=', userId)
        .executeTakeFirst(),
      db
        .selectFrom('checkin_schedules')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst(),
      db
        .selectFrom('habit_nudge_schedules')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst(),
      db
        .selectFrom('checkins')
        .select(['week', 'outcome', 'due_at', 'created_at'])
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .orderBy('week')
        .execute(),
      db
        .selectFrom('habit_nudges')
        .select(['week', 'outcome'])
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .orderBy('week')
        .execute(),
      db
        .selectFrom('habit_reflections')
        .select(['week', 'habit_id', 'answer', 'answered_at'])
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .orderBy('week')
        .execute(),
      db
        .selectFrom('promises')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where((eb) => eb.or([eb('owner_id', '=', userId), eb('recipient_id', '=', userId)]))
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('teams')
        .select((eb) => [
          'teams.id',
          'teams.channel_id',
          'teams.created_by',
          eb
            .exists(
              eb
                .selectFrom('team_members')
                .select('team_members.user_id')
                .whereRef('team_members.team_id', '=', 'teams.id')
                .where('team_members.user_id', '=', userId),
            )
            .as('member'),
          eb
            .exists(
              eb
                .selectFrom('team_managers')
                .select('team_managers.user_id')
                .whereRef('team_managers.team_id', '=', 'teams.id')
                .where('team_managers.user_id', '=', userId),
            )
            .as('manager'),
        ])
        .where('teams.workspace_id', '=', workspaceId)
        .orderBy('teams.channel_id')
        .execute(),
      db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('workspace_id', '=', workspaceId)
        .where('person_id', '=', userId)
        .where('status', 'in', ['pending', 'sending'])
        .executeTakeFirst(),
    ]);
  const rows = promises.map(toTrustPromise);
  return {
    profile: user
      ? {
          tz: user.tz,
          slackTz: user.slack_tz,
          tzOverride: user.tz_override,
          slackLocale: user.slack_locale,
          language: user.language,
          languageChoice: user.language_choice,
          isAdmin: user.is_admin,
          isOwner: user.is_owner,
          profileFetchedAt: user.profile_fetched_at,
          createdAt: user.created_at,
        }
      : undefined,
    checkinSchedule: schedule
      ? {
          weekday: schedule.weekday,
          localTime: schedule.local_time,
          pausedUntil: schedule.paused_until,
          optedOut: schedule.opted_out,
          custom: schedule.custom,
          nextDueAt: schedule.next_due_at,
        }
      : undefined,
    nudgeSchedule: nudgeSchedule
      ? {
          habitNudges: nudgeSchedule.habit_nudges,
          teamNudges: nudgeSchedule.team_nudges,
          nextDueAt: nudgeSchedule.next_due_at,
        }
      : undefined,
    checkins: checkins.map((c) => ({
      week: c.week,
      outcome: c.outcome,
      dueAt: c.due_at,
      createdAt: c.created_at,
    })),
    nudges: nudges.map((n) => ({ week: n.week, outcome: n.outcome })),
    reflections: reflections.map((r) => ({
      week: r.week,
      habit: r.habit_id as HabitId,
      answer: r.answer,
      answeredAt: r.answered_at,
    })),
    promisesMade: rows.filter((p) => p.ownerId === userId),
    promisesReceived: rows.filter((p) => p.recipientId === userId && p.ownerId !== userId),
    teams: teams
      .map((t) => ({
        teamId: t.id,
        channelId: t.channel_id,
        member: Boolean(t.member),
        manager: Boolean(t.manager),
        setUpByMe: t.created_by === userId,
      }))
      .filter((t) => t.member || t.manager || t.setUpByMe),
    queuedMessages: Number(queued?.count ?? 0),
  };
}

async function forgetPerson(
  trx: Executor,
  workspaceId: string,
  userId: string,
  formerMember: (language: 'en' | 'nb' | null) => string,
): Promise<ForgetOutcome> {
  const rows: Record<string, number> = {};
  const count = (table: string, n: bigint | number | undefined) => {
    const value = Number(n ?? 0);
    if (value > 0) rows[table] = (rows[table] ?? 0) + value;
  };
  const teamsOfWorkspace = trx.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId);

  // The person's own rows. The user row is locked first: a check-in being queued for them right
  // now holds it, so this waits for that transaction and then also sees (and removes) its rows and
  // message; one starting later fails on the missing user instead of re-creating anything.
  await trx
    .selectFrom('users')
    .select('slack_user_id')
    .where('workspace_id', '=', workspaceId)
    .where('slack_user_id', '=', userId)
    .forUpdate()
    .execute();
  for (const table of [
    'checkin_schedules',
    'checkins',
    'habit_reflections',
    'habit_nudge_schedules',
    'habit_nudges',
  ] as const) {
    const result = await trx
      .deleteFrom(table)
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    count(table, result.numDeletedRows);
  }
  const user = await trx
    .deleteFrom('users')
    .where('workspace_id', '=', workspaceId)
    .where('slack_user_id', '=', userId)
    .executeTakeFirst();
  count('users', user.numDeletedRows);

  // Due-date questions not yet answered, by them or naming them, go: nothing was promised yet.
  const choices = await trx
    .deleteFrom('promise_due_choices')
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('owner_id', '=', userId), eb('recipient_id', '=', userId)]))
    .executeTakeFirst();
  count('promise_due_choices', choices.numDeletedRows);

  // Promises they made go, with every message about them; those they received stay with their
  // owner, who from now on sees "a former member".
  const owned = await trx
    .deleteFrom('promises')
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', '=', userId)
    .returning('id')
    .execute();
  count('promises', owned.length);
  const received = await trx
    .updateTable('promises')
    .set({ recipient_id: null, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('recipient_id', '=', userId)
    .executeTakeFirst();
  count('promises (received, unlinked)', received.numUpdatedRows);

  const members = await trx
    .deleteFrom('team_members')
    .where('user_id', '=', userId)
    .where('team_id', 'in', teamsOfWorkspace)
    .executeTakeFirst();
  count('team_members', members.numDeletedRows);
  const managers = await trx
    .deleteFrom('team_managers')
    .where('user_id', '=', userId)
    .where('team_id', 'in', teamsOfWorkspace)
    .executeTakeFirst();
  count('team_managers', managers.numDeletedRows);
  const grants = await trx
    .updateTable('team_managers')
    .set({ granted_by: FORGOTTEN_USER })
    .where('granted_by', '=', userId)
    .where('team_id', 'in', teamsOfWorkspace)
    .executeTakeFirst();
  count('team_managers (granted, unlinked)', grants.numUpdatedRows);
  const created = await trx
    .updateTable('teams')
    .set({ created_by: FORGOTTEN_USER })
    .where('workspace_id', '=', workspaceId)
    .where('created_by', '=', userId)
    .executeTakeFirst();
  count('teams (set up, unlinked)', created.numUpdatedRows);

  const installer = await trx
    .updateTable('installations')
    .set({ installer_user_id: null })
    .where('workspace_id', '=', workspaceId)
    .where('installer_user_id', '=', userId)
    .executeTakeFirst();
  count('installations (installed by, unlinked)', installer.numUpdatedRows);

  await forgetInOutbox(
    trx,
    workspaceId,
    userId,
    owned.map((p) => p.id),
    formerMember,
    count,
  );
  return { rows };
}

/**
 * Messages to the person, or about promises they made, are cancelled (and their history
 * removed); other people's messages that mention them keep going, with the mention replaced.
 */
async function forgetInOutbox(
  trx: Executor,
  workspaceId: string,
  userId: string,
  ownedPromiseIds: string[],
  formerMember: (language: 'en' | 'nb' | null) => string,
  count: (table: string, n: bigint | number | undefined) => void,
): Promise<void> {
  // By the subject columns every message kind fills (message-kinds.ts; a direct message always
  // names its reader), never by key patterns. Both columns are indexed.
  const removed = await trx
    .deleteFrom('outbox')
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        eb('person_id', '=', userId),
        ...(ownedPromiseIds.length > 0 ? [eb('promise_id', 'in', ownedPromiseIds)] : []),
      ]),
    )
    .executeTakeFirst();
  count('outbox', removed.numDeletedRows);

  // Mentions can be anywhere a person typed one (a promise's text, a note), so they are found in
  // the content, by Slack's own mention syntax: this depends on no format of ours.
  const mentioning = await trx
    .selectFrom('outbox')
    .leftJoin('users', (join) =>
      join
        .onRef('users.workspace_id', '=', 'outbox.workspace_id')
        .onRef('users.slack_user_id', '=', 'outbox.channel'),
    )
    .select(['outbox.id', 'outbox.message', 'users.language'])
    .where('outbox.workspace_id', '=', workspaceId)
    .where((eb) => eb(eb.cast('outbox.message', 'text'), 'like', `%${userId}%`))
    .execute();
  const mention = new RegExp(`<@${userId}(\\|[^>]*)?>`, 'g');
  // The id on its own, not inside a longer one.
  const bare = new RegExp(`(?<![A-Z0-9])${userId}(?![A-Z0-9])`);
  for (const row of mentioning) {
    const replaced = JSON.stringify(row.message).replace(mention, formerMember(row.language));
    if (!bare.test(JSON.stringify(row.message))) continue;
    if (bare.test(replaced)) {
      await trx.deleteFrom('outbox').where('id', '=', row.id).execute();
      count('outbox', 1);
    } else {
      await trx.updateTable('outbox').set({ message: replaced }).where('id', '=', row.id).execute();
      count('outbox (mention removed)', 1);
    }
  }
}

/**
 * Deletes every row held for a workspace in one transaction, and stops its queued sends with
 * them. Tables without a foreign key to `workspaces` are cleared here by name; the rest cascade.
 * `eventId` stays recorded (without the workspace) so Slack's retry of the same event is dropped.
 */
export async function purgeWorkspace(
  db: Db,
  workspaceId: string,
  eventId: string | undefined,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('outbox').where('workspace_id', '=', workspaceId).execute();
    await trx.deleteFrom('processed_events').where('workspace_id', '=', workspaceId).execute();
    const teams = trx.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId);
    await trx.deleteFrom('team_members').where('team_id', 'in', teams).execute();
    await trx.deleteFrom('team_managers').where('team_id', 'in', teams).execute();
    await trx.deleteFrom('pulse_participation').where('team_id', 'in', teams).execute();
    await trx.deleteFrom('pulse_tallies').where('team_id', 'in', teams).execute();
    await trx.deleteFrom('pulse_rounds').where('team_id', 'in', teams).execute();
    await trx.deleteFrom('team_digests').where('workspace_id', '=', workspaceId).execute();
    await trx.deleteFrom('teams').where('workspace_id', '=', workspaceId).execute();
    await trx.deleteFrom('promises').where('workspace_id', '=', workspaceId).execute();
    for (const table of [
      'checkin_schedules',
      'checkins',
      'habit_reflections',
      'habit_nudge_schedules',
      'habit_nudges',
    ] as const)
      await trx.deleteFrom(table).where('workspace_id', '=', workspaceId).execute();
    await trx.deleteFrom('users').where('workspace_id', '=', workspaceId).execute();
    await trx.deleteFrom('installations').where('workspace_id', '=', workspaceId).execute();
    const deleted = await trx.deleteFrom('workspaces').where('id', '=', workspaceId).executeTakeFirst();
    if (eventId)
      await trx
        .insertInto('processed_events')
        .values({ event_id: eventId, workspace_id: null })
        .onConflict((oc) => oc.column('event_id').doNothing())
        .execute();
    return deleted.numDeletedRows > 0n;
  });
}
