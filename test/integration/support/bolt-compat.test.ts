/**
 * Keeps the driver honest: a real Bolt 5 app (HTTPReceiver) must accept its signed requests and its
 * Web API client and respond() must work against the emulator.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE_ID, BOB_ID, DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { SlackDriver } from '../../support/slack-emulator/slack-driver.ts';
import { SlackEmulator } from '../../support/slack-emulator/slack-emulator.ts';

const SECRET = 'bolt-compat-secret';
const plain = (text: string) => ({ type: 'plain_text' as const, text });

let emulator: SlackEmulator;
let app: App;
let driver: SlackDriver;

beforeAll(async () => {
  emulator = await SlackEmulator.start();
  emulator.seedDemoWorkspace();
  app = new App({
    token: emulator.botToken(DEMO_TEAM_ID),
    signingSecret: SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
  });
  app.command('/trust', async ({ ack, respond, client, body }) => {
    await ack();
    await respond({ text: `you said ${body.text}` });
    await client.views.open({
      trigger_id: body.trigger_id,
      view: {
        type: 'modal',
        callback_id: 'promise_create',
        title: plain('New promise'),
        submit: plain('Save'),
        blocks: [
          {
            type: 'input',
            block_id: 'what',
            label: plain('What'),
            element: { type: 'plain_text_input', action_id: 'what_input' },
          },
        ],
      },
    });
    await client.chat.postMessage({
      channel: BOB_ID,
      text: 'Alice made you a promise',
      blocks: [
        {
          type: 'actions',
          block_id: 'promise_actions',
          elements: [{ type: 'button', action_id: 'promise_kept', text: plain('Kept'), value: 'prm_1' }],
        },
      ],
    });
  });
  app.action('promise_kept', async ({ ack, respond, action }) => {
    await ack();
    await respond({ replace_original: true, text: `kept ${'value' in action ? action.value : ''}` });
  });
  app.view('promise_create', async ({ ack, view }) => {
    const what = view.state.values.what?.what_input?.value ?? '';
    await ack(what.length < 5 ? { response_action: 'errors', errors: { what: 'Too short' } } : undefined);
  });
  app.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: [{ type: 'divider' }] },
    });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const { port } = server.address() as AddressInfo;
  driver = new SlackDriver({
    appUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SECRET,
    emulator,
  });
});

afterAll(async () => {
  await app.stop();
  await emulator.close();
});

describe('Bolt 5 accepts the driver', () => {
  it('runs a command, a button click, a modal submit and an event end to end', async () => {
    const command = await driver.command({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      channelId: TEAM_CHANNEL_ID,
      text: 'help',
    });
    expect(command.status).toBe(200);
    const dm = await emulator.waitFor(() => emulator.dmsTo(BOB_ID)[0]);
    expect(emulator.ephemerals(ALICE_ID).map((m) => m.text)).toEqual(['you said help']);
    const [modal] = emulator.views(ALICE_ID);

    await driver.blockAction({
      teamId: DEMO_TEAM_ID,
      userId: BOB_ID,
      blockId: 'promise_actions',
      actionId: 'promise_kept',
      container: { type: 'message', channelId: dm.channel, messageTs: dm.ts },
    });
    await emulator.waitFor(() => emulator.dmsTo(BOB_ID)[0]?.text === 'kept prm_1');

    const viewId = modal?.id ?? '';
    const tooShort = await driver.viewSubmission({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      viewId,
      view: { state: { values: { what: { what_input: { value: 'hm' } } } } },
    });
    expect(tooShort.json).toEqual({ response_action: 'errors', errors: { what: 'Too short' } });
    const fine = await driver.viewSubmission({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      viewId,
      view: { state: { values: { what: { what_input: { value: 'Send the report' } } } } },
    });
    expect(fine).toMatchObject({ status: 200, text: '' });
    expect(emulator.views(ALICE_ID)).toEqual([]);

    await driver.appHomeOpened({ teamId: DEMO_TEAM_ID, userId: ALICE_ID });
    expect((await emulator.waitFor(() => emulator.homeView(ALICE_ID))).type).toBe('home');
  });

  it('is rejected by Bolt when the signature or timestamp is wrong', async () => {
    const body = 'command=%2Ftrust&text=help';
    const contentType = 'application/x-www-form-urlencoded';
    expect((await driver.raw({ body, contentType, signature: 'v0=00' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await driver.raw({ body, contentType, timestamp: stale })).status).toBe(401);
    expect((await driver.urlVerification('c-123')).json).toEqual({ challenge: 'c-123' });
  });
});
