import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isRecord } from '../../support/slack-emulator/block-kit.ts';
import { ALICE_ID, DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { signSlackRequest } from '../../support/slack-emulator/signing.ts';
import { SlackDriver } from '../../support/slack-emulator/slack-driver.ts';
import { SlackEmulator } from '../../support/slack-emulator/slack-emulator.ts';

const SECRET = 'test-signing-secret';

function fixture(name: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(
    readFileSync(new URL(`../../fixtures/slack/${name}`, import.meta.url), 'utf8'),
  );
  if (!isRecord(parsed)) throw new Error(`fixture ${name} is not an object`);
  return parsed;
}

function keys(value: unknown): string[] {
  return isRecord(value) ? Object.keys(value).sort() : [];
}

/** Stands in for the app: records what the driver sent and answers with `reply`. */
interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}
let captured: Captured[] = [];
let reply: { status: number; body: string } = { status: 200, body: '' };
let app: Server;
let emulator: SlackEmulator;
let driver: SlackDriver;
let bot: WebClient;

function last(): Captured {
  const request = captured.at(-1);
  if (request === undefined) throw new Error('the driver sent nothing');
  return request;
}

function lastPayload(): Record<string, unknown> {
  const payload: unknown = JSON.parse(new URLSearchParams(last().body).get('payload') ?? 'null');
  if (!isRecord(payload)) throw new Error('no payload field');
  return payload;
}

beforeAll(async () => {
  app = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      captured.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  emulator = await SlackEmulator.start();
  const { port } = app.address() as AddressInfo;
  driver = new SlackDriver({
    appUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SECRET,
    emulator,
  });
});

afterAll(async () => {
  await emulator.close();
  await new Promise<void>((resolve) => app.close(() => resolve()));
});

beforeEach(() => {
  captured = [];
  reply = { status: 200, body: '' };
  emulator.clear();
  emulator.seedDemoWorkspace();
  bot = new WebClient(emulator.botToken(DEMO_TEAM_ID), {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: 0 },
  });
});

describe('signing', () => {
  it('signs the exact bytes sent with a fresh timestamp', async () => {
    await driver.command({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      channelId: TEAM_CHANNEL_ID,
      text: 'help',
    });
    const { headers, body } = last();
    const timestamp = String(headers['x-slack-request-timestamp']);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(headers['x-slack-signature']).toBe(signSlackRequest(SECRET, timestamp, body));
  });

  it('lets raw() forge timestamps and signatures', async () => {
    await driver.raw({
      body: 'a=b',
      contentType: 'application/x-www-form-urlencoded',
      timestamp: 1,
      signature: 'v0=bad',
    });
    expect(last().headers).toMatchObject({ 'x-slack-request-timestamp': '1', 'x-slack-signature': 'v0=bad' });
  });
});

describe('payload shapes match PLATFORM.md fixtures', () => {
  it('slash command: exact form content type and field set', async () => {
    await driver.command({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      channelId: TEAM_CHANNEL_ID,
      text: 'promise <@U0BOB0001> x',
    });
    expect(last().headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = Object.fromEntries(new URLSearchParams(last().body));
    expect(keys(form)).toEqual(keys(fixture('slash-command.json')));
    expect(form).toMatchObject({
      command: '/trust',
      channel_name: 'team-rocket',
      user_name: 'alice',
      is_enterprise_install: 'false',
    });
    expect(form.response_url).toMatch(`${emulator.url}/hooks/commands/${DEMO_TEAM_ID}/`);
  });

  it('slash command: text escaped as Slack escapes it, its own mention and link tokens kept', async () => {
    await driver.command({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      channelId: TEAM_CHANNEL_ID,
      text: 'promise <@U0BOB0001|bob> Q&A <draft> &amp; <#C0TEAMCH1|team> <!here> <https://x.y|doc> by 5>4',
    });
    const form = Object.fromEntries(new URLSearchParams(last().body));
    expect(form.text).toBe(
      'promise <@U0BOB0001|bob> Q&amp;A &lt;draft&gt; &amp;amp; <#C0TEAMCH1|team> <!here> <https://x.y|doc> by 5&gt;4',
    );
  });

  it('block_actions from a message: same keys, message looked up, response_url hosted', async () => {
    const expected = fixture('block-actions.json');
    const blocks = [
      {
        type: 'actions',
        block_id: 'promise_actions',
        elements: [
          {
            type: 'button',
            action_id: 'promise_kept',
            text: { type: 'plain_text', text: 'Kept', emoji: true },
            value: '{"p":"prm_42"}',
            style: 'primary',
          },
        ],
      },
    ];
    const posted = await bot.chat.postMessage({
      channel: ALICE_ID,
      text: 'Reminder: report for Bob is due',
      blocks,
    });
    await driver.blockAction({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      blockId: 'promise_actions',
      actionId: 'promise_kept',
      container: { type: 'message', channelId: posted.channel ?? '', messageTs: posted.ts ?? '' },
    });
    expect(last().headers['content-type']).toBe('application/x-www-form-urlencoded');
    const payload = lastPayload();
    expect(keys(payload)).toEqual(keys(expected));
    for (const field of ['user', 'container', 'team', 'channel', 'state'])
      expect(keys(payload[field])).toEqual(keys(expected[field]));
    expect(Array.isArray(payload.actions) && keys(payload.actions[0])).toEqual(
      keys(Array.isArray(expected.actions) && expected.actions[0]),
    );
    expect(keys(payload.message)).toEqual(expect.arrayContaining(keys(expected.message)));
    expect(payload.channel).toEqual({ id: posted.channel, name: 'directmessage' });
  });

  it('event_callback: same envelope keys, retry headers when asked', async () => {
    const expected = fixture('event-callback.json');
    await driver.event({
      teamId: DEMO_TEAM_ID,
      event: isRecord(expected.event) ? expected.event : {},
      retryNum: 1,
    });
    expect(last().headers['content-type']).toBe('application/json');
    expect(last().headers).toMatchObject({
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    const envelope: unknown = JSON.parse(last().body);
    expect(keys(envelope)).toEqual(keys(expected));
    const auth =
      isRecord(envelope) && Array.isArray(envelope.authorizations) ? envelope.authorizations[0] : undefined;
    expect(keys(auth)).toEqual(
      keys(Array.isArray(expected.authorizations) ? expected.authorizations[0] : undefined),
    );
  });

  it('view_submission: the stored view with merged state, and response_action applied', async () => {
    const expected = fixture('view-submission.json');
    const input = (blockId: string, element: Record<string, unknown>) => ({
      type: 'input',
      block_id: blockId,
      label: { type: 'plain_text', text: blockId },
      element,
    });
    const work = { text: { type: 'plain_text', text: 'Work' }, value: 'work' };
    const opened = await bot.views.open({
      trigger_id: emulator.issueTriggerId(DEMO_TEAM_ID, ALICE_ID),
      view: {
        type: 'modal',
        callback_id: 'promise_create',
        private_metadata: '{"channel":"C0TEAMCH1"}',
        title: { type: 'plain_text', text: 'New promise' },
        submit: { type: 'plain_text', text: 'Save' },
        blocks: [
          input('recipient', { type: 'users_select', action_id: 'recipient_select' }),
          input('what', { type: 'plain_text_input', action_id: 'what_input' }),
          input('due_date', { type: 'datepicker', action_id: 'due_date_pick' }),
          input('due_time', { type: 'timepicker', action_id: 'due_time_pick', timezone: 'Europe/Oslo' }),
          input('kind', { type: 'radio_buttons', action_id: 'kind_radio', options: [work] }),
          input('notify', {
            type: 'checkboxes',
            action_id: 'notify_boxes',
            options: [{ text: { type: 'plain_text', text: 'DM me' }, value: 'dm' }],
          }),
          input('when', { type: 'datetimepicker', action_id: 'when_dt' }),
        ],
      },
    });
    const viewId = opened.view?.id ?? '';
    reply = {
      status: 200,
      body: JSON.stringify({ response_action: 'errors', errors: { what: 'Too vague' } }),
    };
    const values = {
      recipient: { recipient_select: { selected_user: 'U0BOB0001' } },
      what: { what_input: { value: 'Send the Q3 report' } },
      due_date: { due_date_pick: { selected_date: '2026-03-06' } },
      due_time: { due_time_pick: { selected_time: '15:00' } },
      kind: { kind_radio: { selected_option: work } },
      when: { when_dt: { selected_date_time: 1772805600 } },
    };
    const answer = await driver.viewSubmission({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      viewId,
      view: { state: { values } },
    });
    expect(answer.json).toEqual({ response_action: 'errors', errors: { what: 'Too vague' } });
    expect(emulator.views(ALICE_ID)).toHaveLength(1);

    const payload = lastPayload();
    expect(keys(payload)).toEqual([...keys(expected), 'response_urls'].sort());
    expect(keys(payload.user)).toEqual(keys(expected.user));
    expect(keys(payload.view)).toEqual(expect.arrayContaining(keys(expected.view)));
    const state = (v: unknown) =>
      isRecord(v) && isRecord(v.state) && isRecord(v.state.values) ? v.state.values : {};
    expect(state(payload.view)).toEqual(state(expected.view));

    reply = { status: 200, body: '' };
    await driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: ALICE_ID, viewId });
    expect(emulator.views(ALICE_ID)).toEqual([]);
  });

  it('refuses to click an element that is not on the message', async () => {
    const posted = await bot.chat.postMessage({ channel: ALICE_ID, text: 'no buttons' });
    const click = () =>
      driver.blockAction({
        teamId: DEMO_TEAM_ID,
        userId: ALICE_ID,
        blockId: 'promise_actions',
        actionId: 'promise_kept',
        container: { type: 'message', channelId: posted.channel ?? '', messageTs: posted.ts ?? '' },
      });
    await expect(click()).rejects.toThrow(/no element promise_actions\/promise_kept/);
  });

  it('url_verification is JSON with the challenge', async () => {
    reply = { status: 200, body: '{"challenge":"abc"}' };
    const answer = await driver.urlVerification('abc');
    expect(JSON.parse(last().body)).toEqual({
      token: 'legacy-verification-token',
      challenge: 'abc',
      type: 'url_verification',
    });
    expect(answer).toMatchObject({ status: 200, json: { challenge: 'abc' } });
  });
});
