import { beforeEach, describe, expect, it } from 'vitest';
import { runTick } from '../../../src/scheduler/scheduler.ts';
import { checkinActionIds, checkinBlockIds, checkinCallbackIds } from '../../../src/slack/ids.ts';
import { commandReply } from '../../support/command-reply.ts';
import { DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { TestClock } from '../../support/test-clock.ts';
import { useFileTestApp } from '../../support/file-test-app.ts';

const clock = new TestClock('2027-01-04T07:00:00Z'); // Monday 08:00 in Oslo

const t = useFileTestApp({ clock });
beforeEach(() => {
  clock.set('2027-01-04T07:00:00Z');
});

let seq = 0;
/** Someone in Oslo who has this week's check-in in their DMs. */
async function personWithCheckin(locale = 'en-US') {
  seq += 1;
  const userId = `U0CTL${String(seq).padStart(4, '0')}`;
  t.emulator.addUser(DEMO_TEAM_ID, { id: userId, name: `ctl${seq}`, tz: 'Europe/Oslo', locale });
  const before = t.emulator.responses().length;
  const ack = await t.driver.command({
    teamId: DEMO_TEAM_ID,
    userId,
    channelId: TEAM_CHANNEL_ID,
    text: 'checkin',
  });
  await commandReply(t.emulator, ack, before);
  await t.app.outbox.idle();
  const message = await t.emulator.waitFor(() => t.emulator.dmsTo(userId).at(-1), {
    description: 'check-in DM',
  });
  return { userId, message };
}

async function click(userId: string, message: { channel: string; ts: string }, actionId: string) {
  const value = JSON.stringify({ w: '2027-W01' });
  return t.driver.blockAction({
    teamId: DEMO_TEAM_ID,
    userId,
    actionId,
    blockId: checkinBlockIds.controls,
    value,
    container: { type: 'message', channelId: message.channel, messageTs: message.ts },
  });
}

async function schedule(userId: string) {
  return t.database.db
    .selectFrom('checkin_schedules')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
}

describe('the check-in controls', () => {
  it('skips the week on request', async () => {
    const { userId, message } = await personWithCheckin();
    expect((await click(userId, message, checkinActionIds.skip)).status).toBe(200);
    const row = await t.emulator.waitFor(() =>
      t.emulator.responses().find((r) => JSON.stringify(r.body).includes('is skipped')),
    );
    expect(JSON.stringify(row.body)).toContain('Week 2027-W01 is skipped');
    const week = await t.database.db
      .selectFrom('checkins')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(week.outcome).toBe('skipped_by_user');
  });

  it('pauses until a chosen day, refusing a day in the past', async () => {
    const { userId, message } = await personWithCheckin();
    await click(userId, message, checkinActionIds.pause);
    const modal = await t.emulator.waitFor(() => t.emulator.views(userId).at(-1));
    t.emulator.setViewValues(modal.id, {
      [checkinBlockIds.pauseUntil]: {
        [checkinBlockIds.pauseUntil]: { type: 'datepicker', selected_date: '2026-12-01' },
      },
    });
    const refused = await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId, viewId: modal.id });
    expect(refused.json).toMatchObject({
      response_action: 'errors',
      errors: { [checkinBlockIds.pauseUntil]: 'Pick a day after today.' },
    });
    expect((await schedule(userId)).paused_until).toBeNull();

    t.emulator.setViewValues(modal.id, {
      [checkinBlockIds.pauseUntil]: {
        [checkinBlockIds.pauseUntil]: { type: 'datepicker', selected_date: '2027-02-01' },
      },
    });
    const accepted = await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId, viewId: modal.id });
    expect(accepted.status).toBe(200);
    expect(accepted.text).toBe('');
    await t.emulator.waitFor(() => t.emulator.dmsTo(userId).find((m) => m.text.includes('paused until')));
    // The confirmation went through the outbox, as a message that names its reader.
    const reply = await t.database.db
      .selectFrom('outbox')
      .select(['person_id', 'channel'])
      .where('kind', '=', 'reply_checkin_pause')
      .where('channel', '=', userId)
      .executeTakeFirst();
    expect(reply).toEqual({ person_id: userId, channel: userId });
    const row = await schedule(userId);
    expect(row.paused_until).toBe('2027-02-01');
    expect(row.next_due_at?.toISOString()).toBe('2027-02-01T09:00:00.000Z'); // Monday 1 Feb, 10:00 Oslo
  });

  it('moves the check-in to another day and time in the person’s zone, from next week', async () => {
    const { userId, message } = await personWithCheckin('nb-NO');
    await click(userId, message, checkinActionIds.changeTime);
    const modal = await t.emulator.waitFor(() => t.emulator.views(userId).at(-1));
    expect(modal.body.callback_id).toBe(checkinCallbackIds.changeTime);
    t.emulator.setViewValues(modal.id, {
      [checkinBlockIds.weekday]: {
        [checkinBlockIds.weekday]: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'fredag' }, value: '5' },
        },
      },
      [checkinBlockIds.time]: { [checkinBlockIds.time]: { type: 'timepicker', selected_time: '15:30' } },
    });
    await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId, viewId: modal.id });
    const confirmation = await t.emulator.waitFor(() =>
      t.emulator.dmsTo(userId).find((m) => m.text.includes('Neste innsjekk')),
    );
    expect(confirmation.text).toContain('15:30');
    const row = await schedule(userId);
    expect({ weekday: row.weekday, time: row.local_time }).toEqual({ weekday: 5, time: '15:30' });
    // This week's check-in already came, so the new slot starts next week.
    expect(row.next_due_at?.toISOString()).toBe('2027-01-15T14:30:00.000Z');
  });

  it('stops check-ins for someone who opts out', async () => {
    const { userId, message } = await personWithCheckin();
    await click(userId, message, checkinActionIds.optOut);
    await t.emulator.waitFor(() =>
      t.emulator.responses().find((r) => JSON.stringify(r.body).includes('check-ins are off')),
    );
    const row = await schedule(userId);
    expect(row.opted_out).toBe(true);
    expect(row.next_due_at).toBeNull();
    await runTick(t.app.scheduler, new Date('2027-01-11T09:01:00Z'));
    expect(t.emulator.dmsTo(userId)).toHaveLength(1);
  });

  it('ignores a forged button value', async () => {
    const { userId } = await personWithCheckin();
    const forged = await t.driver.raw({
      contentType: 'application/x-www-form-urlencoded',
      body: `payload=${encodeURIComponent(
        JSON.stringify({
          type: 'block_actions',
          user: { id: userId, team_id: DEMO_TEAM_ID },
          team: { id: DEMO_TEAM_ID },
          actions: [
            {
              type: 'button',
              action_id: checkinActionIds.optOut,
              block_id: checkinBlockIds.controls,
              value: '{"w":',
            },
          ],
        }),
      )}`,
    });
    expect(forged.status).toBe(200);
    expect((await schedule(userId)).opted_out).toBe(false);
  });
});
