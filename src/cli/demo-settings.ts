import { renderView } from '../../test/support/slack-emulator/render.ts';
import { BOB_ID, DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../../test/support/slack-emulator/seed.ts';
import { settingsBlockIds as b } from '../slack/ids.ts';
import type { DemoStage } from './demo-pulse.ts';

// The demo's settings story: Bob moves his check-in to his own day, time and zone.

const option = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });

export async function playSettingsStory(stage: DemoStage): Promise<void> {
  const { driver, emulator } = stage;
  stage.heading('Personal settings: Bob chooses his own check-in day, time and time zone');

  process.stdout.write('\n▶ Bob types: /trust settings\n');
  const previous = emulator.views(BOB_ID).at(-1)?.id;
  await driver.command({
    teamId: DEMO_TEAM_ID,
    userId: BOB_ID,
    channelId: TEAM_CHANNEL_ID,
    text: 'settings',
  });
  const modal = await emulator.waitFor(
    () => {
      const top = emulator.views(BOB_ID).at(-1);
      return top && top.id !== previous ? top : undefined;
    },
    { description: 'settings modal' },
  );
  stage.show('Bob', 'modal', renderView(emulator.apiView(modal.id)));

  process.stdout.write(
    '\n▶ Bob picks Friday 09:00 in Europe/London (he is working from London), then Save\n',
  );
  emulator.setViewValues(modal.id, {
    [b.checkinDay]: { [b.checkinDay]: { type: 'static_select', selected_option: option('Friday', '5') } },
    [b.checkinTime]: { [b.checkinTime]: { type: 'timepicker', selected_time: '09:00' } },
    [b.zone]: {
      [b.zone]: { type: 'static_select', selected_option: option('Europe/London', 'Europe/London') },
    },
  });
  const dms = emulator.dmsTo(BOB_ID).length;
  await driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: BOB_ID, viewId: modal.id });
  const saved = await emulator.waitFor(() => emulator.dmsTo(BOB_ID)[dms], { description: 'settings saved' });
  stage.show('Bob', 'DM', saved.text);
}
