import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandReply } from '../../support/command-reply.ts';
import { freePort } from '../../support/free-port.ts';
import { SlackDriver } from '../../support/slack-emulator/slack-driver.ts';
import { ALICE_ID, DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { SlackEmulator } from '../../support/slack-emulator/slack-emulator.ts';
import { urlWithSearchPath } from '../../support/tick-harness.ts';
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../../support/test-database.ts';

// What we ship, started as the Dockerfile starts it: `npm run build` (here through the `prestart`
// check, which builds only when dist/ is missing or stale), then a copy holding only what the
// runtime image holds (package.json, the lockfile, dist/, manifest.yml, scripts/) with production
// dependencies installed from the local npm cache, then `node dist/src/cli/migrate.js` and
// `node dist/src/main.js` with nothing from the repository's node_modules (no tsx, no TypeScript).

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SIGNING_SECRET = 'built-app-signing-secret-0123456789';
const START = ['--enable-source-maps', 'dist/src/main.js'];

let install: string;
let emulator: SlackEmulator;
let database: TestDatabase | undefined;
let dataDir: string;

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 150_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

beforeAll(async () => {
  run(process.execPath, ['scripts/ensure-built.js'], ROOT, {
    npm_execpath: process.env.npm_execpath ?? '',
  });
  install = mkdtempSync(join(tmpdir(), 'trust-habits-built-'));
  for (const path of ['package.json', 'package-lock.json', 'manifest.yml', 'dist', 'scripts']) {
    cpSync(join(ROOT, path), join(install, path), { recursive: true });
  }
  run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--offline', '--no-audit', '--no-fund'], install);
  emulator = await SlackEmulator.start();
  emulator.seedDemoWorkspace();
  dataDir = mkdtempSync(join(tmpdir(), 'trust-habits-built-data-'));
  if (testDatabaseUrl) database = await createTestDatabase();
}, 180_000);

afterAll(async () => {
  await database?.close();
  await emulator?.close();
  for (const dir of [install, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

function appEnv(port: number): Record<string, string> {
  const backend: Record<string, string> = database?.schema
    ? {
        DATABASE_URL: urlWithSearchPath(testDatabaseUrl ?? '', database.schema),
        PULSE_SECRET: 'built-app-pulse-secret-0123456789abcdef',
      }
    : {};
  return {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: emulator.botToken(DEMO_TEAM_ID),
    SLACK_API_URL: emulator.apiUrl,
    DATA_DIR: dataDir,
    PORT: String(port),
    METRICS_PORT: '0',
    LOG_LEVEL: 'warn',
    ...backend,
  };
}

async function waitHealthy(child: ChildProcess, port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the built app exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the built app was not healthy within 60 s');
}

describe('the built app, installed with production dependencies only', () => {
  it('has neither TypeScript nor tsx in its install', () => {
    const installed = spawnSync('npm', ['ls', '--omit=dev', '--parseable'], {
      cwd: install,
      encoding: 'utf8',
    });
    expect(installed.stdout).toContain('node_modules/@slack/bolt');
    expect(installed.stdout).not.toMatch(/node_modules\/(tsx|typescript|esbuild)\b/);
  });

  it('starts with node dist/src/main.js, is healthy and answers a signed /trust help', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, START, {
      cwd: install,
      env: { PATH: process.env.PATH ?? '', ...appEnv(port) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    try {
      await waitHealthy(child, port);
      const driver = new SlackDriver({
        appUrl: `http://127.0.0.1:${port}/slack/events`,
        signingSecret: SIGNING_SECRET,
        emulator,
      });
      const before = emulator.responses().length;
      const ack = await driver.command({
        teamId: DEMO_TEAM_ID,
        userId: ALICE_ID,
        channelId: TEAM_CHANNEL_ID,
        text: 'help',
      });
      expect(ack.status).toBe(200);
      const reply = await commandReply(emulator, ack, before);
      expect(JSON.stringify(reply.body)).toContain('/trust promise @person');
    } finally {
      // An app that already exited (a refused configuration) has no exit event left to wait for.
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      }
    }
    expect(stderr).not.toMatch(/error/i);
  }, 120_000);

  // Opening a fresh embedded database takes seconds, so on PGlite the production forms of migrate
  // and tick are checked as far as their argument and configuration checks (the compiled entry
  // loads and runs); on PostgreSQL they migrate and tick for real.
  it('runs the production migrate and tick commands', () => {
    if (!database) {
      const migrate = spawnSync(process.execPath, ['dist/src/cli/migrate.js'], {
        cwd: install,
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'loud' },
        encoding: 'utf8',
      });
      expect(migrate.status).toBe(78);
      expect(migrate.stderr).toContain('LOG_LEVEL');
      const tick = spawnSync(process.execPath, ['dist/src/cli/tick.js', '--at', 'soon'], {
        cwd: install,
        env: { PATH: process.env.PATH ?? '' },
        encoding: 'utf8',
      });
      expect(tick.status).toBe(64);
      expect(tick.stderr).toContain('Usage: npm run tick');
      return;
    }
    const migrate = run(process.execPath, ['dist/src/cli/migrate.js'], install, appEnv(0));
    expect(migrate.stderr).toBe('');
    const tick = run(
      process.execPath,
      ['dist/src/cli/tick.js', '--at', '2027-03-01T09:00:00Z'],
      install,
      appEnv(0),
    );
    // The summary is the last thing printed, after any log lines.
    const summary = tick.stdout.slice(tick.stdout.lastIndexOf('\n{\n') + 1);
    expect(JSON.parse(summary)).toMatchObject({ leader: true });
  }, 120_000);

  it('reads the OAuth scopes from manifest.yml at the package root, not beside the module', () => {
    const script = `import('./dist/src/slack/install/manifest-scopes.js').then((m) => console.log(m.manifestBotScopes().join(' ')))`;
    const result = run(process.execPath, ['--input-type=module', '-e', script], install);
    expect(result.stdout).toContain('chat:write');
  }, 60_000);

  it('is started by the Dockerfile exactly as npm start starts it', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(pkg.scripts.start).toBe(`node ${START.join(' ')}`);
    expect(dockerfile).toContain(`CMD ["node", ${START.map((a) => `"${a}"`).join(', ')}]`);
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(dockerfile).toContain('RUN npm run build');
  });
});
