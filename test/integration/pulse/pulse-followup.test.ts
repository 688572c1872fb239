import { describe, expect, it } from 'vitest';
import { runTick } from '../../../src/scheduler/scheduler.ts';
import {
  checkinActionIds,
  checkinBlockIds,
  checkinCallbackIds,
  pulseActionIds,
  pulseCallbackIds,
  settingsBlockIds as s,
  settingsCallbackIds,
} from '../../../src/slack/ids.ts';
import { pulseItemBlockIds } from '../../../src/slack/blocks/pulse.blocks.ts';
import { eventually } from '../../support/eventually.ts';
import { DEMO_TEAM_ID } from '../../support/slack-emulator/seed.ts';
import { TestClock } from '../../support/test-clock.ts';
import { useFileTestApp } from '../../support/file-test-app.ts';
import { addPeople, createTeamOf } from '../../support/team-steps.ts';

// The pulse follow-up (issue 6): one reminder two days after the check-in, only to members who have
// not rated while their team's round is open; never to those who rated, stopped, paused or skipped.

const clock = new TestClock('2027-01-04T07:00:00Z'); // Monday 08:00 in Oslo, 2027-W01

const t = useFileTestApp({ clock });

let seq = 0;
async function makeTeam(size: number) {
  seq += 1;
  const people = addPeople(t.emulator, `U0FU${seq}X`, size);
  const { team } = await createTeamOf(
    { emulator: t.emulator, db: t.database.db, clock },
    people,
    3,
    'C0FOLLOW',
  );
  return { teamId: team.id, people };
}

async function checkinNow(userId: string) {
  await t.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId: 'D0FU', text: 'checkin' });
  await eventually(
    () =>
      t.database.db.selectFrom('checkins').select('week').where('user_id', '=', userId).executeTakeFirst(),
    { description: `check-in of ${userId}` },
  );
}

function ratingState() {
  const values: Record<string, Record<string, unknown>> = {};
  for (const id of Object.values(pulseItemBlockIds)) {
    values[id] = {
      [id]: {
        type: 'radio_buttons',
        selected_option: { text: { type: 'plain_text', text: '4' }, value: '4' },
      },
    };
  }
  return { values } as never;
}

async function rate(userId: string, teamId: string) {
  const answer = await t.driver.viewSubmission({
    teamId: DEMO_TEAM_ID,
    userId,
    view: {
      callback_id: pulseCallbackIds.rate,
      private_metadata: JSON.stringify({ t: teamId, w: '2027-W01' }),
      state: ratingState(),
    },
  });
  expect(JSON.stringify(answer.json)).toContain('Thank you');
}

const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });

async function optOut(userId: string) {
  const values = {
    [s.checkinDay]: { [s.checkinDay]: { type: 'static_select', selected_option: option('1') } },
    [s.checkinTime]: { [s.checkinTime]: { type: 'timepicker', selected_time: '10:00' } },
    [s.zone]: { [s.zone]: { type: 'static_select', selected_option: option('slack') } },
    [s.language]: { [s.language]: { type: 'static_select', selected_option: option('auto') } },
    [s.optOut]: { [s.optOut]: { type: 'checkboxes', selected_options: [option('stop')] } },
  };
  await t.driver.viewSubmission({
    teamId: DEMO_TEAM_ID,
    userId,
    view: { callback_id: settingsCallbackIds.personal, state: { values } as never },
  });
}

async function pause(userId: string) {
  await t.driver.viewSubmission({
    teamId: DEMO_TEAM_ID,
    userId,
    view: {
      callback_id: checkinCallbackIds.pause,
      state: {
        values: {
          [checkinBlockIds.pauseUntil]: {
            [checkinBlockIds.pauseUntil]: { type: 'datepicker', selected_date: '2027-01-20' },
          },
        },
      } as never,
    },
  });
}

const followupsTo = (userId: string) =>
  t.emulator.dmsTo(userId).filter((m) => m.text.includes('trust pulse for this week is still open'));

async function tick(at: string) {
  clock.set(at);
  return runTick(t.app.scheduler, new Date(at), { budgetMs: 30_000 });
}

describe('the pulse follow-up', () => {
  it('goes once, two days after the check-in, only to members who have not rated', async () => {
    const { teamId, people } = await makeTeam(7);
    const [rater, stopped, paused, laterRater, quiet, notCheckedIn, skipper] = people as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    for (const id of [rater, stopped, paused, laterRater, quiet, skipper]) await checkinNow(id);
    await rate(rater, teamId);
    await t.app.outbox.idle();
    const skipped = await t.emulator.waitFor(() => t.emulator.dmsTo(skipper)[0], { description: 'check-in' });
    await t.driver.blockAction({
      teamId: DEMO_TEAM_ID,
      userId: skipper,
      actionId: checkinActionIds.skip,
      blockId: checkinBlockIds.controls,
      value: JSON.stringify({ w: '2027-W01' }),
      container: { type: 'message', channelId: skipped.channel, messageTs: skipped.ts },
    });
    await eventually(
      async () =>
        (
          await t.database.db
            .selectFrom('checkins')
            .select('outcome')
            .where('user_id', '=', skipper)
            .executeTakeFirst()
        )?.outcome === 'skipped_by_user',
      { description: 'week skipped' },
    );
    await optOut(stopped);
    await pause(paused);
    await eventually(
      async () => {
        const rows = await t.database.db
          .selectFrom('checkin_schedules')
          .select(['user_id', 'opted_out', 'paused_until'])
          .where('user_id', 'in', [stopped, paused])
          .execute();
        return rows.filter((r) => r.opted_out || r.paused_until).length === 2;
      },
      { description: 'opt-out and pause saved' },
    );

    // Not yet at 47 h 59 min.
    const early = await tick('2027-01-06T06:59:00Z');
    expect(early.jobs['pulse-followups']).toEqual({ queued: 0, notNeeded: 0 });

    const due = await tick('2027-01-06T07:00:00Z');
    expect(due.jobs['pulse-followups']).toEqual({ queued: 2, notNeeded: 3 });
    await t.app.outbox.idle();
    for (const id of [laterRater, quiet]) {
      const [followup, ...more] = followupsTo(id);
      expect(more).toHaveLength(0);
      expect(JSON.stringify(followup?.blocks)).toContain(pulseActionIds.rate);
      expect(JSON.stringify(followup?.blocks)).toContain(
        `"value":"{\\"t\\":\\"${teamId}\\",\\"w\\":\\"2027-W01\\"}"`,
      );
    }
    for (const id of [rater, stopped, paused, notCheckedIn, skipper]) expect(followupsTo(id)).toHaveLength(0);

    // Rating after the reminder, and later ticks, send nothing more.
    await rate(laterRater, teamId);
    const again = await tick('2027-01-06T08:00:00Z');
    expect(again.jobs['pulse-followups']).toEqual({ queued: 0, notNeeded: 0 });
    await tick('2027-01-07T12:00:00Z');
    await t.app.outbox.idle();
    for (const id of [laterRater, quiet]) expect(followupsTo(id)).toHaveLength(1);
    const outbox = await t.database.db
      .selectFrom('outbox')
      .select('idempotency_key')
      .where('kind', '=', 'pulse_followup')
      .execute();
    // One per person and week, keyed by a keyed hash: no key names who had not rated.
    const keys = outbox.map((r) => r.idempotency_key);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    for (const key of keys) {
      expect(key).toMatch(new RegExp(`^pulse-followup:${DEMO_TEAM_ID}:[A-Za-z0-9_-]{32}:2027-W01$`));
      for (const id of people) expect(key).not.toContain(id);
    }

    // The round closes (Monday 00:00 in Oslo): the follow-ups leave the outbox, so it does not keep
    // a record of who had not rated; none is sent again.
    const closing = await tick('2027-01-10T23:05:00Z');
    expect(closing.jobs['pulse-rounds']).toMatchObject({ closed: expect.any(Number) });
    const left = await t.database.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'pulse_followup')
      .where('channel', 'in', people)
      .execute();
    expect(left).toHaveLength(0);
    await tick('2027-01-11T08:00:00Z');
    await t.app.outbox.idle();
    for (const id of [laterRater, quiet]) expect(followupsTo(id)).toHaveLength(1);
  });

  it('is not sent once the round has closed', async () => {
    const { people } = await makeTeam(3);
    clock.set('2027-01-09T10:00:00Z'); // Saturday: two days later the week is over
    for (const id of people) await checkinNow(id);
    const result = await tick('2027-01-11T10:00:00Z');
    expect(result.jobs['pulse-followups']).toMatchObject({ queued: 0 });
    await t.app.outbox.idle();
    for (const id of people) expect(followupsTo(id)).toHaveLength(0);
    const pending = await t.database.db
      .selectFrom('checkins')
      .select('followup_pending')
      .where('user_id', 'in', people)
      .where('week', '=', '2027-W01')
      .execute();
    expect(pending.map((r) => r.followup_pending)).toEqual([false, false, false]);
  });
});
