import { startApp } from '../../src/app.ts';
import { parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import type { DatabaseHandle } from '../../src/persistence/database.ts';
import type { SlackEmulator } from '../../test/support/slack-emulator/slack-emulator.ts';
import {
  ALICE_ID,
  DEMO_APP_ID,
  DEMO_TEAM_ID,
  TEAM_CHANNEL_ID,
  TEAM_CHANNEL_NAME,
} from '../../test/support/slack-emulator/seed.ts';

/** The signing secret every benchmark server is started with. */
export const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';

/** A slash command form body exactly as Slack sends it, with a response_url of its own. */
export function commandBody(emulator: SlackEmulator, text: string): string {
  const team = emulator.workspace(DEMO_TEAM_ID);
  const user = emulator.user(ALICE_ID);
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: team.id,
    team_domain: team.domain,
    channel_id: TEAM_CHANNEL_ID,
    channel_name: TEAM_CHANNEL_NAME,
    user_id: ALICE_ID,
    user_name: user?.name ?? 'alice',
    command: '/trust',
    text,
    api_app_id: DEMO_APP_ID,
    is_enterprise_install: 'false',
    response_url: emulator.createResponseUrl('commands', team.id),
    trigger_id: emulator.issueTriggerId(team.id, ALICE_ID),
  }).toString();
}

/**
 * The real app as `npm start` composes it, serving Slack requests on a free port against the
 * emulator, on the given database; scheduler off, silent logs.
 */
export function startBenchServer(emulator: SlackEmulator, database: DatabaseHandle, dataDir: string) {
  const { config, secrets } = parseConfig({
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: emulator.botToken(DEMO_TEAM_ID),
    SLACK_API_URL: emulator.apiUrl,
    PORT: '0',
    METRICS_PORT: '0',
    // The ack benchmark queues thousands of answers on purpose: measure that, not the busy reply.
    COMMAND_QUEUE_LIMIT: '1000000',
    DATA_DIR: dataDir,
    PULSE_SECRET: 'bench-pulse-secret-0123456789abcdef',
    SCHEDULER: 'off',
    LOG_LEVEL: 'silent',
  });
  return startApp({ config, secrets, logger: createLogger('silent'), database });
}
