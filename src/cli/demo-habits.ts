import { renderBlocks } from '../../test/support/slack-emulator/render.ts';
import { ALICE_ID, DEMO_TEAM_ID, KARI_ID, TEAM_CHANNEL_ID } from '../../test/support/slack-emulator/seed.ts';
import { runTick } from '../scheduler/scheduler.ts';
import { habitActionIds, habitBlockIds } from '../slack/ids.ts';
import type { DemoStage } from './demo-pulse.ts';

// The demo's habits story: the habit part of the check-in, a reflection, and the mid-week nudge.

const names: Record<string, string> = { [ALICE_ID]: 'Alice', [KARI_ID]: 'Kari' };

export async function playHabitStory(stage: DemoStage): Promise<void> {
  const { app, driver, emulator } = stage;
  stage.heading('Habits: this week’s focus, a tip, a reflection and a mid-week nudge');

  for (const userId of [ALICE_ID, KARI_ID]) {
    const who = names[userId] ?? userId;
    process.stdout.write(`\n▶ ${who} types: /trust habits\n`);
    const before = emulator.responses().length;
    await driver.command({ teamId: DEMO_TEAM_ID, userId, channelId: TEAM_CHANNEL_ID, text: 'habits' });
    const reply = await emulator.waitFor(() => emulator.responses()[before], { description: 'habits reply' });
    const body = reply.body as { text?: string; blocks?: unknown[] };
    stage.show(who, 'only visible to you', renderBlocks(body.blocks ?? [], body.text));
  }

  const dms = emulator.dmsTo(KARI_ID).length;
  process.stdout.write('\n▶ Kari types: /trust checkin\n');
  await driver.command({
    teamId: DEMO_TEAM_ID,
    userId: KARI_ID,
    channelId: TEAM_CHANNEL_ID,
    text: 'checkin',
  });
  await app.outbox.idle();
  const checkin = await emulator.waitFor(() => emulator.dmsTo(KARI_ID)[dms], {
    description: 'Kari’s check-in',
  });
  stage.show('Kari', 'DM', renderBlocks(checkin.blocks, checkin.text));

  const week = /\d{4}-W\d{2}/.exec(checkin.text)?.[0] ?? '';
  process.stdout.write('\n▶ Kari answers the reflection: Ofte\n');
  await driver.blockAction({
    teamId: DEMO_TEAM_ID,
    userId: KARI_ID,
    actionId: habitActionIds.reflectOften,
    blockId: habitBlockIds.reflection,
    value: JSON.stringify({ w: week }),
    container: { type: 'message', channelId: checkin.channel, messageTs: checkin.ts },
  });
  const updated = await emulator.waitFor(() => {
    const message = emulator.message(checkin.channel, checkin.ts);
    return JSON.stringify(message?.blocks).includes('Svaret ditt') ? message : undefined;
  });
  stage.show('Kari', 'the same DM, updated in place', renderBlocks(updated.blocks, updated.text));

  // Each nudge was scheduled when the person's profile was saved; it goes at their Wednesday 14:00.
  const now = new Date();
  await runTick(app.scheduler, now);
  const due = await app.database.db
    .selectFrom('habit_nudge_schedules')
    .select(['user_id', 'next_due_at'])
    .where('user_id', 'in', [ALICE_ID, KARI_ID])
    .execute();
  const at = Math.max(...due.map((row) => row.next_due_at?.getTime() ?? now.getTime()));
  process.stdout.write(
    `\n▶ The scheduler ticks at ${new Date(at).toISOString()} (Wednesday 14:00 in Oslo)\n`,
  );
  await runTick(app.scheduler, new Date(at));
  await app.outbox.idle();
  for (const userId of [ALICE_ID, KARI_ID]) {
    const nudge = await emulator.waitFor(
      () => emulator.dmsTo(userId).find((m) => m.text.includes('Mid-week') || m.text.includes('midt i uken')),
      { description: 'nudge' },
    );
    stage.show(names[userId] ?? userId, 'DM', renderBlocks(nudge.blocks, nudge.text));
  }
}
