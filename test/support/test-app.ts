import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningApp, startApp } from '../../src/app.ts';
import { parseConfig } from '../../src/config.ts';
import type { Clock } from '../../src/domain/clock.ts';
import { createLogger } from '../../src/logger.ts';
import { DEMO_TEAM_ID } from './slack-emulator/seed.ts';
import { SlackDriver } from './slack-emulator/slack-driver.ts';
import { SlackEmulator } from './slack-emulator/slack-emulator.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface TestApp {
  app: RunningApp;
  database: TestDatabase;
  emulator: SlackEmulator;
  driver: SlackDriver;
  /** Stops the app only (the database and emulator stay), to test restarts. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment, e.g. SCHEDULER or SEND_RATE_PER_SECOND. */
  env?: Record<string, string>;
  clock?: Clock;
  /** Point the app at an address where no Slack answers. */
  slackUnreachable?: boolean;
  /** Where the app's JSON log lines go (tests that read the logs); stdout otherwise. */
  logDestination?: { write(line: string): void };
  /** A database the caller opened (e.g. on a PostgreSQL server of its own); closed by close(). */
  database?: TestDatabase;
}

/**
 * The real app (same composition as `npm start`) on a database of its own, talking to a fresh
 * emulator with the demo workspace, and a driver that sends it signed requests.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const emulator = await SlackEmulator.start();
  emulator.seedDemoWorkspace();
  const database = options.database ?? (await createTestDatabase());
  const env = {
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_BOT_TOKEN: emulator.botToken(DEMO_TEAM_ID),
    SLACK_API_URL: options.slackUnreachable ? 'http://127.0.0.1:9/api/' : emulator.apiUrl,
    // The emulator still stands for hooks.slack.com when the Web API is unreachable.
    SLACK_RESPONSE_URL_ORIGIN: emulator.url,
    PORT: '0',
    METRICS_PORT: '0',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'trust-habits-app-')),
    PULSE_SECRET: 'test-pulse-secret-0123456789abcdef',
    SCHEDULER: 'off',
    SEND_RATE_PER_SECOND: '200',
    SEND_BURST: '50',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options.env,
  };
  const { config, secrets } = parseConfig(env);
  const logger = createLogger(config.logLevel, options.logDestination, {
    slackBodies: config.logSlackBodies,
  });
  const boot = () =>
    startApp({ config, secrets, logger, database, ...(options.clock ? { clock: options.clock } : {}) });
  let app = await boot();
  const driverFor = (running: RunningApp) =>
    new SlackDriver({ appUrl: `${running.url}/slack/events`, signingSecret: TEST_SIGNING_SECRET, emulator });
  const harness: TestApp = {
    app,
    database,
    emulator,
    driver: driverFor(app),
    async restart() {
      await app.stop();
      app = await boot();
      harness.app = app;
      harness.driver = driverFor(app);
    },
    async close() {
      await app.stop();
      await database.close();
      await emulator.close();
    },
  };
  return harness;
}
