import { describe, expect, it } from 'vitest';
import { runTick } from '../../../src/scheduler/scheduler.ts';
import { createPgCheckinRepository } from '../../../src/persistence/pg-checkin.repository.ts';
import { createPgHabitNudgeRepository } from '../../../src/persistence/pg-habit-nudge.repository.ts';
import { createPgHabitRepository } from '../../../src/persistence/pg-habit.repository.ts';
import { createPgPromiseRepository, toTrustPromise } from '../../../src/persistence/pg-promise.repository.ts';
import { getUserProfile } from '../../../src/domain/users/user.service.ts';
import { createRefreshOnlyUserRepository } from '../../../src/persistence/refresh-only-user.repository.ts';
import { createSlackUserSource } from '../../../src/slack/directory/slack-user-source.ts';
import { settingsCallbackIds } from '../../../src/slack/ids.ts';
import { atInstant, profileSavedHook } from '../../../src/app-context.ts';
import { commandReply } from '../../support/command-reply.ts';
import { scanSchema, TEXT_TYPES } from '../../support/schema-scan.ts';
import { DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { TestClock } from '../../support/test-clock.ts';
import { useFileTestApp } from '../../support/file-test-app.ts';

const clock = new TestClock('2027-01-04T07:00:00Z'); // Monday 08:00 in Oslo

const t = useFileTestApp({ clock });

let seq = 0;
function newPerson(locale = 'en-US'): string {
  seq += 1;
  const userId = `U0FGT${String(seq).padStart(4, '0')}`;
  t.emulator.addUser(DEMO_TEAM_ID, { id: userId, name: `fgt${seq}`, tz: 'Europe/Oslo', locale });
  return userId;
}

async function trust(userId: string, text: string) {
  const before = t.emulator.responses().length;
  const ack = await t.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId: TEAM_CHANNEL_ID, text });
  return commandReply(t.emulator, ack, before);
}

const db = () => t.database.db;

async function insertPromise(ownerId: string, recipientId: string, text: string) {
  const row = await db()
    .insertInto('promises')
    .values({
      workspace_id: DEMO_TEAM_ID,
      owner_id: ownerId,
      recipient_id: recipientId,
      text,
      due_at: new Date('2027-01-08T15:00:00Z'),
      state: 'open',
      created_at: new Date('2027-01-04T07:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Gives `me` data in every category, next to data of `owner` and `other` that must survive. */
async function seedEverything(me: string, owner: string, other: string) {
  for (const person of [me, owner, other]) await trust(person, 'help');
  await trust(me, 'checkin'); // a check-in row and a DM in the outbox
  await t.app.outbox.idle();
  await db()
    .updateTable('users')
    .set({ language_choice: 'en', tz_override: 'Europe/Oslo' })
    .where('slack_user_id', '=', me)
    .execute();
  await db()
    .updateTable('checkin_schedules')
    .set({ paused_until: '2027-02-01', custom: true })
    .where('user_id', '=', me)
    .execute();
  await db()
    .insertInto('habit_reflections')
    .values({
      workspace_id: DEMO_TEAM_ID,
      user_id: me,
      week: '2027-W01',
      habit_id: 'assume_best',
      answer: 'often',
      answered_at: new Date(),
    })
    .execute();
  await db()
    .insertInto('habit_nudges')
    .values({ workspace_id: DEMO_TEAM_ID, user_id: me, week: '2027-W01', outcome: 'queued' })
    .execute();
  const owned = await insertPromise(me, owner, 'send the deck to the owner');
  const received = await insertPromise(owner, me, 'review the plan for me');
  await insertPromise(other, owner, 'unrelated promise between others');

  // A team I set up, manage and am in; I granted the owner manager rights there.
  seq += 1;
  const team = await db()
    .insertInto('teams')
    .values({
      workspace_id: DEMO_TEAM_ID,
      channel_id: `C0FGT${seq}`,
      created_by: me,
      time_zone: 'Europe/Oslo',
      language: 'en',
      min_group_size: 5,
      checkin_weekday: 1,
      checkin_time: '10:00',
      digest_enabled: false,
      digest_weekday: 5,
      digest_time: '14:00',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db()
    .insertInto('team_members')
    .values([me, owner, other].map((user_id) => ({ team_id: team.id, user_id })))
    .execute();
  await db()
    .insertInto('team_managers')
    .values([
      { team_id: team.id, user_id: me, granted_by: me },
      { team_id: team.id, user_id: owner, granted_by: me },
    ])
    .execute();

  // Due-date questions not yet answered: mine, and the owner's to me.
  const candidates = JSON.stringify([{ due: '2030-01-04T16:00:00.000Z', hadTime: false }]);
  await db()
    .insertInto('promise_due_choices')
    .values([
      {
        workspace_id: DEMO_TEAM_ID,
        owner_id: me,
        recipient_id: owner,
        text: 'mine',
        candidates,
        created_at: new Date(),
      },
      {
        workspace_id: DEMO_TEAM_ID,
        owner_id: owner,
        recipient_id: me,
        text: 'to me',
        candidates,
        created_at: new Date(),
      },
    ])
    .execute();

  // Queued messages: one to me, one about my promise to the owner, one to the owner naming me.
  await db()
    .insertInto('outbox')
    .values([
      {
        workspace_id: DEMO_TEAM_ID,
        idempotency_key: `test:to-me:${me}`,
        kind: 'test',
        channel: me,
        person_id: me,
        message: JSON.stringify({ text: 'for me' }),
        available_at: new Date('2030-01-01T00:00:00Z'),
      },
      {
        workspace_id: DEMO_TEAM_ID,
        idempotency_key: `promise:${DEMO_TEAM_ID}:${owned}:made`,
        kind: 'promise_made',
        channel: owner,
        person_id: owner,
        promise_id: owned,
        message: JSON.stringify({ text: 'a promise was made to you' }),
        available_at: new Date('2030-01-01T00:00:00Z'),
      },
      {
        workspace_id: DEMO_TEAM_ID,
        idempotency_key: `test:names-me:${received}`,
        kind: 'promise_reminder',
        channel: owner,
        person_id: owner,
        promise_id: received,
        message: JSON.stringify({
          text: `Your promise to <@${me}> is due`,
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: `Your promise to <@${me}> is due tomorrow` } },
          ],
        }),
        available_at: new Date('2030-01-01T00:00:00Z'),
      },
    ])
    .execute();
  return { owned, received, teamId: team.id };
}

async function scanFor(userId: string) {
  return scanSchema(db(), [userId], { dataTypes: TEXT_TYPES });
}

async function rowsOf(userId: string) {
  const [users, promises, members] = await Promise.all([
    db().selectFrom('users').select('slack_user_id').where('slack_user_id', '=', userId).execute(),
    db()
      .selectFrom('promises')
      .select('id')
      .where((eb) => eb.or([eb('owner_id', '=', userId), eb('recipient_id', '=', userId)]))
      .execute(),
    db().selectFrom('team_members').select('team_id').where('user_id', '=', userId).execute(),
  ]);
  return { users: users.length, promises: promises.length, members: members.length };
}

async function confirmForgetMe(userId: string) {
  const viewsBefore = t.emulator.views(userId).length;
  const reply = await t.driver.command({
    teamId: DEMO_TEAM_ID,
    userId,
    channelId: TEAM_CHANNEL_ID,
    text: 'forget-me',
  });
  expect(reply.status).toBe(200);
  const modal = await t.emulator.waitFor(() => t.emulator.views(userId)[viewsBefore], {
    description: 'forget-me modal',
  });
  return modal;
}

describe('/trust forget-me', () => {
  it('explains what goes, then leaves no row with my id in any table', async () => {
    const me = newPerson();
    const owner = newPerson();
    const other = newPerson();
    const { received } = await seedEverything(me, owner, other);
    const before = await scanFor(me);
    // The seed really reaches every kind of table the test is about.
    for (const table of [
      'users',
      'checkin_schedules',
      'checkins',
      'habit_reflections',
      'habit_nudge_schedules',
      'habit_nudges',
      'promises',
      'promise_due_choices',
      'team_members',
      'team_managers',
      'teams',
      'outbox',
    ])
      expect(before.hits[table], table).toBeGreaterThan(0);
    const ownerBefore = await rowsOf(owner);
    const otherBefore = await rowsOf(other);

    const modal = await confirmForgetMe(me);
    const body = modal.body as { callback_id?: string; blocks?: unknown[] };
    expect(body.callback_id).toBe(settingsCallbackIds.forgetMe);
    const text = JSON.stringify(body.blocks);
    expect(text).toContain('your check-in history, habit reflections and streak');
    expect(text).toContain('the promises you made, with their reminders');
    expect(text).toContain('“a former member”');
    expect(text).toContain('pulse ratings cannot be deleted');
    // Nothing is deleted before the confirmation.
    expect((await scanFor(me)).hits.promises).toBe(2);

    const submitted = await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: me, viewId: modal.id });
    expect(submitted.status).toBe(200);
    expect(JSON.stringify(submitted.json)).toContain('Your personal data is deleted');

    const after = await scanFor(me);
    expect(after.tables).toEqual(expect.arrayContaining(['users', 'promises', 'outbox', 'teams']));
    expect(after.columns.length).toBeGreaterThan(30);
    expect(after.hits).toEqual({});

    // The promise made to me stays with its owner, unlinked; the owner's queued reminder too.
    const kept = await db()
      .selectFrom('promises')
      .selectAll()
      .where('id', '=', received)
      .executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ owner_id: owner, recipient_id: null, text: 'review the plan for me' });
    const reminder = await db()
      .selectFrom('outbox')
      .select('message')
      .where('idempotency_key', '=', `test:names-me:${received}`)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(reminder.message)).toContain('Your promise to a former member is due tomorrow');
    // The notice about my own promise is cancelled with it.
    expect(
      await db()
        .selectFrom('outbox')
        .select('id')
        .where('kind', '=', 'promise_made')
        .where('channel', '=', owner)
        .execute(),
    ).toHaveLength(0);

    // Everyone else keeps their data: the owner lost only the promise I made to them.
    expect(await rowsOf(owner)).toEqual({ ...ownerBefore, promises: ownerBefore.promises - 1 });
    expect(await rowsOf(other)).toEqual(otherBefore);

    const list = await trust(owner, 'promises');
    const listed = JSON.stringify(list.body.blocks);
    expect(listed).toContain('review the plan for me');
    expect(listed).toContain('to a former member');
  });

  it("drops a late write for the forgotten person (an old button, another instance's cache) instead of failing or undoing it", async () => {
    const me = newPerson();
    const owner = newPerson();
    const other = newPerson();
    await seedEverything(me, owner, other);
    const modal = await confirmForgetMe(me);
    await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: me, viewId: modal.id });
    expect((await scanFor(me)).hits).toEqual({});

    // What a click handled with a stale profile would write: each is dropped, none throws.
    const schedule = {
      target: { weekday: 2, time: '09:00' },
      optedOut: false,
      pausedUntil: null,
      nextDueAt: null,
    };
    await createPgCheckinRepository(db()).saveSchedule(DEMO_TEAM_ID, me, { ...schedule, custom: true });
    await createPgCheckinRepository(db()).markSkippedByUser(DEMO_TEAM_ID, me, '2027-W01');
    await createPgHabitRepository(db()).saveReflection({
      workspaceId: DEMO_TEAM_ID,
      userId: me,
      week: '2027-W01',
      habit: 'assume_best',
      answer: 'often',
      at: clock.now(),
    });
    await createPgHabitNudgeRepository(db()).saveSettings(DEMO_TEAM_ID, me, {
      enabled: true,
      zone: 'Europe/Oslo',
      nextDueAt: null,
    });
    expect((await scanFor(me)).hits).toEqual({});
  });

  it('is not undone by the scheduler, and a second run says nothing is left', async () => {
    const me = newPerson();
    const owner = newPerson();
    const other = newPerson();
    await seedEverything(me, owner, other);
    const modal = await confirmForgetMe(me);
    await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: me, viewId: modal.id });
    expect((await scanFor(me)).hits).toEqual({});

    // A week of minute ticks later (check-ins, nudges, reminders): still nothing about me.
    for (const at of ['2027-01-04T09:00:00Z', '2027-01-06T13:00:00Z', '2027-01-11T09:00:00Z']) {
      clock.set(at);
      await runTick(t.app.scheduler, new Date(at), { budgetMs: 30_000 });
    }
    expect((await scanFor(me)).hits).toEqual({});
    expect(t.emulator.dmsTo(me).filter((m) => m.via === 'api')).toHaveLength(1); // the one check-in before

    // A reminder job had read a promise to me just before: its stale message is not queued.
    const promises = createPgPromiseRepository(db());
    const stale = await db()
      .selectFrom('promises')
      .selectAll()
      .where('owner_id', '=', owner)
      .executeTakeFirstOrThrow();
    const step = { kind: 'due' as const, at: new Date('2027-01-08T15:00:00Z') };
    await db()
      .updateTable('promises')
      .set({ next_reminder_at: step.at, next_reminder_kind: step.kind })
      .where('id', '=', stale.id)
      .execute();
    const advanced = await promises.advance({
      promise: { ...toTrustPromise(stale), recipientId: me },
      from: step,
      next: undefined,
      state: 'open',
      messages: [
        {
          workspaceId: DEMO_TEAM_ID,
          idempotencyKey: `test:stale:${me}`,
          kind: 'promise_reminder',
          channel: owner,
          about: { personId: owner, promiseId: stale.id, teamId: null },
          text: `<@${me}>`,
        },
      ],
    });
    expect(advanced).toBe(false);
    expect((await scanFor(me)).hits).toEqual({});

    // The profile refresh had listed me just before: its save finds nobody and re-creates nothing.
    const refresh = {
      users: createRefreshOnlyUserRepository(db()),
      slack: createSlackUserSource(t.app.slack.clientFor),
      clock,
      onProfileSaved: profileSavedHook(atInstant(t.app.context.teamDefaults, clock.now())),
    };
    await expect(getUserProfile(refresh, DEMO_TEAM_ID, me)).rejects.toThrow('person no longer stored');
    expect((await scanFor(me)).hits).toEqual({});

    const viewsBefore = t.emulator.views(me).length;
    const again = await trust(me, 'forget-me');
    expect(again.body.text).toContain('There is nothing left to delete');
    expect(t.emulator.views(me)).toHaveLength(viewsBefore);
    // The profile this command re-created from Slack went again.
    expect((await scanFor(me)).hits).toEqual({});
    clock.set('2027-01-04T07:00:00Z');
  });

  it('says so in Bokmål, and a repeated submission finds nothing left', async () => {
    const me = newPerson('nb-NO');
    const owner = newPerson();
    const other = newPerson();
    await seedEverything(me, owner, other);
    const modal = await confirmForgetMe(me);
    const text = JSON.stringify((modal.body as { blocks?: unknown[] }).blocks);
    expect(text).toContain('Pulsvurderingene dine kan ikke slettes');
    expect(text).toContain('«et tidligere medlem»');
    const first = await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: me, viewId: modal.id });
    expect(JSON.stringify(first.json)).toContain('Personopplysningene dine er slettet');
    const second = await t.driver.viewSubmission({
      teamId: DEMO_TEAM_ID,
      userId: me,
      view: { callback_id: settingsCallbackIds.forgetMe },
    });
    expect(JSON.stringify(second.json)).toContain('Det er ingenting igjen å slette');
    expect((await scanFor(me)).hits).toEqual({});
  });
});
