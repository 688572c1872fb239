import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openPostgres } from '../../src/persistence/database.ts';
import { DEMO_TEAM_ID } from './slack-emulator/seed.ts';
import { SlackEmulator } from './slack-emulator/slack-emulator.ts';
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from './test-database.ts';

/** The same database URL with `search_path` set by the server at connect (`options=-c …`). */
export function urlWithSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema},public`);
  return parsed.toString();
}

export interface TickHarness {
  database: TestDatabase;
  emulator: SlackEmulator;
  /** Environment for `npm run tick` child processes: this file's schema, the emulator. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * For tests that run `npm run tick` as separate processes on real PostgreSQL (TEST_DATABASE_URL):
 * a fresh schema, an emulator in the test process, and the environment that points a child at both.
 */
export async function openTickHarness(pacing: {
  ratePerSecond: number;
  burst: number;
}): Promise<TickHarness> {
  if (!testDatabaseUrl) throw new Error('openTickHarness needs TEST_DATABASE_URL');
  const emulator = await SlackEmulator.start();
  emulator.seedDemoWorkspace();
  const database = await createTestDatabase();
  const schema = database.schema ?? '';
  const url = urlWithSearchPath(testDatabaseUrl, schema);
  // A child process only gets the URL: make sure PostgreSQL puts it in this schema.
  const probe = openPostgres({ url, maxConnections: 1 });
  const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(probe.db);
  await probe.close();
  if (current.rows[0]?.schema !== schema) {
    throw new Error(`options=-c search_path did not select ${schema} (got ${current.rows[0]?.schema})`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'trust-habits-tick-'));
  return {
    database,
    emulator,
    env: {
      DATABASE_URL: url,
      PULSE_SECRET: 'multi-instance-pulse-secret-0123456789',
      SLACK_BOT_TOKEN: emulator.botToken(DEMO_TEAM_ID),
      SLACK_API_URL: emulator.apiUrl,
      DATA_DIR: dataDir,
      SEND_RATE_PER_SECOND: String(pacing.ratePerSecond),
      SEND_BURST: String(pacing.burst),
      LOG_LEVEL: 'error',
    },
    async close() {
      await database.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
