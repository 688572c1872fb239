import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOB_ID, DEMO_TEAM_ID, KARI_ID } from '../support/slack-emulator/seed.ts';
import { EMULATOR_APP_TOKEN } from '../support/slack-emulator/slack-emulator.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { appHomeOpened } from '../support/slack-events.ts';

// slow-handler-retry.test.ts over Socket Mode: the app runs with SLACK_APP_TOKEN and receives
// `events_api` envelopes over the emulator's WebSocket. Its `app_home_opened` handler waits 4.5 s on
// Slack (views.publish) while Slack redelivers the event twice in new envelopes with the same
// event_id (`retry_attempt` 1 and 2, `retry_reason` "timeout"): every envelope acked at once, one
// views.publish, one processed_events row. (The fast version: test/integration/slack/socket-mode.test.ts.)

const SLOW_MS = 4_500;

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ env: { SLACK_APP_TOKEN: EMULATOR_APP_TOKEN } });
});
afterAll(async () => {
  await t.close();
});

const homeOpened = (userId: string) => appHomeOpened(t.emulator, userId, '1700000950.000100');

describe('Socket Mode: a handler slower than Slack’s 3 s while the retries arrive', () => {
  it('acks every envelope at once and publishes the Home once', async () => {
    t.emulator.reset();
    expect(t.emulator.socketConnections()).toBe(1);
    t.emulator.inject({ method: 'views.publish', times: 1, fault: { type: 'delay', ms: SLOW_MS } });
    const event = homeOpened(BOB_ID);

    const acks: number[] = [];
    const envelopes = new Set<string>();
    const deliver = async (retryNum?: number) => {
      const { envelopeId, ack } = await t.driver.socketEvent(
        {
          teamId: DEMO_TEAM_ID,
          event,
          eventId: 'Ev0SOCKSLOW1',
          ...(retryNum === undefined ? {} : { retryNum, retryReason: 'timeout' }),
        },
        1_000,
      );
      envelopes.add(envelopeId);
      acks.push(ack.afterMs);
    };

    const started = performance.now();
    await deliver();
    // The first delivery is now waiting on Slack inside the handler.
    await t.emulator
      .waitFor(() => t.emulator.calls().some((c) => c.method === 'views.publish') || undefined, {
        timeoutMs: 500,
        description: 'the slow views.publish to start',
      })
      .catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    await deliver(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await deliver(2);
    // Both retries were acked while the first delivery's handler was still waiting on Slack.
    const retriesDoneAfterMs = performance.now() - started;
    expect(retriesDoneAfterMs).toBeLessThan(SLOW_MS);

    const publishes = () => t.emulator.calls('views.publish').filter((c) => c.params.user_id === BOB_ID);
    await t.emulator.waitFor(() => publishes().find((c) => c.status === 200), {
      timeoutMs: SLOW_MS + 5_000,
      description: "Bob's Home published",
    });
    // A fresh event afterwards: had a retry been queued behind the slow one, it would have run by now.
    await t.driver.socketEvent({ teamId: DEMO_TEAM_ID, event: homeOpened(KARI_ID), eventId: 'Ev0SOCKSLOW2' });
    await t.emulator.waitFor(() =>
      t.emulator.calls('views.publish').find((c) => c.params.user_id === KARI_ID),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    console.info(
      `socket mode slow handler: ${acks.length} envelopes acked in ${acks.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}; ${publishes().length} views.publish for Bob; retries acked ${retriesDoneAfterMs.toFixed(0)} ms after the first delivery; ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(envelopes.size).toBe(3);
    expect(acks.every((ms) => ms < 1_000)).toBe(true);
    expect(publishes()).toHaveLength(1);
    expect(t.emulator.socketAcks()).toHaveLength(4);
    expect(t.emulator.issues('error')).toEqual([]);
    const handled = await t.database.db
      .selectFrom('processed_events')
      .select('event_id')
      .where('event_id', '=', 'Ev0SOCKSLOW1')
      .execute();
    expect(handled).toHaveLength(1);
  }, 30_000);
});
