import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgTeamRepository } from '../../../src/persistence/pg-team.repository.ts';
import { runTick } from '../../../src/scheduler/scheduler.ts';
import {
  settingsBlockIds,
  settingsCallbackIds,
  teamActionIds,
  teamBlockIds,
  teamCallbackIds,
  teamEvents,
} from '../../../src/slack/ids.ts';
import { eventually } from '../../support/eventually.ts';
import {
  ALICE_ID,
  BOB_ID,
  DEMO_TEAM_ID,
  KARI_ID,
  TEAM_CHANNEL_ID,
} from '../../support/slack-emulator/seed.ts';
import { TestClock } from '../../support/test-clock.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

// Team defaults (issue 6): a team's check-in day and time, language and nudge switch reach its
// members, except a schedule a person chose themselves.

let t: TestApp;
const clock = new TestClock('2027-01-04T07:00:00Z'); // Monday 08:00 in Oslo, 02:00 in New York

beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
const day = (id: string, weekday: number) => ({
  [id]: { [id]: { type: 'static_select', selected_option: option(String(weekday)) } },
});
const time = (id: string, value: string) => ({
  [id]: { [id]: { type: 'timepicker', selected_time: value } },
});
const boxes = (id: string, values: string[]) => ({
  [id]: { [id]: { type: 'checkboxes', selected_options: values.map(option) } },
});

async function openModal(userId: string, text: string, callbackId: string) {
  const before = t.emulator.views(userId).length;
  await t.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId: TEAM_CHANNEL_ID, text });
  const modal = await t.emulator.waitFor(() => t.emulator.views(userId)[before], { description: text });
  expect(modal.body.callback_id).toBe(callbackId);
  return modal;
}

async function submitTeamSettings(
  text: 'team setup' | 'team settings',
  input: { weekday: number; time: string; language: 'en' | 'nb'; nudges: boolean },
) {
  const dmsBefore = t.emulator.dmsTo(ALICE_ID).length;
  const modal = await openModal(ALICE_ID, text, teamCallbackIds.settings);
  t.emulator.setViewValues(modal.id, {
    ...day(teamBlockIds.checkinDay, input.weekday),
    ...time(teamBlockIds.checkinTime, input.time),
    [teamBlockIds.minGroupSize]: { [teamBlockIds.minGroupSize]: { type: 'number_input', value: '3' } },
    [teamBlockIds.language]: {
      [teamBlockIds.language]: { type: 'static_select', selected_option: option(input.language) },
    },
    ...boxes(teamBlockIds.habitNudges, input.nudges ? ['on'] : []),
  });
  const answer = await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: ALICE_ID, viewId: modal.id });
  expect(answer.status).toBe(200);
  // The DM to the manager comes after the defaults were applied.
  await t.emulator.waitFor(() => t.emulator.dmsTo(ALICE_ID)[dmsBefore], { description: 'team saved DM' });
}

async function schedule(userId: string) {
  return t.database.db
    .selectFrom('checkin_schedules')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
}

async function user(userId: string) {
  return t.database.db
    .selectFrom('users')
    .selectAll()
    .where('slack_user_id', '=', userId)
    .executeTakeFirstOrThrow();
}

async function nudgeSchedule(userId: string) {
  return t.database.db
    .selectFrom('habit_nudge_schedules')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
}

const nudgesTo = (userId: string) =>
  t.emulator.dmsTo(userId).filter((m) => /Mid-week nudge|midt i uken/.test(m.text));

describe('team defaults', () => {
  it('are given to members on setup, except a schedule someone chose', async () => {
    // Kari chooses her own day and time first.
    const mine = await openModal(KARI_ID, 'settings', settingsCallbackIds.personal);
    t.emulator.setViewValues(mine.id, {
      ...day(settingsBlockIds.checkinDay, 4),
      ...time(settingsBlockIds.checkinTime, '08:00'),
    });
    await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: KARI_ID, viewId: mine.id });
    await eventually(async () => (await schedule(KARI_ID)).custom, { description: 'Kari custom' });
    await t.driver.command({
      teamId: DEMO_TEAM_ID,
      userId: BOB_ID,
      channelId: TEAM_CHANNEL_ID,
      text: 'help',
    });

    await submitTeamSettings('team setup', { weekday: 2, time: '09:30', language: 'nb', nudges: true });

    // Bob (New York) follows the team: Tuesday 09:30 his time; his Slack speaks English, which we
    // speak, so the team's Bokmål is only his fallback.
    expect(await schedule(BOB_ID)).toMatchObject({
      weekday: 2,
      local_time: '09:30',
      custom: false,
      next_due_at: new Date('2027-01-05T14:30:00Z'),
    });
    expect(await user(BOB_ID)).toMatchObject({ team_language: 'nb', language: 'en', language_choice: null });
    expect((await schedule(ALICE_ID)).next_due_at).toEqual(new Date('2027-01-05T08:30:00Z'));
    // Kari keeps Thursday 08:00 (Oslo).
    expect(await schedule(KARI_ID)).toMatchObject({
      weekday: 4,
      local_time: '08:00',
      custom: true,
      next_due_at: new Date('2027-01-07T07:00:00Z'),
    });
  });

  it('follow a settings change, and the team nudge switch stops members’ nudges', async () => {
    await submitTeamSettings('team settings', { weekday: 3, time: '11:00', language: 'en', nudges: false });
    expect(await schedule(BOB_ID)).toMatchObject({
      weekday: 3,
      local_time: '11:00',
      next_due_at: new Date('2027-01-06T16:00:00Z'),
    });
    expect(await user(BOB_ID)).toMatchObject({ team_language: 'en', language: 'en' });
    expect(await schedule(KARI_ID)).toMatchObject({ weekday: 4, local_time: '08:00' });
    for (const id of [ALICE_ID, BOB_ID, KARI_ID]) {
      expect(await nudgeSchedule(id)).toMatchObject({ team_nudges: false, next_due_at: null });
    }

    // Someone outside the team still gets Wednesday's nudge; the team's members do not.
    t.emulator.addUser(DEMO_TEAM_ID, {
      id: 'U0OUTSIDE1',
      name: 'outside',
      tz: 'Europe/Oslo',
      locale: 'en-US',
    });
    await t.driver.command({ teamId: DEMO_TEAM_ID, userId: 'U0OUTSIDE1', channelId: 'D0OUT', text: 'help' });
    await eventually(
      async () =>
        (
          await t.database.db
            .selectFrom('habit_nudge_schedules')
            .select('next_due_at')
            .where('user_id', '=', 'U0OUTSIDE1')
            .executeTakeFirst()
        )?.next_due_at ?? undefined,
      { description: 'nudge schedule made when the profile was saved' },
    );
    for (const at of ['2027-01-06T13:00:00Z', '2027-01-06T19:00:00Z']) {
      clock.set(at);
      await runTick(t.app.scheduler, new Date(at), { budgetMs: 30_000 });
    }
    expect(nudgesTo('U0OUTSIDE1')).toHaveLength(1);
    for (const id of [ALICE_ID, BOB_ID, KARI_ID]) expect(nudgesTo(id)).toHaveLength(0);

    // On again: the members' own switches (on) count again, from the next Wednesday.
    clock.set('2027-01-07T07:00:00Z');
    await submitTeamSettings('team settings', { weekday: 3, time: '11:00', language: 'en', nudges: true });
    expect(await nudgeSchedule(BOB_ID)).toMatchObject({
      team_nudges: true,
      next_due_at: new Date('2027-01-13T19:00:00Z'),
    });
  });

  it('reach someone who joins the channel', async () => {
    t.emulator.addUser(DEMO_TEAM_ID, { id: 'U0JOINER1', name: 'joiner', tz: 'Asia/Tokyo', locale: 'en-US' });
    await t.driver.event({
      teamId: DEMO_TEAM_ID,
      event: {
        type: teamEvents.memberJoinedChannel,
        user: 'U0JOINER1',
        channel: TEAM_CHANNEL_ID,
        channel_type: 'C',
        team: DEMO_TEAM_ID,
      },
    });
    const joined = await eventually(
      async () => {
        const row = await t.database.db
          .selectFrom('checkin_schedules')
          .selectAll()
          .where('user_id', '=', 'U0JOINER1')
          .executeTakeFirst();
        return row?.weekday === 3 ? row : undefined;
      },
      { description: 'joiner gets the team default' },
    );
    // Wednesday 11:00 in Tokyo is 02:00 UTC; 2027-01-07 16:00 Tokyo is past this week's.
    expect(joined).toMatchObject({ local_time: '11:00', next_due_at: new Date('2027-01-13T02:00:00Z') });
  });

  it('reach members found by the weekly resync, and the earliest team wins for people in two', async () => {
    const people = ['U0RESYNC1', 'U0RESYNC2'];
    for (const id of people)
      t.emulator.addUser(DEMO_TEAM_ID, { id, name: id, tz: 'Europe/Oslo', locale: 'nb-NO' });
    t.emulator.addChannel({
      id: 'C0RESYNC1',
      teamId: DEMO_TEAM_ID,
      name: 'resync',
      members: [...people, BOB_ID],
      botIsMember: true,
    });
    const teams = createPgTeamRepository(t.database.db);
    const team = await teams.create({
      workspaceId: DEMO_TEAM_ID,
      channelId: 'C0RESYNC1',
      createdBy: ALICE_ID,
      settings: {
        timeZone: 'Europe/Oslo',
        language: 'en',
        minGroupSize: 3,
        checkin: { weekday: 5, time: '15:00' },
        digest: { enabled: true, target: { weekday: 1, time: '09:00' } },
      },
    });
    if (!team) throw new Error('team not created');
    // The join events were missed: the weekly resync finds everyone.
    await runTick(t.app.scheduler, clock.now(), { budgetMs: 30_000 });
    for (const id of people) {
      expect(await schedule(id)).toMatchObject({ weekday: 5, local_time: '15:00' });
      // Their Slack locale (Norwegian, which we speak) beats the team's English.
      expect(await user(id)).toMatchObject({ team_language: 'en', language: 'nb' });
    }
    // Bob's first team (set up earlier) still decides his day and time.
    expect(await schedule(BOB_ID)).toMatchObject({ weekday: 3, local_time: '11:00' });
  });

  it('are lifted when a team is removed: its members follow their other team, or none', async () => {
    await submitTeamSettings('team settings', { weekday: 3, time: '11:00', language: 'nb', nudges: false });
    expect(await nudgeSchedule(KARI_ID)).toMatchObject({ team_nudges: false, next_due_at: null });
    await t.driver.blockAction({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      actionId: teamActionIds.remove,
      blockId: teamBlockIds.remove,
      value: JSON.stringify({ c: TEAM_CHANNEL_ID }),
      container: { type: 'message', channelId: TEAM_CHANNEL_ID, messageTs: '1.000001', isEphemeral: true },
    });
    // Kari is in no other team: nudges come again, and her Slack locale decides her language.
    const kari = await eventually(
      async () => {
        const row = await nudgeSchedule(KARI_ID);
        return row.team_nudges ? row : undefined;
      },
      { description: 'Kari’s nudges back on' },
    );
    expect(kari.next_due_at).toEqual(new Date('2027-01-13T13:00:00Z'));
    expect(await user(KARI_ID)).toMatchObject({ team_language: null, language: 'nb' });
    // Bob now follows the resync team: Friday 15:00 and English.
    expect(await schedule(BOB_ID)).toMatchObject({ weekday: 5, local_time: '15:00' });
    expect(await user(BOB_ID)).toMatchObject({ team_language: 'en', language: 'en' });
  });
});
