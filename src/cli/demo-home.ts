import { renderView } from '../../test/support/slack-emulator/render.ts';
import { ALICE_ID, DEMO_TEAM_ID } from '../../test/support/slack-emulator/seed.ts';
import type { DemoStage } from './demo-pulse.ts';

// The demo's App Home story: after everything above, a manager's dashboard.

export async function playHomeStory(stage: DemoStage): Promise<void> {
  const { driver, emulator } = stage;
  stage.heading('The App Home dashboard, for a manager');
  await stage.app.slack.home.flush();
  const published = () => emulator.calls('views.publish').filter((c) => c.params.user_id === ALICE_ID).length;
  const before = published();
  process.stdout.write('\n▶ Alice opens the Trust Habits App Home\n');
  await driver.appHomeOpened({ teamId: DEMO_TEAM_ID, userId: ALICE_ID });
  await emulator.waitFor(() => published() > before, { description: "Alice's home" });
  const view = emulator.homeView(ALICE_ID);
  if (view) stage.show('Alice', 'App Home', renderView(emulator.apiView(view.id)));
}
