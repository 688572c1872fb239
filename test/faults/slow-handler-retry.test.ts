import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOB_ID, DEMO_TEAM_ID, KARI_ID } from '../support/slack-emulator/seed.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { appHomeOpened } from '../support/slack-events.ts';

// Slack retries an event when it has no answer within 3 s. Here the handler itself is slow (its
// views.publish takes 4.5 s) and Slack's retries, with the same event_id, arrive while the first
// delivery is still being handled: one side effect, and every delivery acked at once.
// (A retry after the first has finished: test/integration/slack/events.test.ts.)

const SLOW_MS = 4_500;

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const homeOpened = (userId: string) => appHomeOpened(t.emulator, userId, '1700000900.000100');

describe('a handler slower than Slack’s 3 s while the retries arrive', () => {
  it('acks every delivery at once and publishes the Home once', async () => {
    t.emulator.reset();
    t.emulator.inject({ method: 'views.publish', times: 1, fault: { type: 'delay', ms: SLOW_MS } });
    const event = homeOpened(BOB_ID);

    const acks: number[] = [];
    const deliver = async (retryNum?: number, retryReason?: string) => {
      const sent = performance.now();
      const response = await t.driver.event({
        teamId: DEMO_TEAM_ID,
        event,
        eventId: 'Ev0SLOW0001',
        ...(retryNum === undefined ? {} : { retryNum, retryReason: retryReason ?? 'http_timeout' }),
      });
      expect(response.status).toBe(200);
      acks.push(performance.now() - sent);
    };

    const started = performance.now();
    await deliver();
    // The first delivery is now waiting on Slack inside the handler.
    await t.emulator
      .waitFor(() => t.emulator.calls().some((c) => c.method === 'views.publish') || undefined, {
        timeoutMs: 500,
      })
      .catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    await deliver(1, 'http_timeout');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await deliver(2, 'http_timeout');
    // Both retries were answered while the first delivery's handler was still waiting on Slack.
    const retriesDoneAfterMs = performance.now() - started;
    expect(retriesDoneAfterMs).toBeLessThan(SLOW_MS);

    const publishes = () => t.emulator.calls('views.publish').filter((c) => c.params.user_id === BOB_ID);
    await t.emulator.waitFor(() => publishes().find((c) => c.status === 200), { timeoutMs: SLOW_MS + 5_000 });
    // A fresh event afterwards: had a retry been queued behind the slow one, it would have run by now.
    await t.driver.event({ teamId: DEMO_TEAM_ID, event: homeOpened(KARI_ID), eventId: 'Ev0SLOW0002' });
    await t.emulator.waitFor(() =>
      t.emulator.calls('views.publish').find((c) => c.params.user_id === KARI_ID),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    console.info(
      `slow handler: ${acks.length} deliveries acked in ${acks.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}; ${publishes().length} views.publish for Bob; retries answered ${retriesDoneAfterMs.toFixed(0)} ms after the first delivery; ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(acks.every((ms) => ms < 1_000)).toBe(true);
    expect(publishes()).toHaveLength(1);
    const handled = await t.database.db
      .selectFrom('processed_events')
      .select('event_id')
      .where('event_id', '=', 'Ev0SLOW0001')
      .execute();
    expect(handled).toHaveLength(1);
  }, 30_000);
});
