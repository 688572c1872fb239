import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runTick } from '../../../src/scheduler/scheduler.ts';
import { promiseActionIds } from '../../../src/slack/ids.ts';
import { click, dms, trust } from '../../support/promise-steps.ts';
import { ALICE_ID, BOB_ID, KARI_ID } from '../../support/slack-emulator/seed.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

// A fixed Monday, so "this week" means the same thing whenever the test runs; see
// promise-reminders.test.ts for why the whole process's Date is simulated.
vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });

let t: TestApp;

beforeAll(async () => {
  // Monday 1 March 2027, 09:00 in Oslo: an hour before the default check-in time.
  vi.setSystemTime(new Date('2027-03-01T08:00:00Z'));
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
  vi.useRealTimers();
});

const checkinOf = (userId: string) =>
  dms(t, userId).find(
    (m) => m.text.startsWith('Your weekly check-in') || m.text.startsWith('Ukens innsjekk'),
  );

describe('promises in the weekly check-in', () => {
  it('lists my promises due this week or overdue, and those made to me, with their buttons', async () => {
    await trust(t, ALICE_ID, `promise <@${BOB_ID}> send the Q3 numbers by wednesday 3pm`);
    await trust(t, ALICE_ID, `promise <@${BOB_ID}> plan the offsite by next week`);
    await trust(t, BOB_ID, `promise <@${ALICE_ID}> review the deck by friday`);
    await trust(t, KARI_ID, 'promises');
    await t.app.outbox.idle();

    await runTick(t.app.scheduler, new Date('2027-03-01T09:00:00Z'));
    const checkin = await t.emulator.waitFor(() => checkinOf(ALICE_ID), { description: 'Alice’s check-in' });
    const text = JSON.stringify(checkin.blocks);
    expect(text).toContain('Your promises due this week');
    expect(text).toContain('send the Q3 numbers');
    expect(text).not.toContain('plan the offsite');
    expect(text).toContain('Promised to you, due this week');
    expect(text).toContain('review the deck');

    await click(t, ALICE_ID, checkin, promiseActionIds.kept);
    const kept = await t.database.db
      .selectFrom('promises')
      .select('state')
      .where('text', '=', 'send the Q3 numbers')
      .executeTakeFirstOrThrow();
    expect(kept.state).toBe('kept');
  });

  it('says so when nothing is due, in the person’s language', async () => {
    const checkin = await t.emulator.waitFor(() => checkinOf(KARI_ID), { description: 'Kari’s check-in' });
    expect(JSON.stringify(checkin.blocks)).toContain('Ingen løfter forfaller denne uken');
  });
});
