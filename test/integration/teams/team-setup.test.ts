import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTick } from '../../../src/scheduler/scheduler.ts';
import { teamActionIds, teamBlockIds, teamCallbackIds, teamEvents } from '../../../src/slack/ids.ts';
import { commandReply } from '../../support/command-reply.ts';
import { eventually } from '../../support/eventually.ts';
import {
  ALICE_ID,
  BOB_ID,
  DEACTIVATED_ID,
  DEMO_BOT_USER_ID,
  DEMO_TEAM_ID,
  KARI_ID,
  OTHER_BOT_ID,
  SECRET_CHANNEL_ID,
  TEAM_CHANNEL_ID,
} from '../../support/slack-emulator/seed.ts';
import { TestClock } from '../../support/test-clock.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
const clock = new TestClock('2027-01-04T07:00:00Z');

beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

async function trust(userId: string, text: string, channelId = TEAM_CHANNEL_ID) {
  const before = t.emulator.responses().length;
  const ack = await t.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId, text });
  return (await commandReply(t.emulator, ack, before)).body;
}

async function members(channelId = TEAM_CHANNEL_ID) {
  const rows = await t.database.db
    .selectFrom('team_members as m')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .select('m.user_id')
    .where('t.channel_id', '=', channelId)
    .orderBy('m.user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

describe('setting up a team', () => {
  it('refuses someone who is not a manager, politely', async () => {
    const reply = await trust(BOB_ID, 'team setup');
    expect(reply.text).toContain('Only a manager of this team can do that');
    expect(await t.database.db.selectFrom('teams').selectAll().execute()).toHaveLength(0);
  });

  it('says how to add the app to a channel it is not in', async () => {
    const reply = await trust(ALICE_ID, 'team setup', SECRET_CHANNEL_ID);
    expect(reply.text).toContain('/invite @trusthabits');
  });

  it('lets an admin set the team up, refusing k below 3 with an explanation', async () => {
    const before = t.emulator.views(ALICE_ID).length;
    await t.driver.command({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      channelId: TEAM_CHANNEL_ID,
      text: 'team setup',
    });
    const modal = await t.emulator.waitFor(() => t.emulator.views(ALICE_ID)[before]);
    expect(modal.body.callback_id).toBe(teamCallbackIds.settings);
    t.emulator.setViewValues(modal.id, {
      [teamBlockIds.minGroupSize]: { [teamBlockIds.minGroupSize]: { type: 'number_input', value: '2' } },
    });
    const refused = await t.driver.viewSubmission({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      viewId: modal.id,
    });
    expect(refused.json).toMatchObject({
      response_action: 'errors',
      errors: { [teamBlockIds.minGroupSize]: expect.stringContaining('3 or more') },
    });
    expect(await t.database.db.selectFrom('teams').selectAll().execute()).toHaveLength(0);

    t.emulator.setViewValues(modal.id, {
      [teamBlockIds.minGroupSize]: { [teamBlockIds.minGroupSize]: { type: 'number_input', value: '3' } },
    });
    const accepted = await t.driver.viewSubmission({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      viewId: modal.id,
    });
    expect(accepted.status).toBe(200);
    await t.emulator.waitFor(() => t.emulator.dmsTo(ALICE_ID).find((m) => m.text.includes('is now a team')));
    const team = await t.database.db.selectFrom('teams').selectAll().executeTakeFirstOrThrow();
    expect({ k: team.min_group_size, zone: team.time_zone, by: team.created_by }).toEqual({
      k: 3,
      zone: 'Europe/Oslo',
      by: ALICE_ID,
    });
    // Channel members without the app's bot, another bot and a deactivated account.
    expect(await members()).toEqual([ALICE_ID, BOB_ID, KARI_ID].sort());
  });

  it('follows people joining and leaving the channel, but not bots or deactivated accounts', async () => {
    t.emulator.addUser(DEMO_TEAM_ID, { id: 'U0NEWBIE1', name: 'newbie', tz: 'Europe/Oslo', locale: 'en-US' });
    const joined = (user: string) =>
      t.driver.event({
        teamId: DEMO_TEAM_ID,
        event: {
          type: teamEvents.memberJoinedChannel,
          user,
          channel: TEAM_CHANNEL_ID,
          channel_type: 'C',
          team: DEMO_TEAM_ID,
        },
      });
    await joined('U0NEWBIE1');
    await joined(OTHER_BOT_ID);
    await joined(DEACTIVATED_ID);
    await joined(DEMO_BOT_USER_ID);
    await eventually(async () => (await members()).includes('U0NEWBIE1'));
    expect(await members()).toEqual([ALICE_ID, BOB_ID, KARI_ID, 'U0NEWBIE1'].sort());
    await t.driver.event({
      teamId: DEMO_TEAM_ID,
      event: {
        type: teamEvents.memberLeftChannel,
        user: 'U0NEWBIE1',
        channel: TEAM_CHANNEL_ID,
        channel_type: 'C',
        team: DEMO_TEAM_ID,
      },
    });
    await eventually(async () => !(await members()).includes('U0NEWBIE1'));
  });

  it('lets a manager grant another person, who may then change the settings', async () => {
    expect((await trust(BOB_ID, 'team settings')).text).toContain('Only a manager');
    expect((await trust(BOB_ID, `team managers add <@${KARI_ID}>`)).text).toContain('Only a manager');
    expect((await trust(ALICE_ID, `team managers add <@${BOB_ID}|bob>`)).text).toContain(
      `<@${BOB_ID}> now manages`,
    );
    const before = t.emulator.views(BOB_ID).length;
    await t.driver.command({
      teamId: DEMO_TEAM_ID,
      userId: BOB_ID,
      channelId: TEAM_CHANNEL_ID,
      text: 'team settings',
    });
    const modal = await t.emulator.waitFor(() => t.emulator.views(BOB_ID)[before]);
    t.emulator.setViewValues(modal.id, {
      [teamBlockIds.minGroupSize]: { [teamBlockIds.minGroupSize]: { type: 'number_input', value: '4' } },
    });
    await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: BOB_ID, viewId: modal.id });
    await t.emulator.waitFor(() => t.emulator.dmsTo(BOB_ID).find((m) => m.text.includes('are saved')));
    const team = await t.database.db.selectFrom('teams').selectAll().executeTakeFirstOrThrow();
    expect(team.min_group_size).toBe(4);
  });

  it('re-reads the members weekly, catching changes whose events were missed', async () => {
    t.emulator.addUser(DEMO_TEAM_ID, { id: 'U0QUIET01', name: 'quiet', tz: 'Europe/Oslo', locale: 'en-US' });
    t.emulator.channel(TEAM_CHANNEL_ID)?.members.push('U0QUIET01');
    await runTick(t.app.scheduler, new Date('2027-01-05T07:00:00Z'));
    expect(await members()).not.toContain('U0QUIET01');
    await runTick(t.app.scheduler, new Date('2027-01-12T07:00:00Z'));
    expect(await members()).toContain('U0QUIET01');
  });

  it('removes a team only after the confirm step', async () => {
    const reply = await trust(ALICE_ID, 'team remove');
    expect(JSON.stringify(reply.blocks)).toContain(teamActionIds.remove);
    expect(await t.database.db.selectFrom('teams').selectAll().execute()).toHaveLength(1);
    const before = t.emulator.responses().length;
    await t.driver.blockAction({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      actionId: teamActionIds.remove,
      blockId: teamBlockIds.remove,
      value: JSON.stringify({ c: TEAM_CHANNEL_ID }),
      container: { type: 'message', channelId: TEAM_CHANNEL_ID, messageTs: '1.000001', isEphemeral: true },
    });
    await t.emulator.waitFor(() => t.emulator.responses()[before]);
    await eventually(
      async () => (await t.database.db.selectFrom('teams').selectAll().execute()).length === 0,
    );
    expect(await members()).toEqual([]);
  });
});
