import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { commandReply } from '../../support/command-reply.ts';
import { BOB_ID, DEMO_TEAM_ID, KARI_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { EMULATOR_APP_TOKEN } from '../../support/slack-emulator/slack-emulator.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';
import { appHomeOpened } from '../../support/slack-events.ts';

// The real app in Socket Mode (SLACK_APP_TOKEN set): it opens a connection through the emulator's
// apps.connections.open and receives envelopes over the emulator's WebSocket (PLATFORM.md §2.7).
// The slow-handler version of the retry case: test/faults/socket-mode-retry.test.ts.

let t: TestApp;
let opened: { token?: string; status: number }[] = [];

beforeAll(async () => {
  t = await startTestApp({ env: { SLACK_APP_TOKEN: EMULATOR_APP_TOKEN } });
  opened = t.emulator.calls('apps.connections.open');
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.emulator.reset();
});

const homeOpened = (userId: string) => appHomeOpened(t.emulator, userId, '1700000600.000100');

describe('Socket Mode', () => {
  it('connects once with the app-level token (startApp resolves only after hello)', () => {
    expect(opened).toMatchObject([{ token: EMULATOR_APP_TOKEN, status: 200 }]);
    expect(t.emulator.socketConnections()).toBe(1);
  });

  it('acks /trust help and answers it', async () => {
    const before = t.emulator.responses().length;
    const { ack } = await t.driver.socketCommand({
      teamId: DEMO_TEAM_ID,
      userId: KARI_ID,
      channelId: TEAM_CHANNEL_ID,
      text: 'help',
    });
    expect(ack.afterMs).toBeLessThan(3_000);
    const payload =
      ack.payload !== undefined && Object.keys(ack.payload).length > 0 ? ack.payload : undefined;
    const reply = await commandReply(t.emulator, { status: 200, json: payload }, before);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.body)).toContain('/trust promise @person');
    expect(t.emulator.issues('error')).toEqual([]);
  });

  it('acts once on an event redelivered with the same event_id and retry_attempt 1', async () => {
    const event = homeOpened(BOB_ID);
    const first = await t.driver.socketEvent({ teamId: DEMO_TEAM_ID, event, eventId: 'Ev0SOCK0001' });
    await t.emulator.waitFor(() => t.emulator.calls('views.publish').length > 0);
    const retry = await t.driver.socketEvent({
      teamId: DEMO_TEAM_ID,
      event,
      eventId: 'Ev0SOCK0001',
      retryNum: 1,
      retryReason: 'timeout',
    });
    expect(retry.envelopeId).not.toBe(first.envelopeId);
    // A fresh event afterwards: the retry had every chance to be handled first.
    await t.driver.socketEvent({ teamId: DEMO_TEAM_ID, event: homeOpened(KARI_ID), eventId: 'Ev0SOCK0002' });
    await t.emulator.waitFor(() =>
      t.emulator.calls('views.publish').find((c) => c.params.user_id === KARI_ID),
    );

    expect(t.emulator.calls('views.publish').filter((c) => c.params.user_id === BOB_ID)).toHaveLength(1);
    expect(t.emulator.socketAcks()).toHaveLength(3);
    expect(t.emulator.issues('error')).toEqual([]);
  });

  it('records an ack for an envelope it never sent as an error', async () => {
    // Stand in for a confused client: a raw WebSocket through a fresh apps.connections.open URL.
    const res = await fetch(`${t.emulator.apiUrl}apps.connections.open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${EMULATOR_APP_TOKEN}` },
    });
    const { url } = (await res.json()) as { url: string };
    const ws = new WebSocket(url);
    const hello = await new Promise<unknown>((resolve, reject) => {
      ws.once('message', (data) => resolve(JSON.parse(String(data))));
      ws.once('error', reject);
    });
    expect(hello).toMatchObject({ type: 'hello', connection_info: { app_id: 'A0TRUST01' } });
    ws.send(JSON.stringify({ envelope_id: 'not-an-envelope', payload: {} }));
    await t.emulator.waitFor(() => t.emulator.issues('error').length > 0);
    expect(t.emulator.issues('error')[0]?.messages[0]).toContain('unknown envelope_id not-an-envelope');
    ws.close();
    // The same URL works once only; a bot token cannot open a connection at all.
    const reused = new WebSocket(url);
    await expect(
      new Promise((resolve, reject) => {
        reused.once('open', resolve);
        reused.once('error', reject);
      }),
    ).rejects.toThrow(/404/);
    const botOpen = await fetch(`${t.emulator.apiUrl}apps.connections.open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.emulator.botToken(DEMO_TEAM_ID)}` },
    });
    expect(await botOpen.json()).toMatchObject({ ok: false, error: 'not_allowed_token_type' });
  });
});
