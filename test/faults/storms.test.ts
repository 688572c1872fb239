import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTick } from '../../src/scheduler/scheduler.ts';
import { deliveryReport, outboxStatusCounts, seedDuePeople } from '../support/checkin-population.ts';
import { planFaults } from '../support/fault-plan.ts';
import { DEMO_TEAM_ID } from '../support/slack-emulator/seed.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { scaled } from './scale.ts';

// Bigger storms than test/integration/checkins/fanout-faults.test.ts (one 429, three 5xx):
// Slack's own rate limit far below the app's pace plus bursts of long Retry-After, and a 5xx on
// every third call.

let t: TestApp;

beforeAll(async () => {
  // The app is allowed 200/s; the emulated Slack allows far less.
  t = await startTestApp({ env: { SEND_RATE_PER_SECOND: '200', SEND_BURST: '20' } });
});
afterAll(async () => {
  await t.close();
});

describe('storms during a check-in fan-out', () => {
  it('429 storm: delivers everyone exactly once through a tight rate limit and long Retry-After bursts', async () => {
    const started = performance.now();
    const people = scaled(400, 150);
    const due = new Date('2027-03-01T09:00:00Z');
    const ids = await seedDuePeople(t.database.db, {
      workspaceId: DEMO_TEAM_ID,
      prefix: 'RLS',
      count: people,
      dueAt: due,
      emulator: t.emulator,
    });
    t.emulator.reset();
    t.emulator.rateLimit({ method: 'chat.postMessage', perSecond: 100, burst: 10 });
    // On top of the limiter: three bursts of Retry-After, the longest 4 s.
    planFaults(t.emulator, 'chat.postMessage', [
      ...[10, 11, 12, 13].map((call) => ({ call, fault: { type: 'rate_limited' as const, retryAfter: 2 } })),
      ...[120, 121].map((call) => ({ call, fault: { type: 'rate_limited' as const, retryAfter: 4 } })),
      ...[250, 251, 252].map((call) => ({ call, fault: { type: 'rate_limited' as const, retryAfter: 3 } })),
    ]);
    const summary = await runTick(t.app.scheduler, due, { waitForRetries: true, budgetMs: 120_000 });
    const calls = t.emulator.calls('chat.postMessage');
    const limited = calls.filter((c) => c.status === 429).length;
    const report = deliveryReport(t.emulator, ids);
    const seconds = (performance.now() - started) / 1000;
    const sendingSeconds = ((calls.at(-1)?.at ?? 0) - (calls[0]?.at ?? 0)) / 1000;
    console.info(
      `429 storm: ${people} people, ${calls.length} calls, ${limited} answered 429, ${report.once} delivered once; ` +
        `${seconds.toFixed(1)} s with seeding, sending ${sendingSeconds.toFixed(1)} s (${(report.once / sendingSeconds).toFixed(0)}/s); tick ${JSON.stringify(summary.sent)}`,
    );
    // The nine injected ones at least; the pacer halves its rate after each, so the limiter itself
    // rarely has to answer 429 (it did 50+ times before the pacer adapted).
    expect(limited).toBeGreaterThanOrEqual(9);
    expect(report).toEqual({ once: people, missing: [], duplicated: [], extraMessages: 0 });
    expect(calls.filter((c) => c.status === 200)).toHaveLength(people);
    expect(await outboxStatusCounts(t.database.db, ids)).toMatchObject({
      sent: people,
      pending: 0,
      sending: 0,
      unknown: 0,
      dead: 0,
    });
  }, 180_000);

  it('5xx storm: every third call fails; those are never resent and everyone else gets one', async () => {
    const started = performance.now();
    const people = scaled(300, 90);
    const due = new Date('2027-03-02T09:00:00Z');
    const ids = await seedDuePeople(t.database.db, {
      workspaceId: DEMO_TEAM_ID,
      prefix: 'FXX',
      count: people,
      dueAt: due,
      emulator: t.emulator,
    });
    t.emulator.reset();
    planFaults(
      t.emulator,
      'chat.postMessage',
      Array.from({ length: Math.floor(people / 3) }, (_, i) => ({
        call: 3 * (i + 1),
        fault: { type: 'http' as const, status: i % 2 === 0 ? 500 : 503 },
      })),
    );
    const summary = await runTick(t.app.scheduler, due, { waitForRetries: true, budgetMs: 60_000 });
    const calls = t.emulator.calls('chat.postMessage');
    const failed = calls.filter((c) => c.status >= 500).map((c) => String(c.params.channel));
    const report = deliveryReport(t.emulator, ids);
    console.info(
      `5xx storm: ${people} people, ${calls.length} calls, ${failed.length} answered 5xx, ${report.once} delivered once, ${report.missing.length} in doubt, ${report.duplicated.length} twice in ${((performance.now() - started) / 1000).toFixed(1)} s; tick ${JSON.stringify(summary.sent)}`,
    );
    expect(failed).toHaveLength(Math.floor(people / 3));
    // A 5xx may mean Slack stored it: never resent, recorded as unknown.
    expect(calls).toHaveLength(people);
    expect(report.duplicated).toEqual([]);
    expect([...report.missing].sort()).toEqual([...failed].sort());
    expect(await outboxStatusCounts(t.database.db, ids)).toMatchObject({
      sent: people - failed.length,
      unknown: failed.length,
      pending: 0,
      sending: 0,
    });
  }, 120_000);
});
