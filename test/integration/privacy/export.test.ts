import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandReply } from '../../support/command-reply.ts';
import { DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { TestClock } from '../../support/test-clock.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
const clock = new TestClock('2027-01-20T09:00:00Z'); // Wednesday, ISO week 2027-W03

beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

let seq = 0;
function newPerson(zone: string, locale = 'en-US'): string {
  seq += 1;
  const userId = `U0EXP${String(seq).padStart(4, '0')}`;
  t.emulator.addUser(DEMO_TEAM_ID, { id: userId, name: `exp${seq}`, tz: zone, locale });
  return userId;
}

const db = () => t.database.db;

async function trust(userId: string, text: string) {
  const before = t.emulator.responses().length;
  const ack = await t.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId: TEAM_CHANNEL_ID, text });
  return commandReply(t.emulator, ack, before);
}

async function insertPromise(ownerId: string, recipientId: string, text: string) {
  await db()
    .insertInto('promises')
    .values({
      workspace_id: DEMO_TEAM_ID,
      owner_id: ownerId,
      recipient_id: recipientId,
      text,
      due_at: new Date('2027-01-22T15:00:00Z'),
      state: 'open',
      created_at: new Date('2027-01-18T08:00:00Z'),
    })
    .execute();
}

async function insertTeam(channelId: string, createdBy: string, members: string[], managers: string[]) {
  const team = await db()
    .insertInto('teams')
    .values({
      workspace_id: DEMO_TEAM_ID,
      channel_id: channelId,
      created_by: createdBy,
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
  if (members.length > 0)
    await db()
      .insertInto('team_members')
      .values(members.map((user_id) => ({ team_id: team.id, user_id })))
      .execute();
  if (managers.length > 0)
    await db()
      .insertInto('team_managers')
      .values(managers.map((user_id) => ({ team_id: team.id, user_id, granted_by: createdBy })))
      .execute();
  return team.id;
}

async function reflect(userId: string, week: string, answer: 'often' | 'sometimes' | 'not_yet') {
  await db()
    .insertInto('habit_reflections')
    .values({
      workspace_id: DEMO_TEAM_ID,
      user_id: userId,
      week,
      habit_id: 'stand_up',
      answer,
      answered_at: new Date('2027-01-18T09:00:00Z'),
    })
    .execute();
}

/** The export file shared in the person's DM, parsed. */
async function exportedFile(userId: string) {
  const dm = t.emulator.dmChannelId(userId);
  const file = await t.emulator.waitFor(
    () => t.emulator.files().find((f) => f.completed && f.channels.includes(dm)),
    { description: 'export file in the DM' },
  );
  expect(file.bytes).toBeDefined();
  return {
    file,
    raw: file.bytes?.toString('utf8') ?? '',
    json: JSON.parse(file.bytes?.toString('utf8') ?? '{}'),
  };
}

/** Every place a string occurs in a JSON value, as the key path leading to it. */
function pathsOf(value: unknown, needle: string, path = '$'): string[] {
  if (typeof value === 'string') return value.includes(needle) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => pathsOf(v, needle, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [
      ...(k.includes(needle) ? [`${path}.<key>`] : []),
      ...pathsOf(v, needle, `${path}.${k}`),
    ]);
  return [];
}

describe('/trust export', () => {
  it('sends me every category as a JSON file by DM, and nothing of anyone else', async () => {
    const me = newPerson('Europe/Oslo');
    const colleague = newPerson('Asia/Tokyo');
    const stranger = newPerson('America/Lima');
    for (const person of [me, colleague, stranger]) await trust(person, 'help');
    await trust(me, 'checkin');
    await trust(stranger, 'checkin');
    await t.app.outbox.idle();
    await db()
      .updateTable('users')
      .set({ language_choice: 'en', tz_override: 'Europe/Oslo' })
      .where('slack_user_id', '=', me)
      .execute();
    await db()
      .updateTable('checkin_schedules')
      .set({ paused_until: '2027-02-15', weekday: 2, local_time: '09:30', custom: true })
      .where('user_id', '=', me)
      .execute();
    await db()
      .updateTable('habit_nudge_schedules')
      .set({ habit_nudges: false })
      .where('user_id', '=', me)
      .execute();
    await reflect(me, '2027-W02', 'often');
    await reflect(me, '2027-W03', 'sometimes');
    await reflect(colleague, '2027-W03', 'not_yet');
    await reflect(stranger, '2027-W03', 'often');
    await insertPromise(me, colleague, 'send Tokyo the slides');
    await insertPromise(colleague, me, 'review the Oslo budget');
    await insertPromise(colleague, stranger, 'SECRET between colleague and stranger');
    await insertPromise(stranger, colleague, 'ANOTHER SECRET of the stranger');
    await insertTeam('C0EXPMINE', me, [me, colleague], [me]);
    await insertTeam('C0EXPMEMB', colleague, [me, colleague, stranger], [colleague]);
    await insertTeam('C0EXPOTHR', stranger, [stranger, colleague], [stranger]);

    const before = t.emulator.responses().length;
    const ack = await t.driver.command({
      teamId: DEMO_TEAM_ID,
      userId: me,
      channelId: TEAM_CHANNEL_ID,
      text: 'export',
    });
    expect(ack.status).toBe(200);
    const preparing = await t.emulator.waitFor(() => t.emulator.responses()[before], {
      description: 'preparing',
    });
    expect(JSON.stringify(preparing.body)).toContain('Preparing your export');
    const done = await t.emulator.waitFor(() => t.emulator.responses()[before + 1], { description: 'done' });
    expect(JSON.stringify(done.body)).toContain('Your export is ready');

    // The upload v2 flow, shared in the DM the app opened.
    const dm = t.emulator.dmChannelId(me);
    const methods = t.emulator.calls().map((c) => c.method);
    expect(methods).toEqual(
      expect.arrayContaining([
        'conversations.open',
        'files.getUploadURLExternal',
        'files.completeUploadExternal',
      ]),
    );
    const complete = t.emulator.calls('files.completeUploadExternal').at(-1);
    expect(complete?.params.channel_id).toBe(dm);

    const { file, raw, json } = await exportedFile(me);
    expect(file.filename).toBe('trust-habits-export-2027-01-20.json');
    expect(json).toMatchObject({
      userId: me,
      workspaceId: DEMO_TEAM_ID,
      profile: { languageChoice: 'en', timeZone: 'Europe/Oslo', timeZoneOverride: 'Europe/Oslo' },
      checkinSchedule: {
        weekday: 2,
        localTime: '09:30',
        pausedUntil: '2027-02-15',
        optedOut: false,
        chosenByYou: true,
      },
      habitNudges: { enabled: false },
      promisesMade: [{ text: 'send Tokyo the slides', recipientId: colleague, state: 'open' }],
      promisesReceived: [{ text: 'review the Oslo budget', ownerId: colleague }],
      reflections: [
        { week: '2027-W02', answer: 'often', habit: 'stand_up' },
        { week: '2027-W03', answer: 'sometimes', habit: 'stand_up' },
      ],
      streaks: { habitReflection: { currentWeeks: 2, asOfWeek: '2027-W03' } },
      pulseRatings: { linkedToYou: false },
    });
    expect(json.promisesMade).toHaveLength(1);
    expect(json.promisesReceived).toHaveLength(1);
    expect(json.teams.memberOf.map((m: { channelId: string }) => m.channelId).sort()).toEqual([
      'C0EXPMEMB',
      'C0EXPMINE',
    ]);
    expect(json.teams.manages).toEqual([
      expect.objectContaining({ channelId: 'C0EXPMINE', setUpByYou: true }),
    ]);
    expect(json.checkinHistory).toEqual([expect.objectContaining({ week: '2027-W03', outcome: 'sent_now' })]);
    expect(json.pulseRatings.statement).toContain('cannot be exported or deleted');

    // Nothing of the others: no stranger, no promise between others, no other reflection or zone;
    // the colleague appears only as a bare id in the fields naming a promise's counterpart.
    expect(raw).not.toContain(stranger);
    expect(raw).not.toContain('SECRET');
    expect(raw).not.toContain('C0EXPOTHR');
    expect(raw).not.toContain('Asia/Tokyo');
    expect(raw).not.toContain('not_yet');
    expect(pathsOf(json, colleague)).toEqual([
      '$.promisesMade[0].recipientId',
      '$.promisesReceived[0].ownerId',
    ]);

    // The readable summary next to the file (sent through the outbox).
    await t.app.outbox.idle();
    const summary = t.emulator
      .messages({ channel: dm })
      .find((m) => m.text.includes('Your data in Trust Habits'));
    const summaryText = JSON.stringify(summary?.blocks);
    for (const line of [
      'Promises you made: *1*',
      'Promises made to you: *1*',
      'Habit reflections: *2*',
      'Current reflection streak: *2* weeks',
      'Weekly check-ins recorded: *1*',
      'Teams you are a member of: *2*',
      'Teams you manage: *1*',
      'cannot be exported or deleted',
    ])
      expect(summaryText).toContain(line);
  });

  it('summarises in Bokmål for a Norwegian reader, with empty categories present', async () => {
    const me = newPerson('Europe/Oslo', 'nb-NO');
    await trust(me, 'help');
    const before = t.emulator.responses().length;
    await t.driver.command({ teamId: DEMO_TEAM_ID, userId: me, channelId: TEAM_CHANNEL_ID, text: 'export' });
    const preparing = await t.emulator.waitFor(() => t.emulator.responses()[before], {
      description: 'preparing',
    });
    expect(JSON.stringify(preparing.body)).toContain('Jeg gjør klar eksporten din');
    const { json } = await exportedFile(me);
    expect(json).toMatchObject({
      promisesMade: [],
      promisesReceived: [],
      reflections: [],
      teams: { memberOf: [], manages: [] },
      checkinHistory: [],
    });
    expect(json.pulseRatings.statement).toContain('kan verken eksporteres eller slettes');
    const dm = t.emulator.dmChannelId(me);
    await t.app.outbox.idle();
    const summary = t.emulator
      .messages({ channel: dm })
      .find((m) => m.text.includes('Dataene dine i Trust Habits'));
    expect(JSON.stringify(summary?.blocks)).toContain('Løfter du har gitt: *0*');
  });
});
