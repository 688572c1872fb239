import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDueDate } from '../../../src/domain/promises/due-date.parser.ts';
import { runTick } from '../../../src/scheduler/scheduler.ts';
import { functionCallbackIds, pulseActionIds, pulseCallbackIds } from '../../../src/slack/ids.ts';
import { pulseItemBlockIds } from '../../../src/slack/blocks/pulse.blocks.ts';
import { buttonIn, dms } from '../../support/promise-steps.ts';
import {
  ALICE_ID,
  BOB_ID,
  DEMO_TEAM_ID,
  OTHER_BOT_ID,
  TEAM_CHANNEL_ID,
} from '../../support/slack-emulator/seed.ts';
import { EMULATOR_APP_TOKEN } from '../../support/slack-emulator/slack-emulator.ts';
import { addPeople, createTeamOf } from '../../support/team-steps.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';
import { usePromiseTestApp } from '../../support/file-test-app.ts';
import { TestClock } from '../../support/test-clock.ts';

// The Workflow Builder steps, run as Slack runs them: a signed `function_executed` event with a
// workflow token, answered with functions.completeSuccess / completeError (docs/slack-workflow-steps.md).

const clock = new TestClock('2027-01-06T11:00:00Z'); // Wednesday of 2027-W01 in Oslo
const t = usePromiseTestApp({ clock });

async function runStep(callbackId: string, inputs: Record<string, unknown>, via: TestApp = t) {
  const { executionId, status } = await via.driver.functionExecuted({
    teamId: DEMO_TEAM_ID,
    callbackId,
    inputs,
    socket: via !== t,
  });
  if (status !== undefined) expect(status).toBe(200);
  return via.emulator.waitFor(
    () => {
      const execution = via.emulator.functionExecution(executionId);
      return execution && execution.status !== 'running' ? execution : undefined;
    },
    { timeoutMs: 15_000, description: `step ${callbackId} to complete` },
  );
}

function ratingState(score: number) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const id of Object.values(pulseItemBlockIds)) {
    const option = { text: { type: 'plain_text', text: String(score) }, value: String(score) };
    values[id] = { [id]: { type: 'radio_buttons', selected_option: option } };
  }
  return { values } as never;
}

const promises = () => t.database.db.selectFrom('promises').selectAll().execute();

describe('Record a promise (workflow step)', () => {
  it('records it for the owner, tells the recipient, and outputs a link to that notice', async () => {
    const execution = await runStep(functionCallbackIds.recordPromise, {
      owner: ALICE_ID,
      recipient: BOB_ID,
      what: 'send the Q3 numbers',
      due: 'friday 3pm',
    });
    expect(execution.status).toBe('completed');
    const [row] = await promises();
    const expected = parseDueDate('friday 3pm', {
      now: clock.now(),
      timeZone: 'Europe/Oslo',
      language: 'en',
    });
    expect(row).toMatchObject({ owner_id: ALICE_ID, recipient_id: BOB_ID, text: 'send the Q3 numbers' });
    expect(expected.ok && row?.due_at.toISOString()).toBe(expected.ok && expected.due.toISOString());
    const [notice] = dms(t, BOB_ID);
    expect(notice?.text).toContain(`<@${ALICE_ID}> made you a promise`);
    expect(execution.outputs).toEqual({
      promise_link: `https://acme.slack.com/archives/${notice?.channel}/p${notice?.ts.replace('.', '')}`,
    });
    // Completed on the workflow's own token, which stops working afterwards.
    const completion = t.emulator.calls('functions.completeSuccess')[0];
    expect(completion?.token).toBe(execution.token);
    expect(t.emulator.issues('error')).toEqual([]);
  });

  const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
    ['an unknown recipient', { recipient: 'U0NOBODY1' }, /does not know <@U0NOBODY1>/],
    ['an unknown owner', { owner: 'U0NOBODY2' }, /does not know <@U0NOBODY2>/],
    [
      'a bot as recipient',
      { recipient: OTHER_BOT_ID },
      /That is an app, not a person\..* Nothing was saved\.$/,
    ],
    ['a promise to oneself', { recipient: ALICE_ID }, /to-do/],
    ['an unreadable date', { due: 'when pigs *fly*' }, /could not read “when pigs \u200B\*\u200Bfly/],
    ['a date in the past', { due: '1600000000' }, /already passed/],
    ['an empty promise', { what: '   ' }, /Say what you promise/],
    ['a missing input', { what: undefined }, /could not read this step’s inputs/],
  ];
  for (const [what, change, message] of refusals) {
    it(`fails with a clear error and saves nothing for ${what}`, async () => {
      const inputs = {
        owner: ALICE_ID,
        recipient: BOB_ID,
        what: 'review the plan',
        due: 'tomorrow',
        ...change,
      };
      const execution = await runStep(functionCallbackIds.recordPromise, inputs);
      expect(execution.status).toBe('failed');
      expect(execution.error).toMatch(message);
      expect(await promises()).toEqual([]);
      await t.app.outbox.idle();
      expect(dms(t, BOB_ID)).toEqual([]);
    });
  }
});

describe('a step when Slack fails', () => {
  it('ends with an error instead of staying in progress, saving nothing', async () => {
    const [owner, recipient] = addPeople(t.emulator, 'U0DOWN', 2);
    t.emulator.inject({
      method: 'users.info',
      times: Number.POSITIVE_INFINITY,
      fault: { type: 'error', error: 'fatal_error' },
    });
    const execution = await runStep(functionCallbackIds.recordPromise, {
      owner,
      recipient,
      what: 'x',
      due: 'tomorrow',
    });
    expect(execution.status).toBe('failed');
    expect(execution.error).toContain('Something went wrong');
    expect(await promises()).toEqual([]);
  });
});

describe('Send the trust pulse to a team (workflow step)', () => {
  it('DMs the Rate button to members who have not rated, once per round, and fails for a channel that is no team', async () => {
    const people = addPeople(t.emulator, 'U0STEP', 3);
    const { channelId, team } = await createTeamOf(
      { emulator: t.emulator, db: t.database.db, clock },
      people,
      3,
    );

    const first = await runStep(functionCallbackIds.sendTrustPulse, { channel: channelId });
    expect(first.status).toBe('completed');
    expect(first.outputs).toEqual({ asked: 3 });
    await t.app.outbox.idle();
    for (const person of people) {
      const [ask] = dms(t, person);
      expect(ask?.text).toContain('rate trust this week');
      expect(buttonIn(ask?.blocks, pulseActionIds.rate)).toBeDefined();
    }

    // Running it again asks nobody twice.
    const again = await runStep(functionCallbackIds.sendTrustPulse, { channel: channelId });
    expect(again.outputs).toEqual({ asked: 0 });
    await t.app.outbox.idle();
    expect(people.map((p) => dms(t, p).length)).toEqual([1, 1, 1]);

    const notATeam = await runStep(functionCallbackIds.sendTrustPulse, { channel: TEAM_CHANNEL_ID });
    expect(notATeam.status).toBe('failed');
    expect(notATeam.error).toContain(`<#${TEAM_CHANNEL_ID}> is not a Trust Habits team`);

    // Someone rates; once the round closes the asks leave the outbox, so it keeps no record of who
    // had not rated (as with the pulse follow-up).
    const rated = await t.driver.viewSubmission({
      teamId: DEMO_TEAM_ID,
      userId: people[0] ?? '',
      view: {
        callback_id: pulseCallbackIds.rate,
        private_metadata: JSON.stringify({ t: team.id, w: '2027-W01' }),
        state: ratingState(4),
      },
    });
    expect(rated.status).toBe(200);
    const asksLeft = () =>
      t.database.db.selectFrom('outbox').select('id').where('kind', '=', 'pulse_step').execute();
    expect(await asksLeft()).toHaveLength(3);
    // The keys outlive the rows: they must not say who had not rated.
    const keys = await t.database.db
      .selectFrom('outbox')
      .select('idempotency_key')
      .where('kind', '=', 'pulse_step')
      .execute();
    for (const { idempotency_key } of keys)
      for (const person of people) expect(idempotency_key).not.toContain(person);
    clock.set('2027-01-10T23:05:00Z');
    await runTick(t.app.scheduler, clock.now(), { budgetMs: 30_000 });
    expect(await asksLeft()).toHaveLength(0);
  });

  it('fails for a team below the minimum group size, asking nobody', async () => {
    const people = addPeople(t.emulator, 'U0TINY', 2);
    const { channelId } = await createTeamOf({ emulator: t.emulator, db: t.database.db, clock }, people, 3);
    const execution = await runStep(functionCallbackIds.sendTrustPulse, { channel: channelId });
    expect(execution.status).toBe('failed');
    expect(execution.error).toContain('at least 3 members');
    await t.app.outbox.idle();
    expect(people.flatMap((p) => dms(t, p))).toEqual([]);
  });
});

describe('the emulator’s functions.* methods', () => {
  it('refuse a second completion and the workflow token once the step completed', async () => {
    const execution = await runStep(functionCallbackIds.sendTrustPulse, { channel: 'C0NOTEAM1' });
    const url = `${t.emulator.apiUrl}functions.completeSuccess`;
    const post = async (body: Record<string, unknown>) =>
      (await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${t.emulator.botToken(DEMO_TEAM_ID)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      }).then((r) => r.json())) as { ok: boolean; error?: string };
    expect(await post({ function_execution_id: execution.id, outputs: {} })).toMatchObject({
      ok: false,
      error: 'execution_not_in_running_state',
    });
    expect(await post({ function_execution_id: 'Fx0NOPE', outputs: {} })).toMatchObject({
      ok: false,
      error: 'function_execution_not_found',
    });
    expect(await post({ function_execution_id: execution.id })).toMatchObject({
      ok: false,
      error: 'invalid_arguments',
    });
    const withStepToken = await fetch(`${t.emulator.apiUrl}auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${execution.token}` },
    }).then((r) => r.json());
    expect(withStepToken).toMatchObject({ ok: false, error: 'invalid_auth' });
  });
});

describe('over Socket Mode', () => {
  let socket: TestApp;
  beforeAll(async () => {
    socket = await startTestApp({ clock, env: { SLACK_APP_TOKEN: EMULATOR_APP_TOKEN } });
  });
  afterAll(async () => {
    await socket.close();
  });

  it('runs the step from an events_api envelope', async () => {
    const execution = await runStep(
      functionCallbackIds.recordPromise,
      { owner: ALICE_ID, recipient: 'U0NOBODY1', what: 'x', due: 'tomorrow' },
      socket,
    );
    expect(execution.status).toBe('failed');
    expect(execution.error).toContain('U0NOBODY1');
  });
});
