import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkinBlockIds,
  checkinCallbackIds,
  events,
  settingsActionIds,
  settingsBlockIds as b,
  settingsCallbackIds,
} from '../../../src/slack/ids.ts';
import { eventually } from '../../support/eventually.ts';
import { BOB_ID, DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { TestClock } from '../../support/test-clock.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

// `/trust settings` (issue 9): one modal, saved in one go, taking effect from the next due time.

let t: TestApp;
// Thursday 2027-03-11: New York moves to summer time on Sunday 14 March, Europe on 28 March.
const clock = new TestClock('2027-03-11T12:00:00Z');

beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

const PERSON = 'U0SETTER1';

const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
const select = (id: string, value: string) => ({
  [id]: { [id]: { type: 'static_select', selected_option: option(value) } },
});
const boxes = (id: string, values: string[]) => ({
  [id]: { [id]: { type: 'checkboxes', selected_options: values.map(option) } },
});
const date = (id: string, value: string | null) => ({
  [id]: { [id]: { type: 'datepicker', selected_date: value } },
});
const time = (id: string, value: string) => ({
  [id]: { [id]: { type: 'timepicker', selected_time: value } },
});

/** The modal opened after `previous` (views.open starts a new stack). */
function nextModal(userId: string, previous: string | undefined) {
  return t.emulator.waitFor(
    () => {
      const top = t.emulator.views(userId).at(-1);
      return top && top.id !== previous ? top : undefined;
    },
    { description: 'settings modal' },
  );
}

async function openSettings(userId = PERSON) {
  const previous = t.emulator.views(userId).at(-1)?.id;
  await t.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId: TEAM_CHANNEL_ID, text: 'settings' });
  const modal = await nextModal(userId, previous);
  expect(modal.body.callback_id).toBe(settingsCallbackIds.personal);
  return modal;
}

async function submit(values: Record<string, unknown>, userId = PERSON) {
  const modal = await openSettings(userId);
  t.emulator.setViewValues(modal.id, values as never);
  const dmsBefore = t.emulator.dmsTo(userId).length;
  const answer = await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId, viewId: modal.id });
  return { answer, modal, dmsBefore };
}

async function submitAndConfirm(values: Record<string, unknown>, userId = PERSON) {
  const { answer, dmsBefore } = await submit(values, userId);
  expect(answer.json ?? {}).not.toHaveProperty('response_action');
  return t.emulator.waitFor(() => t.emulator.dmsTo(userId)[dmsBefore], { description: 'saved DM' });
}

async function state(userId = PERSON) {
  const db = t.database.db;
  const [user, schedule, nudges] = await Promise.all([
    db.selectFrom('users').selectAll().where('slack_user_id', '=', userId).executeTakeFirstOrThrow(),
    db.selectFrom('checkin_schedules').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow(),
    db
      .selectFrom('habit_nudge_schedules')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
  ]);
  const { updated_at: _u, profile_fetched_at: _p, ...userRow } = user;
  const { updated_at: _s, ...scheduleRow } = schedule;
  const { updated_at: _n, ...nudgeRow } = nudges;
  return { user: userRow, schedule: scheduleRow, nudges: nudgeRow };
}

describe('/trust settings', () => {
  it('opens the modal filled in with what is in force, from the command and the Settings button', async () => {
    t.emulator.addUser(DEMO_TEAM_ID, { id: PERSON, name: 'setter', tz: 'Europe/Oslo', locale: 'en-US' });
    const modal = await openSettings();
    const text = JSON.stringify(modal.body.blocks);
    expect(text).toContain('Follow Slack (Europe/Oslo)');
    expect(text).toContain('"initial_time":"10:00"');
    expect(text).toContain('Automatic (your Slack language, else your team’s)');

    // A Settings button in a message from the app (the App Home places the same button).
    const client = await t.app.slack.clientFor(DEMO_TEAM_ID);
    const posted = await client.chat.postMessage({
      channel: PERSON,
      text: 'Settings',
      blocks: [
        {
          type: 'actions',
          block_id: 'settings_button',
          elements: [
            {
              type: 'button',
              action_id: settingsActionIds.open,
              text: { type: 'plain_text', text: 'Settings' },
            },
          ],
        },
      ],
    });
    await t.driver.blockAction({
      teamId: DEMO_TEAM_ID,
      userId: PERSON,
      actionId: settingsActionIds.open,
      blockId: 'settings_button',
      container: { type: 'message', channelId: String(posted.channel), messageTs: String(posted.ts) },
    });
    const fromButton = await nextModal(PERSON, modal.id);
    expect(fromButton.body.callback_id).toBe(settingsCallbackIds.personal);
  });

  it('moves the next check-in and nudge to the new zone across New York’s DST change', async () => {
    const dm = await submitAndConfirm({
      ...select(b.checkinDay, '1'),
      ...time(b.checkinTime, '09:00'),
      ...select(b.zone, 'America/New_York'),
    });
    const now = await state();
    expect(now.user).toMatchObject({
      tz: 'America/New_York',
      tz_override: 'America/New_York',
      slack_tz: 'Europe/Oslo',
    });
    // Monday 15 March 09:00 in New York, already on summer time (UTC-4); in Oslo it would be 08:00Z.
    expect(now.schedule).toMatchObject({
      weekday: 1,
      local_time: '09:00',
      custom: true,
      next_due_at: new Date('2027-03-15T13:00:00Z'),
    });
    expect(now.nudges).toMatchObject({
      zone: 'America/New_York',
      next_due_at: new Date('2027-03-17T18:00:00Z'),
    });
    expect(dm.text).toContain('Your settings are saved. Your next check-in comes');
    expect(dm.text).toContain('09:00');
  });

  it('uses the chosen zone for promise due dates, and keeps it when Slack reports another', async () => {
    await t.driver.command({
      teamId: DEMO_TEAM_ID,
      userId: PERSON,
      channelId: TEAM_CHANNEL_ID,
      text: `promise <@${BOB_ID}> send the notes by friday 3pm`,
    });
    const promise = await eventually(
      () =>
        t.database.db.selectFrom('promises').selectAll().where('owner_id', '=', PERSON).executeTakeFirst(),
      { description: 'promise saved' },
    );
    // Friday 12 March 15:00 in New York (still winter time, UTC-5).
    expect(promise.due_at).toEqual(new Date('2027-03-12T20:00:00Z'));

    await t.driver.event({
      teamId: DEMO_TEAM_ID,
      event: { type: events.userChange, user: { id: PERSON, tz: 'Europe/London', locale: 'en-US' } },
    });
    await eventually(async () => (await state()).user.slack_tz === 'Europe/London', {
      description: 'slack tz',
    });
    const now = await state();
    expect(now.user.tz).toBe('America/New_York');
    expect(now.schedule.next_due_at).toEqual(new Date('2027-03-15T13:00:00Z'));
  });

  it('refuses invalid input inline and saves nothing of it', async () => {
    const before = await state();
    const attempts: Array<[Record<string, unknown>, string, string]> = [
      [{ ...date(b.pauseUntil, '2027-03-01'), ...select(b.language, 'nb') }, b.pauseUntil, 'after today'],
      [{ ...date(b.pauseUntil, '2028-06-01') }, b.pauseUntil, 'within a year'],
      [{ ...date(b.pauseUntil, '2027-04-01'), ...boxes(b.optOut, ['stop']) }, b.pauseUntil, 'stopped'],
      [{ ...select(b.zone, 'Mars/Olympus_Mons'), ...select(b.checkinDay, '5') }, b.zone, 'from the list'],
    ];
    for (const [values, block, message] of attempts) {
      const { answer } = await submit(values);
      expect(answer.json).toMatchObject({
        response_action: 'errors',
        errors: { [block]: expect.stringContaining(message) },
      });
    }
    expect(await state()).toEqual(before);
  });

  it('follows Slack again, pauses across Europe’s DST change, and speaks the chosen language', async () => {
    const dm = await submitAndConfirm({
      ...select(b.zone, 'slack'),
      ...select(b.language, 'nb'),
      ...date(b.pauseUntil, '2027-03-25'),
      ...boxes(b.habitNudges, []),
    });
    const now = await state();
    expect(now.user).toMatchObject({
      tz: 'Europe/London',
      tz_override: null,
      language_choice: 'nb',
      language: 'nb',
    });
    // Monday 29 March 09:00 in London, the day after it moved to summer time (UTC+1).
    expect(now.schedule).toMatchObject({
      paused_until: '2027-03-25',
      next_due_at: new Date('2027-03-29T08:00:00Z'),
    });
    expect(now.nudges).toMatchObject({ habit_nudges: false, next_due_at: null });
    expect(dm.text).toContain('Innstillingene er lagret. Neste innsjekk kommer');

    // The modal shows what is stored, in the chosen language; the check-in's own buttons share it.
    const modal = await openSettings();
    const text = JSON.stringify(modal.body.blocks);
    expect(text).toContain('"initial_date":"2027-03-25"');
    expect(text).toContain('Som i Slack (Europe/London)');
  });

  it('stops check-ins when asked, and the check-in’s pause and stop buttons use the same storage', async () => {
    await submitAndConfirm({ ...date(b.pauseUntil, null), ...boxes(b.optOut, ['stop']) });
    expect((await state()).schedule).toMatchObject({
      opted_out: true,
      paused_until: null,
      next_due_at: null,
    });

    await submitAndConfirm({ ...boxes(b.optOut, []), ...boxes(b.habitNudges, ['on']) });
    const now = await state();
    expect(now.schedule).toMatchObject({ opted_out: false, next_due_at: new Date('2027-03-15T09:00:00Z') });
    expect(now.nudges).toMatchObject({ habit_nudges: true, next_due_at: new Date('2027-03-17T14:00:00Z') });

    // "Pause…" from a check-in writes the same schedule the settings modal then shows.
    await t.driver.viewSubmission({
      teamId: DEMO_TEAM_ID,
      userId: PERSON,
      view: {
        callback_id: checkinCallbackIds.pause,
        state: { values: date(checkinBlockIds.pauseUntil, '2027-04-02') } as never,
      },
    });
    await eventually(async () => (await state()).schedule.paused_until === '2027-04-02', {
      description: 'paused from the check-in',
    });
    expect(JSON.stringify((await openSettings()).body.blocks)).toContain('"initial_date":"2027-04-02"');
  });
});
