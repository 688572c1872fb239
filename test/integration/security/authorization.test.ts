import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamBlockIds, teamCallbackIds } from '../../../src/slack/ids.ts';
import { ALICE_ID, BOB_ID, DEMO_TEAM_ID, KARI_ID } from '../../support/slack-emulator/seed.ts';
import { TestClock } from '../../support/test-clock.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';
import { addPeople, createTeamOf } from '../../support/team-steps.ts';
import { commandReply } from '../../support/command-reply.ts';

// Authorization is checked where the write happens, not only where a modal was opened: a signed
// request can carry any private_metadata, and membership can change while a modal is open.

let t: TestApp;
const clock = new TestClock('2027-01-04T07:00:00Z');

beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

/** The settings form's inputs as Slack would send them (the modal's defaults). */
const settingsState = {
  values: {
    [teamBlockIds.checkinDay]: { [teamBlockIds.checkinDay]: { selected_option: { value: '1' } } },
    [teamBlockIds.checkinTime]: { [teamBlockIds.checkinTime]: { selected_time: '10:00' } },
    [teamBlockIds.digestDay]: { [teamBlockIds.digestDay]: { selected_option: { value: '1' } } },
    [teamBlockIds.digestTime]: { [teamBlockIds.digestTime]: { selected_time: '09:00' } },
    [teamBlockIds.minGroupSize]: { [teamBlockIds.minGroupSize]: { value: '3' } },
    [teamBlockIds.language]: { [teamBlockIds.language]: { selected_option: { value: 'en' } } },
    [teamBlockIds.timeZone]: { [teamBlockIds.timeZone]: { value: 'Europe/Oslo' } },
  },
};

async function teamOn(channelId: string) {
  return t.database.db.selectFrom('teams').selectAll().where('channel_id', '=', channelId).executeTakeFirst();
}

function hiddenChannel(id: string, members: string[]) {
  t.emulator.addChannel({ id, teamId: DEMO_TEAM_ID, name: id.toLowerCase(), members, botIsMember: true });
}

async function openSetupModal(userId: string, channelId: string) {
  const before = new Set(t.emulator.views(userId).map((v) => v.id));
  await t.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId, text: 'team setup' });
  return t.emulator.waitFor(() => t.emulator.views(userId).find((v) => !before.has(v.id)));
}

describe('team settings submissions', () => {
  it('refuse a forged channel id: an admin cannot set up a channel she is not in', async () => {
    hiddenChannel('C0HIDDEN1', [BOB_ID, KARI_ID]);
    const response = await t.driver.viewSubmission({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      view: {
        callback_id: teamCallbackIds.settings,
        private_metadata: JSON.stringify({ c: 'C0HIDDEN1' }),
        state: settingsState,
      },
    });
    expect(JSON.stringify(response.json)).toContain('could not be read');
    // Give a wrongly accepted setup the time it would take to land.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await teamOn('C0HIDDEN1')).toBeUndefined();
  });

  it('refuse a real modal whose metadata was swapped for another channel', async () => {
    hiddenChannel('C0HIDDEN2', [BOB_ID]);
    const modal = await openSetupModal(ALICE_ID, 'C0TEAMCH1');
    const sealed = String(modal.body.private_metadata);
    // The tag stays, the channel changes.
    const forged = sealed.replace('C0TEAMCH1', 'C0HIDDEN2');
    const response = await t.driver.viewSubmission({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      view: { callback_id: teamCallbackIds.settings, private_metadata: forged, state: settingsState },
    });
    expect(JSON.stringify(response.json)).toContain('could not be read');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await teamOn('C0HIDDEN2')).toBeUndefined();
  });

  it('refuse a modal opened by someone else', async () => {
    const modal = await openSetupModal(ALICE_ID, 'C0TEAMCH1');
    const response = await t.driver.viewSubmission({
      teamId: DEMO_TEAM_ID,
      userId: BOB_ID,
      view: {
        callback_id: teamCallbackIds.settings,
        private_metadata: String(modal.body.private_metadata),
        state: settingsState,
      },
    });
    expect(JSON.stringify(response.json)).toContain('could not be read');
  });

  it('re-check that the person is still in the channel when the form is submitted', async () => {
    const [manager] = addPeople(t.emulator, 'U0LEAVER', 1) as [string];
    hiddenChannel('C0LEAVING', [manager, BOB_ID, KARI_ID]);
    t.emulator.updateUser(manager, { is_admin: true });
    const modal = await openSetupModal(manager, 'C0LEAVING');
    const channel = t.emulator.channel('C0LEAVING');
    if (!channel) throw new Error('no channel');
    channel.members.splice(channel.members.indexOf(manager), 1);
    await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: manager, viewId: modal.id });
    const dm = await t.emulator.waitFor(() =>
      t.emulator.dmsTo(manager).find((m) => m.text.includes('Only someone in')),
    );
    expect(dm.text).toContain('<#C0LEAVING>');
    expect(await teamOn('C0LEAVING')).toBeUndefined();
  });

  it('re-check that the app is still in the channel when the form is submitted', async () => {
    hiddenChannel('C0KICKED1', [ALICE_ID, BOB_ID, KARI_ID]);
    const modal = await openSetupModal(ALICE_ID, 'C0KICKED1');
    const channel = t.emulator.channel('C0KICKED1');
    if (!channel) throw new Error('no channel');
    channel.botIsMember = false;
    await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: ALICE_ID, viewId: modal.id });
    await t.emulator.waitFor(() =>
      t.emulator.dmsTo(ALICE_ID).find((m) => m.text.includes('is not in this channel yet')),
    );
    expect(await teamOn('C0KICKED1')).toBeUndefined();
  });

  it('still set a team up from a real modal', async () => {
    hiddenChannel('C0GOOD001', [ALICE_ID, BOB_ID, KARI_ID]);
    const modal = await openSetupModal(ALICE_ID, 'C0GOOD001');
    await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: ALICE_ID, viewId: modal.id });
    await t.emulator.waitFor(() =>
      t.emulator.dmsTo(ALICE_ID).find((m) => m.text.includes('<#C0GOOD001> is now a team')),
    );
    expect(await teamOn('C0GOOD001')).toBeDefined();
  });

  it("refuse a forged team id: a manager of one team cannot change another team's settings", async () => {
    const people = addPeople(t.emulator, 'U0FORGER', 3);
    const mine = await createTeamOf({ emulator: t.emulator, db: t.database.db, clock }, people, 3, 'C0MINE');
    const theirs = await createTeamOf(
      { emulator: t.emulator, db: t.database.db, clock },
      [BOB_ID, KARI_ID],
      3,
      'C0THEIRS',
    );
    const response = await t.driver.viewSubmission({
      teamId: DEMO_TEAM_ID,
      userId: people[0] ?? '',
      view: {
        callback_id: teamCallbackIds.settings,
        private_metadata: JSON.stringify({ c: mine.channelId, t: theirs.team.id }),
        state: {
          values: {
            ...settingsState.values,
            [teamBlockIds.minGroupSize]: { [teamBlockIds.minGroupSize]: { value: '9' } },
          },
        },
      },
    });
    expect(response.status).toBe(200);
    expect((await teamOn(theirs.channelId))?.min_group_size).toBe(3);
  });
});

describe('admin rights', () => {
  const minutes = (n: number) => n * 60_000;

  /** A new admin in a new channel with Bob and Kari, whose profile the app has just read. */
  async function newAdmin(prefix: string, channelId: string) {
    const [admin] = addPeople(t.emulator, prefix, 1) as [string];
    t.emulator.updateUser(admin, { is_admin: true });
    hiddenChannel(channelId, [admin, BOB_ID, KARI_ID]);
    await reply(admin, channelId, 'help');
    return admin;
  }

  async function reply(userId: string, channelId: string, text: string) {
    const before = t.emulator.responses().length;
    const ack = await t.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId, text });
    return JSON.stringify((await commandReply(t.emulator, ack, before)).body);
  }

  it('are read again from Slack when the profile is over 5 minutes old: a demoted admin cannot set a team up', async () => {
    const admin = await newAdmin('U0DEMOTE', 'C0DEMOTED');
    t.emulator.updateUser(admin, { is_admin: false });
    clock.set(new Date(clock.now().getTime() + minutes(10)));
    expect(await reply(admin, 'C0DEMOTED', 'team setup')).toContain('Only a manager');
    expect(await teamOn('C0DEMOTED')).toBeUndefined();
  });

  it('are read again when a modal opened as admin is submitted after the demotion', async () => {
    const admin = await newAdmin('U0DEMOTF', 'C0DEMOTE2');
    const modal = await openSetupModal(admin, 'C0DEMOTE2');
    t.emulator.updateUser(admin, { is_admin: false });
    clock.set(new Date(clock.now().getTime() + minutes(10)));
    const response = await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: admin, viewId: modal.id });
    expect(JSON.stringify(response.json)).toContain('Only a manager');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await teamOn('C0DEMOTE2')).toBeUndefined();
  });

  it('still let a fresh admin through without asking Slack again', async () => {
    const admin = await newAdmin('U0FRESHAD', 'C0FRESHAD');
    const calls = t.emulator.calls('users.info').length;
    clock.set(new Date(clock.now().getTime() + minutes(2)));
    await openSetupModal(admin, 'C0FRESHAD');
    expect(t.emulator.calls('users.info').length).toBe(calls);
  });
  it('fail closed, with a friendly word, when Slack cannot confirm them', async () => {
    const admin = await newAdmin('U0NOSLACK', 'C0NOSLACK');
    clock.set(new Date(clock.now().getTime() + minutes(10)));
    // Last in this file: the fault stays for every users.info call after it.
    t.emulator.inject({ method: 'users.info', times: Infinity, fault: { type: 'http', status: 503 } });
    expect(await reply(admin, 'C0NOSLACK', 'team setup')).toContain('could not check your admin rights');
    expect(t.emulator.views(admin)).toHaveLength(0);
  });
});
