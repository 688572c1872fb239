import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandReply } from '../../test/support/command-reply.ts';
import { renderBlocks, renderView } from '../../test/support/slack-emulator/render.ts';
import {
  ALICE_ID,
  BOB_ID,
  DEMO_TEAM_ID,
  KARI_ID,
  TEAM_CHANNEL_ID,
} from '../../test/support/slack-emulator/seed.ts';
import { SlackDriver } from '../../test/support/slack-emulator/slack-driver.ts';
import { SlackEmulator } from '../../test/support/slack-emulator/slack-emulator.ts';
import { startApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { playPromiseStory } from './demo-promises.ts';
import { playPulseStory } from './demo-pulse.ts';
import { playHabitStory } from './demo-habits.ts';
import { playDigestStory } from './demo-digest.ts';
import { playSettingsStory } from './demo-settings.ts';
import { playHomeStory } from './demo-home.ts';
import { playPrivacyStory } from './demo-privacy.ts';
import { playShortcutStory } from './demo-shortcuts.ts';

// `npm run demo`: the real app on a fresh embedded database, against the local Slack emulator,
// playing a short story as simulated people and printing what each of them sees.

const SIGNING_SECRET = 'demo-signing-secret-0123456789abcdef';
const people: Record<string, string> = { [ALICE_ID]: 'Alice', [BOB_ID]: 'Bob', [KARI_ID]: 'Kari' };

const emulator = await SlackEmulator.start();
emulator.seedDemoWorkspace();
const dataDir = mkdtempSync(join(tmpdir(), 'trust-habits-demo-'));
const { config, secrets } = parseConfig({
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_BOT_TOKEN: emulator.botToken(DEMO_TEAM_ID),
  SLACK_API_URL: emulator.apiUrl,
  DATA_DIR: dataDir,
  PORT: '0',
  METRICS_PORT: '0',
  SCHEDULER: 'off',
  LOG_LEVEL: 'silent',
  // The local emulator is the only workspace: no need to pace sends at Slack's 1 per second.
  SEND_RATE_PER_SECOND: '200',
  SEND_BURST: '50',
});
const app = await startApp({ config, secrets, logger: createLogger('silent') });
const driver = new SlackDriver({
  appUrl: `${app.url}/slack/events`,
  signingSecret: SIGNING_SECRET,
  emulator,
});

function heading(text: string): void {
  process.stdout.write(`\n${'═'.repeat(72)}\n${text}\n${'═'.repeat(72)}\n`);
}

function show(who: string, where: string, rendered: string): void {
  process.stdout.write(`\n┌─ ${who} sees (${where})\n`);
  for (const line of rendered.trimEnd().split('\n')) process.stdout.write(`│ ${line}\n`);
  process.stdout.write('└─\n');
}

async function slash(userId: string, text: string): Promise<void> {
  const who = people[userId] ?? userId;
  process.stdout.write(`\n▶ ${who} types: /trust ${text}\n`);
  const before = emulator.responses().length;
  const response = await driver.command({ teamId: DEMO_TEAM_ID, userId, channelId: TEAM_CHANNEL_ID, text });
  process.stdout.write(`  (Slack got HTTP ${response.status} from the app)\n`);
  const { body } = await commandReply(emulator, response, before);
  show(
    who,
    body.response_type === 'in_channel' ? '#team-rocket' : 'only visible to you',
    renderBlocks(body.blocks ?? [], body.text),
  );
}

async function openHome(userId: string): Promise<void> {
  const who = people[userId] ?? userId;
  process.stdout.write(`\n▶ ${who} opens the Trust Habits App Home\n`);
  await driver.appHomeOpened({ teamId: DEMO_TEAM_ID, userId });
  const view = await emulator.waitFor(() => emulator.homeView(userId), { description: `${who}'s home` });
  show(who, 'App Home', renderView(emulator.apiView(view.id)));
}

try {
  heading('Trust Habits demo — the real app, an embedded database and a local Slack emulator');
  process.stdout.write(
    `Workspace Acme: Alice (English, Oslo), Bob (English, New York), Kari (Norwegian, Oslo)\n`,
  );

  heading('1. Getting help, in each person’s language');
  await slash(ALICE_ID, 'help');
  await slash(KARI_ID, 'help');

  heading('2. A typo gets a friendly pointer to the closest command');
  await slash(BOB_ID, 'promsies');
  await slash(KARI_ID, 'hjelp meg');

  heading('3. The App Home');
  await openHome(KARI_ID);

  await playPulseStory({ app, driver, emulator, heading, show });
  await playPromiseStory({ app, driver, emulator, heading, show });
  await playShortcutStory({ app, driver, emulator, heading, show });
  await playHabitStory({ app, driver, emulator, heading, show });
  await playDigestStory({ app, driver, emulator, heading, show });
  await playSettingsStory({ app, driver, emulator, heading, show });
  await playHomeStory({ app, driver, emulator, heading, show });
  await playPrivacyStory({ app, driver, emulator, heading, show });

  const errors = emulator.issues('error');
  heading(
    `Done: ${emulator.calls().length} Web API calls, ${emulator.responses().length} replies, ${errors.length} Block Kit errors`,
  );
  if (errors.length > 0) process.exitCode = 1;
} finally {
  await app.stop();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
}
