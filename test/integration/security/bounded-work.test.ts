import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandReply } from '../../support/command-reply.ts';
import { DEMO_TEAM_ID, KARI_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';
import { addPeople } from '../../support/team-steps.ts';

// /trust answers after the ack run 4 at a time; a burst beyond that waits, but only up to
// COMMAND_QUEUE_LIMIT. Past it people are told at once, in their language, to try again.

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ env: { COMMAND_QUEUE_LIMIT: '2' } });
});
afterAll(async () => {
  await t.close();
});

describe('a burst of /trust beyond the queue bound', () => {
  it('is answered "busy, try again" in the person’s language, and the queued ones still get answers', async () => {
    // Kari's profile is known (Norwegian) before the burst.
    const before = t.emulator.responses().length;
    const first = await t.driver.command({
      teamId: DEMO_TEAM_ID,
      userId: KARI_ID,
      channelId: TEAM_CHANNEL_ID,
      text: 'promises',
    });
    await commandReply(t.emulator, first, before);

    // Newcomers' answers need their profile from Slack, which is slow now: 4 run, 2 wait.
    const people = addPeople(t.emulator, 'U0BURST', 6);
    t.emulator.inject({ method: 'users.info', times: Infinity, fault: { type: 'delay', ms: 1_500 } });
    const answered = t.emulator.responses().length;
    const acks = [];
    for (const person of people) {
      acks.push(
        await t.driver.command({
          teamId: DEMO_TEAM_ID,
          userId: person,
          channelId: TEAM_CHANNEL_ID,
          text: 'promises',
        }),
      );
    }
    expect(acks.every((a) => a.status === 200 && a.text === '')).toBe(true);

    const busy = await t.driver.command({
      teamId: DEMO_TEAM_ID,
      userId: KARI_ID,
      channelId: TEAM_CHANNEL_ID,
      text: 'promises',
    });
    expect(busy.status).toBe(200);
    expect(busy.json).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(busy.json)).toContain('Prøv igjen om et øyeblikk');

    // Everyone who was queued still gets an answer.
    await t.emulator.waitFor(() => t.emulator.responses().length >= answered + people.length || undefined, {
      timeoutMs: 15_000,
    });
  }, 30_000);
});
