/**
 * `npm run bench -- startup`: how long `npm start` takes from process spawn to `/healthz` 200, on a
 * fresh embedded database (PGlite: initdb + every migration) and again on the same data (a
 * restart), and the same on PostgreSQL when BENCH_DATABASE_URL is set (a fresh database, then a
 * restart). The app runs as operators run it: the compiled build, `node dist/src/main.js` (built
 * first when dist/ is missing or stale), in its own process, against the local Slack emulator.
 * Memory at idle: the process's resident set (VmRSS in /proc) 2 s after it became healthy.
 *
 * Ratios: restart / cold start per backend; on PostgreSQL also its cold start / PGlite's.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEMO_TEAM_ID } from '../test/support/slack-emulator/seed.ts';
import { SlackEmulator } from '../test/support/slack-emulator/slack-emulator.ts';
import type { BenchResult } from './support/bench-result.ts';
import { envInt, machineInfo } from './support/bench-result.ts';
import { SIGNING_SECRET } from './support/slack-command.ts';
import { median, round } from './support/stats.ts';
import { freePort } from '../test/support/free-port.ts';
import { ensureBuilt, load1, procStatusKb } from './support/app-process.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HEALTH_TIMEOUT_MS = 120_000;
/** How long after healthy the idle resident set is read. */
const IDLE_SETTLE_MS = 2_000;

export async function run(): Promise<BenchResult> {
  const rounds = envInt('BENCH_STARTUP_ROUNDS', 3);
  const started = performance.now();
  ensureBuilt();
  const emulator = await SlackEmulator.start();
  emulator.seedDemoWorkspace();
  const metrics: BenchResult['metrics'] = {
    rounds,
    aggregate: 'median over rounds',
    command: 'node --enable-source-maps dist/src/main.js',
    load1_at_start: load1(),
  };
  const ratios: Record<string, number> = {};
  try {
    const embedded = await measure(
      rounds,
      async () => {
        const dataDir = mkdtempSync(join(tmpdir(), 'trust-habits-startup-'));
        return {
          env: { DATA_DIR: dataDir },
          cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
        };
      },
      emulator,
    );
    metrics['embedded.cold_ms'] = embedded.coldMs;
    metrics['embedded.restart_ms'] = embedded.restartMs;
    metrics['embedded.idle_rss_mib'] = embedded.idleRssMib;
    ratios['embedded.restart/cold'] = round(embedded.restartMs / embedded.coldMs);

    const url = process.env.BENCH_DATABASE_URL?.trim();
    if (url) {
      const postgres = await measure(rounds, () => freshPostgresDatabase(url), emulator);
      metrics['postgres.cold_ms'] = postgres.coldMs;
      metrics['postgres.restart_ms'] = postgres.restartMs;
      metrics['postgres.idle_rss_mib'] = postgres.idleRssMib;
      ratios['postgres.restart/cold'] = round(postgres.restartMs / postgres.coldMs);
      ratios['postgres.cold/embedded.cold'] = round(postgres.coldMs / embedded.coldMs);
    } else {
      metrics.postgres = 'skipped: set BENCH_DATABASE_URL';
    }
  } finally {
    await emulator.close();
  }
  metrics.load1_at_end = load1();
  metrics.duration_s = round((performance.now() - started) / 1000);
  return { name: 'startup', machine: machineInfo(), metrics, ratios, targets: {} };
}

interface Backend {
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

async function measure(rounds: number, backend: () => Promise<Backend>, emulator: SlackEmulator) {
  const cold: number[] = [];
  const restart: number[] = [];
  const idleRss: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const { env, cleanup } = await backend();
    try {
      cold.push((await startUntilHealthy(env, emulator)).ms);
      const again = await startUntilHealthy(env, emulator);
      restart.push(again.ms);
      idleRss.push(again.idleRssMib);
    } finally {
      await cleanup();
    }
  }
  log(
    `cold ${cold.map((ms) => ms.toFixed(0)).join(' / ')} ms, restart ${restart.map((ms) => ms.toFixed(0)).join(' / ')} ms`,
  );
  return {
    coldMs: round(median(cold)),
    restartMs: round(median(restart)),
    idleRssMib: round(median(idleRss)),
  };
}

/**
 * Spawns the built app, polls /healthz every 20 ms, reads its resident set after it has idled for
 * IDLE_SETTLE_MS, stops it; returns ms to healthy and the idle RSS.
 */
async function startUntilHealthy(
  env: Record<string, string>,
  emulator: SlackEmulator,
): Promise<{ ms: number; idleRssMib: number }> {
  const port = await freePort();
  const spawned = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', 'dist/src/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: emulator.botToken(DEMO_TEAM_ID),
      SLACK_API_URL: emulator.apiUrl,
      PULSE_SECRET: 'bench-pulse-secret-0123456789abcdef',
      PORT: String(port),
      METRICS_PORT: '0',
      SCHEDULER: 'off',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const deadline = spawned + HEALTH_TIMEOUT_MS;
    while (performance.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`the app exited with ${child.exitCode} before it was healthy`);
      const healthy = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (healthy) {
        const ms = performance.now() - spawned;
        await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
        const kb = child.pid === undefined ? undefined : procStatusKb(child.pid, 'VmRSS');
        return { ms, idleRssMib: kb === undefined ? Number.NaN : kb / 1024 };
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the app was not healthy within 2 minutes');
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  }
}

async function freshPostgresDatabase(url: string): Promise<Backend> {
  const name = `th_startup_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: target.toString() },
    async cleanup() {
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}

function log(message: string): void {
  console.log(`  startup: ${message}`);
}
