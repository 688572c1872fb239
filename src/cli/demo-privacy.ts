import { renderBlocks, renderView } from '../../test/support/slack-emulator/render.ts';
import { ALICE_ID, BOB_ID, DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../../test/support/slack-emulator/seed.ts';
import type { DemoStage } from './demo-pulse.ts';

// The demo's data-rights story: Alice exports her data, Bob asks to be forgotten.

export async function playPrivacyStory(stage: DemoStage): Promise<void> {
  const { driver, emulator } = stage;
  stage.heading('Your data: /trust export and /trust forget-me');

  process.stdout.write('\n▶ Alice types: /trust export\n');
  const before = emulator.responses().length;
  await driver.command({
    teamId: DEMO_TEAM_ID,
    userId: ALICE_ID,
    channelId: TEAM_CHANNEL_ID,
    text: 'export',
  });
  const preparing = await emulator.waitFor(() => emulator.responses()[before], { description: 'export ack' });
  stage.show('Alice', 'only visible to you', (preparing.body as { text?: string }).text ?? '');
  const dm = emulator.dmChannelId(ALICE_ID);
  const file = await emulator.waitFor(
    () => emulator.files().find((f) => f.completed && f.channels.includes(dm)),
    { description: 'export file' },
  );
  const summary = emulator
    .messages({ channel: dm })
    .find((m) => m.text.includes('Your data in Trust Habits'));
  if (summary) stage.show('Alice', 'DM', renderBlocks(summary.blocks, summary.text));
  const json = file.bytes?.toString('utf8') ?? '';
  stage.show(
    'Alice',
    'DM (file)',
    `📎 ${file.filename} (${file.length} bytes)\n${json.split('\n').slice(0, 12).join('\n')}\n…`,
  );

  process.stdout.write('\n▶ Bob types: /trust forget-me\n');
  const views = emulator.views(BOB_ID).length;
  await driver.command({
    teamId: DEMO_TEAM_ID,
    userId: BOB_ID,
    channelId: TEAM_CHANNEL_ID,
    text: 'forget-me',
  });
  const modal = await emulator.waitFor(() => emulator.views(BOB_ID)[views], {
    description: 'forget-me modal',
  });
  stage.show('Bob', 'modal', renderView(modal.body));
  process.stdout.write('\n▶ Bob clicks: Delete my data\n');
  await driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: BOB_ID, viewId: modal.id });
  const after = emulator.view(modal.id);
  stage.show('Bob', 'the same modal, updated', renderView(after?.body));
}
