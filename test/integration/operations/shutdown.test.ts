import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMessages } from '../../../src/persistence/pg-outbox.repository.ts';
import { drainOutbox } from '../../../src/scheduler/outbox-dispatcher.ts';
import { ALICE_ID, DEMO_TEAM_ID } from '../../support/slack-emulator/seed.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('stopping in the middle of a fan-out', () => {
  it('stops claiming at once, finishes what it holds, and leaves the rest pending for another instance', async () => {
    await t.app.database.db
      .insertInto('workspaces')
      .values({ id: DEMO_TEAM_ID })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await enqueueMessages(
      t.app.database.db,
      Array.from({ length: 40 }, (_, i) => ({
        workspaceId: DEMO_TEAM_ID,
        idempotencyKey: `shutdown-test:${i}`,
        kind: 'checkin' as const,
        channel: ALICE_ID,
        about: { personId: ALICE_ID, promiseId: null, teamId: null },
        text: `message ${i}`,
      })),
    );
    // Each post takes 100 ms: a drain of 40 would take a second or more.
    t.emulator.inject({ method: 'chat.postMessage', times: Infinity, fault: { type: 'delay', ms: 100 } });
    const stopping = new AbortController();
    const drain = drainOutbox(t.app.scheduler.dispatcher, { concurrency: 2, signal: stopping.signal });
    await t.emulator.waitFor(() => (t.emulator.calls('chat.postMessage').length >= 2 ? true : undefined), {
      timeoutMs: 10_000,
    });
    const abortedAt = performance.now();
    stopping.abort();
    const summary = await drain;
    expect(performance.now() - abortedAt).toBeLessThan(1_000);

    const rows = await t.app.database.db
      .selectFrom('outbox')
      .select(['status'])
      .where('idempotency_key', 'like', 'shutdown-test:%')
      .execute();
    const count = (status: string) => rows.filter((r) => r.status === status).length;
    // Nothing is left leased (in doubt) and nothing is lost: sent + pending = all.
    expect(count('sending')).toBe(0);
    expect(count('sent')).toBe(summary.sent);
    expect(summary.sent).toBeGreaterThanOrEqual(2);
    expect(summary.sent).toBeLessThan(40);
    expect(count('pending')).toBe(40 - summary.sent);
    // Slack saw exactly the sent ones.
    expect(t.emulator.calls('chat.postMessage').filter((c) => c.status === 200)).toHaveLength(summary.sent);
  });
});
