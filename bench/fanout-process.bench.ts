/**
 * `npm run bench -- fanout-process`: the fan-out measured on the app's own process. The app runs as
 * operators run it, `node dist/src/cli/tick.js --at <instant>` (one scheduler pass per minute, a
 * new process each minute until everything is sent), in its own OS process; the Slack emulator and
 * the seeding run in this process, the `/trust help` load client in another, and a request-serving
 * instance (`node dist/src/main.js`, SCHEDULER=off) on the same database answers that load.
 *
 * - PostgreSQL (BENCH_DATABASE_URL, an admin URL; a fresh database per run, dropped afterwards):
 *   N people due at the same minute across W workspaces (OAuth installs, each with its own token
 *   and its own token bucket in the emulator). Reported: the tick process's peak RSS (VmHWM),
 *   check-ins queued per second (outbox rows counted from outside every 50 ms, from the first
 *   committed page to the last), each workspace's send rate against its limit, exactly-once, and
 *   `/trust help` p99 while the fan-out runs.
 * - Instances: the same outbox (pending check-ins) drained by 1, 2 and 4 tick processes at once,
 *   with limits high enough that Slack is not the bound: total send rate and its ratio to one.
 * - Embedded (PGlite in a DATA_DIR): the same fan-out at growing sizes, one process (PGlite has
 *   one writer, so no second instance and no request probe), to find where it stops meeting goals.
 *
 * BENCH_SCALE=small (default) runs a quick pass; BENCH_SCALE=full the issue's sizes.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { type DatabaseHandle, openEmbedded, openPostgres } from '../src/persistence/database.ts';
import { migrateToLatest } from '../src/persistence/migrator.ts';
import { deliveryReport } from '../test/support/checkin-population.ts';
import { freePort } from '../test/support/free-port.ts';
import { SlackEmulator } from '../test/support/slack-emulator/slack-emulator.ts';
import {
  benchScale,
  ensureBuilt,
  exited,
  freshDatabase,
  load1,
  spawnBuilt,
  stop,
  waitHealthy,
  watchPeakRss,
} from './support/app-process.ts';
import {
  atLeast,
  atMost,
  type BenchResult,
  type BenchTarget,
  envInt,
  machineInfo,
} from './support/bench-result.ts';
import { type LoadClient, startLoadClient } from './support/load.ts';
import {
  installWorkspaces,
  oauthEnv,
  seedPendingOutbox,
  seedPeople,
  workspaceId,
} from './support/population.ts';
import { median, percentile, round } from './support/stats.ts';

const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
const PULSE_SECRET = 'bench-pulse-secret-0123456789abcdef';
/** A Monday 09:00 UTC. */
const DUE = new Date('2027-03-01T09:00:00Z');
const MINUTE = 60_000;
const FORM = 'application/x-www-form-urlencoded';

const GOALS = {
  peakRssMib10k: 300,
  peakRssMib100k: 400,
  queuedPerS: 5_000,
  rateShare: 0.95,
  helpP99Ms: 300,
};

interface Settings {
  scale: 'small' | 'full';
  sizes: number[];
  workspaces: number;
  rate: number;
  burst: number;
  appBurst: number;
  instances: number[];
  instancePeople: number;
  instanceRate: number;
  embeddedSizes: number[];
}

function listFromEnv(name: string, fallback: number[]): number[] {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  return raw.split(',').map((v) => {
    const n = Number(v.trim());
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}: ${v} is not a positive whole number`);
    return n;
  });
}

export async function run(): Promise<BenchResult> {
  const scale = benchScale();
  const full = scale === 'full';
  const settings: Settings = {
    scale,
    sizes: listFromEnv('BENCH_FANOUT_SIZES', full ? [10_000, 100_000] : [2_000]),
    workspaces: envInt('BENCH_FANOUT_WORKSPACES', 10),
    rate: envInt('BENCH_FANOUT_RATE', 20),
    burst: envInt('BENCH_FANOUT_BURST', 10),
    appBurst: envInt('BENCH_FANOUT_APP_BURST', 3),
    instances: listFromEnv('BENCH_FANOUT_INSTANCES', full ? [1, 2, 4] : [1, 2]),
    instancePeople: envInt('BENCH_FANOUT_INSTANCE_PEOPLE', full ? 20_000 : 2_000),
    instanceRate: envInt('BENCH_FANOUT_INSTANCE_RATE', 1_000),
    embeddedSizes: listFromEnv('BENCH_FANOUT_EMBEDDED_SIZES', full ? [5_000, 20_000, 50_000] : [1_000]),
  };
  const started = performance.now();
  ensureBuilt();
  const metrics: BenchResult['metrics'] = {
    scale,
    workspaces: settings.workspaces,
    limit_per_workspace_per_s: settings.rate,
    emulator_burst: settings.burst,
    app_burst: settings.appBurst,
    load1_at_start: load1(),
  };
  const ratios: Record<string, number> = {};
  const targets: Record<string, BenchTarget> = {};
  const adminUrl = process.env.BENCH_DATABASE_URL?.trim();
  if (!adminUrl) {
    metrics.postgres =
      'skipped: set BENCH_DATABASE_URL (an admin URL, e.g. postgres://postgres@127.0.0.1:5432/postgres)';
  } else {
    for (const size of settings.sizes) {
      const key = `pg.${size}`;
      const r = await fanout({ settings, size, backend: { kind: 'postgres', adminUrl } });
      Object.assign(metrics, prefixed(key, r.metrics));
      const rssGoal = size <= 10_000 ? GOALS.peakRssMib10k : GOALS.peakRssMib100k;
      ratios[`${key}.peak_rss/goal`] = round(r.peakRssMib / rssGoal);
      ratios[`${key}.queued_per_s/goal`] = round(r.queuedPerS / GOALS.queuedPerS);
      ratios[`${key}.min_workspace_rate/limit`] = r.minRateShare;
      ratios[`${key}.exactly_once/people`] = r.exactlyOnce;
      ratios[`${key}.help_p99/300ms`] = round(r.helpP99Ms / GOALS.helpP99Ms);
      targets[`${size}: peak RSS ≤ ${rssGoal} MiB`] = atMost(ratios, `${key}.peak_rss/goal`, 1);
      targets[`${size}: ≥ 5,000 queued/s`] = atLeast(ratios, `${key}.queued_per_s/goal`, 1);
      targets[`${size}: every workspace ≥ 0.95 of its limit`] = atLeast(
        ratios,
        `${key}.min_workspace_rate/limit`,
        GOALS.rateShare,
      );
      targets[`${size}: exactly once`] = atLeast(ratios, `${key}.exactly_once/people`, 1);
      targets[`${size}: /trust help p99 ≤ 300 ms`] = atMost(ratios, `${key}.help_p99/300ms`, 1);
    }
    const rates = new Map<number, number>();
    for (const instances of settings.instances) {
      const r = await drainWithInstances(settings, adminUrl, instances);
      rates.set(instances, r.ratePerS);
      Object.assign(metrics, prefixed(`instances.${instances}`, r.metrics));
    }
    const one = rates.get(1);
    for (const [instances, rate] of rates) {
      if (instances > 1 && one) ratios[`instances.rate_${instances}/rate_1`] = round(rate / one);
    }
  }
  for (const size of settings.embeddedSizes) {
    const r = await fanout({ settings, size, backend: { kind: 'embedded' } });
    Object.assign(metrics, prefixed(`embedded.${size}`, r.metrics));
    ratios[`embedded.${size}.queued_per_s/goal`] = round(r.queuedPerS / GOALS.queuedPerS);
    ratios[`embedded.${size}.min_workspace_rate/limit`] = r.minRateShare;
    ratios[`embedded.${size}.peak_rss_mib`] = round(r.peakRssMib);
  }
  metrics.load1_at_end = load1();
  metrics.duration_s = round((performance.now() - started) / 1000);
  return { name: 'fanout-process', machine: machineInfo(), metrics, ratios, targets };
}

function prefixed(prefix: string, values: Record<string, number | string>) {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix}.${k}`, v]));
}

type Backend = { kind: 'postgres'; adminUrl: string } | { kind: 'embedded' };

interface Opened {
  env: Record<string, string>;
  handle: () => Promise<DatabaseHandle>;
  cleanup(): Promise<void>;
}

async function openBackend(backend: Backend, label: string): Promise<Opened> {
  if (backend.kind === 'postgres') {
    const database = await freshDatabase(backend.adminUrl, label);
    return {
      env: { DATABASE_URL: database.url, PULSE_SECRET },
      handle: async () => openPostgres({ url: database.url }),
      cleanup: () => database.drop(),
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'trust-habits-fanout-'));
  return {
    env: { DATA_DIR: dataDir, PULSE_SECRET },
    // The app opens `${DATA_DIR}/pglite`, as openDatabase does.
    handle: () => openEmbedded({ dataDir: join(dataDir, 'pglite') }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** Spread `total` people over `workspaces` (the first ones get the remainder). */
function shares(total: number, workspaces: number): number[] {
  return Array.from(
    { length: workspaces },
    (_, w) => Math.floor(total / workspaces) + (w < total % workspaces ? 1 : 0),
  );
}

interface FanoutOutcome {
  metrics: Record<string, number | string>;
  peakRssMib: number;
  queuedPerS: number;
  minRateShare: number;
  exactlyOnce: number;
  helpP99Ms: number;
}

async function fanout(input: { settings: Settings; size: number; backend: Backend }): Promise<FanoutOutcome> {
  const { settings, size, backend } = input;
  const label = `${backend.kind} ${size}`;
  const emulator = await SlackEmulator.start();
  const opened = await openBackend(backend, 'fanout');
  const children: ChildProcess[] = [];
  let loadClient: LoadClient | undefined;
  try {
    // ---- seed (this process), then close: PGlite allows one process at a time ----
    const seedStarted = performance.now();
    const people: string[] = [];
    {
      const db = await opened.handle();
      await migrateToLatest(db.db);
      await installWorkspaces(db.db, emulator, settings.workspaces);
      const perWorkspace = shares(size, settings.workspaces);
      for (const [w, count] of perWorkspace.entries()) {
        people.push(
          ...(await seedPeople(db.db, {
            workspace: w,
            from: 0,
            to: count,
            dueAt: DUE,
            profileFetchedAt: new Date(),
            emulator,
          })),
        );
      }
      await sql`analyze`.execute(db.db);
      await db.close();
    }
    const seedS = (performance.now() - seedStarted) / 1000;
    log(`${label}: ${size} people in ${settings.workspaces} workspaces seeded in ${seedS.toFixed(1)} s`);

    const env = {
      ...opened.env,
      ...oauthEnv(),
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: emulator.apiUrl,
      SEND_RATE_PER_SECOND: String(settings.rate),
      SEND_BURST: String(settings.appBurst),
      LOG_LEVEL: 'error',
    };

    // Other jobs' first pass over new people (backfills) at the minute before: the fan-out minute
    // then measures the check-ins, as every week after the first.
    const warm = spawnBuilt('cli/tick', ['--at', new Date(DUE.getTime() - MINUTE).toISOString()], env);
    const warmStarted = performance.now();
    const warmExit = await exited(warm);
    if (warmExit.code !== 0) throw new Error(`${label}: warm-up tick exited ${warmExit.code}`);
    const warmS = (performance.now() - warmStarted) / 1000;
    log(`${label}: warm-up tick (every job, nobody due) ${warmS.toFixed(1)} s`);

    // ---- request-serving instance and its probe (PostgreSQL only) ----
    let probe: ReturnType<typeof probeHelp> | undefined;
    if (backend.kind === 'postgres') {
      const port = await freePort();
      const server = spawnBuilt('main', [], { ...env, PORT: String(port), SCHEDULER: 'off' });
      children.push(server);
      await waitHealthy(server, port);
      loadClient = await startLoadClient();
      const url = `http://127.0.0.1:${port}/slack/events`;
      const asker = people[0] ?? '';
      // The asker becomes known to the instance (help then answers in the ack).
      await loadClient.run({
        url,
        signingSecret: SIGNING_SECRET,
        contentType: FORM,
        bodies: Array.from({ length: 20 }, () => helpBody(emulator, workspaceId(0), asker)),
        concurrency: 1,
      });
      probe = probeHelp(loadClient, emulator, url, asker);
    }
    emulator.reset();
    emulator.rateLimit({ method: 'chat.postMessage', perSecond: settings.rate, burst: settings.burst });

    // ---- the fan-out: one tick process per minute until every DM is out ----
    const counter = backend.kind === 'postgres' ? await opened.handle() : undefined;
    const queue = counter ? watchQueue(counter, size) : undefined;
    const loadDuring: number[] = [];
    let peakRssMib = 0;
    let ticks = 0;
    const fanoutStarted = Date.now();
    const delivered = () => emulator.calls('chat.postMessage').filter((c) => c.status === 200).length;
    let firstTickS = 0;
    for (let minute = 0; delivered() < size && minute < 60; minute += 1) {
      const tick = spawnBuilt(
        'cli/tick',
        ['--at', new Date(DUE.getTime() + minute * MINUTE).toISOString()],
        env,
      );
      const rss = watchPeakRss(tick);
      const loadTimer = setInterval(() => loadDuring.push(load1()), 5_000);
      const exit = await exited(tick);
      clearInterval(loadTimer);
      rss.stop();
      peakRssMib = Math.max(peakRssMib, rss.peakMib());
      ticks += 1;
      if (minute === 0) {
        firstTickS = (Date.now() - fanoutStarted) / 1000;
        log(`${label}: first tick ${firstTickS.toFixed(1)} s, peak RSS ${rss.peakMib().toFixed(0)} MiB`);
      }
      if (exit.code !== 0) throw new Error(`${label}: tick at minute ${minute} exited ${exit.code}`);
    }
    const helpMs = probe ? await probe.stop() : [];
    const queued = queue ? await queue.stop() : undefined;
    await counter?.close();

    // ---- what Slack saw ----
    const calls = emulator.calls('chat.postMessage');
    const ok = calls.filter((c) => c.status === 200);
    const limited = calls.length - ok.length;
    const shareByWorkspace: number[] = [];
    for (let w = 0; w < settings.workspaces; w += 1) {
      const times = ok.filter((c) => c.teamId === workspaceId(w)).map((c) => c.at);
      if (times.length < 2) continue;
      const windowS = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
      shareByWorkspace.push(times.length / (settings.burst + settings.rate * windowS));
    }
    const report = deliveryReport(emulator, people);
    const minShare = round(Math.min(...shareByWorkspace));
    const queuedPerS = queued?.perS ?? Number.NaN;
    const helpP99 = percentile(helpMs, 99);
    log(
      `${label}: ${ticks} tick process(es), peak RSS ${peakRssMib.toFixed(0)} MiB, ` +
        `${queued ? `${Math.round(queuedPerS)} queued/s, ` : ''}${ok.length} DMs, ${limited} × 429, ` +
        `workspace rate/limit min ${minShare}, ${report.extraMessages} duplicates, ${report.missing.length} lost` +
        (helpMs.length ? `, help p99 ${helpP99.toFixed(1)} ms (${helpMs.length})` : ''),
    );
    return {
      peakRssMib,
      queuedPerS,
      minRateShare: minShare,
      exactlyOnce: round(report.once / size),
      helpP99Ms: helpP99,
      metrics: {
        people: size,
        seed_s: round(seedS),
        warmup_tick_s: round(warmS),
        tick_processes: ticks,
        first_tick_s: round(firstTickS),
        peak_rss_mib: round(peakRssMib),
        ...(queued
          ? {
              queued_per_s: Math.round(queuedPerS),
              queue_first_row_ms: queued.firstRowMs,
              queue_all_rows_ms: queued.allRowsMs,
            }
          : {}),
        total_s: round((Date.now() - fanoutStarted) / 1000),
        delivered: ok.length,
        rate_limited_429: limited,
        workspace_rate_share_min: minShare,
        workspace_rate_share_median: round(median(shareByWorkspace)),
        duplicates: report.extraMessages,
        lost: report.missing.length,
        ...(helpMs.length
          ? {
              help_acks: helpMs.length,
              help_p50_ms: round(percentile(helpMs, 50)),
              help_p99_ms: round(helpP99),
            }
          : {}),
        load1_median_during: round(median(loadDuring)),
      },
    };
  } finally {
    loadClient?.close();
    for (const child of children) await stop(child);
    await emulator.close();
    await opened.cleanup();
  }
}

/** Counts queued check-ins every 50 ms from outside the app (PostgreSQL). */
function watchQueue(db: DatabaseHandle, expected: number) {
  const started = performance.now();
  let firstRowMs: number | undefined;
  let firstRows = 0;
  let allRowsMs: number | undefined;
  let running = true;
  const loop = (async () => {
    while (running && allRowsMs === undefined) {
      const row = await sql<{
        n: number;
      }>`select count(*)::int as n from outbox where kind = 'checkin'`.execute(db.db);
      const n = row.rows[0]?.n ?? 0;
      const at = performance.now() - started;
      if (n > 0 && firstRowMs === undefined) {
        firstRowMs = at;
        firstRows = n;
      }
      if (n >= expected) allRowsMs = at;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const first = firstRowMs ?? Number.NaN;
      const all = allRowsMs ?? Number.NaN;
      return {
        firstRowMs: Math.round(first),
        allRowsMs: Math.round(all),
        // From the first committed page to the last: the queueing itself, without process start.
        perS: all > first ? ((expected - firstRows) / (all - first)) * 1000 : Number.NaN,
      };
    },
  };
}

/**
 * The same outbox of pending check-ins drained by `instances` tick processes at once, with the
 * emulator's limits far above what the processes can send: the total send rate they reach.
 */
async function drainWithInstances(settings: Settings, adminUrl: string, instances: number) {
  const emulator = await SlackEmulator.start();
  const database = await freshDatabase(adminUrl, 'instances');
  try {
    const db = openPostgres({ url: database.url });
    await migrateToLatest(db.db);
    await installWorkspaces(db.db, emulator, settings.workspaces);
    const people: string[] = [];
    const later = new Date(DUE.getTime() + 3 * 24 * 60 * MINUTE);
    for (const [w, count] of shares(settings.instancePeople, settings.workspaces).entries()) {
      const ids = await seedPeople(db.db, {
        workspace: w,
        from: 0,
        to: count,
        dueAt: later,
        profileFetchedAt: new Date(),
        emulator,
      });
      people.push(...ids);
    }
    const env = {
      DATABASE_URL: database.url,
      PULSE_SECRET,
      ...oauthEnv(),
      SLACK_API_URL: emulator.apiUrl,
      SEND_RATE_PER_SECOND: String(settings.instanceRate),
      SEND_BURST: String(settings.appBurst),
      LOG_LEVEL: 'error',
    };
    // Every job's first pass over the new people, before the outbox fills.
    await exited(spawnBuilt('cli/tick', ['--at', new Date(DUE.getTime() - MINUTE).toISOString()], env));
    let offset = 0;
    for (const [w, count] of shares(settings.instancePeople, settings.workspaces).entries()) {
      await seedPendingOutbox(db.db, w, people.slice(offset, offset + count), '2027-W09');
      offset += count;
    }
    await sql`analyze`.execute(db.db);
    await db.close();
    emulator.reset();
    emulator.rateLimit({
      method: 'chat.postMessage',
      perSecond: settings.instanceRate,
      burst: settings.instanceRate,
    });
    const loadBefore = load1();
    const ticks = Array.from({ length: instances }, () =>
      spawnBuilt('cli/tick', ['--at', DUE.toISOString()], env),
    );
    const exits = await Promise.all(ticks.map(exited));
    if (exits.some((e) => e.code !== 0)) throw new Error(`instances ${instances}: a tick process failed`);
    const ok = emulator.calls('chat.postMessage').filter((c) => c.status === 200);
    const windowS = ((ok.at(-1)?.at ?? 0) - (ok[0]?.at ?? 0)) / 1000;
    const ratePerS = windowS > 0 ? (ok.length - 1) / windowS : Number.NaN;
    const report = deliveryReport(emulator, people);
    log(
      `${instances} instance(s): ${ok.length} DMs in ${windowS.toFixed(1)} s = ${ratePerS.toFixed(0)}/s, ` +
        `${report.extraMessages} duplicates, ${report.missing.length} lost (load ${loadBefore})`,
    );
    return {
      ratePerS,
      metrics: {
        messages: settings.instancePeople,
        delivered: ok.length,
        send_window_s: round(windowS),
        total_rate_per_s: round(ratePerS),
        duplicates: report.extraMessages,
        lost: report.missing.length,
        load1_before: loadBefore,
      },
    };
  } finally {
    await emulator.close();
    await database.drop();
  }
}

/** A `/trust help` slash command body as Slack sends it, from `userId` in `teamId`. */
function helpBody(emulator: SlackEmulator, teamId: string, userId: string): string {
  const team = emulator.workspace(teamId);
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: team.id,
    team_domain: team.domain,
    channel_id: emulator.dmChannelId(userId),
    channel_name: 'directmessage',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/trust',
    text: 'help',
    api_app_id: team.appId,
    is_enterprise_install: 'false',
    response_url: emulator.createResponseUrl('commands', team.id),
    trigger_id: emulator.issueTriggerId(team.id, userId),
  }).toString();
}

/** Batches of 10 `/trust help`, one at a time, every 250 ms until stopped; resolves with the latencies. */
function probeHelp(client: LoadClient, emulator: SlackEmulator, url: string, userId: string) {
  let running = true;
  const latencies = (async () => {
    const all: number[] = [];
    while (running) {
      const outcome = await client.run({
        url,
        signingSecret: SIGNING_SECRET,
        contentType: FORM,
        bodies: Array.from({ length: 10 }, () => helpBody(emulator, workspaceId(0), userId)),
        concurrency: 1,
      });
      if (outcome.failures > 0 || (outcome.statuses['200'] ?? 0) !== 10)
        throw new Error(`help probe: ${JSON.stringify(outcome.statuses)}, ${outcome.failures} failures`);
      all.push(...outcome.latenciesMs);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return all;
  })();
  return {
    async stop() {
      running = false;
      return latencies;
    },
  };
}

const benchStarted = performance.now();
function log(line: string): void {
  const at = ((performance.now() - benchStarted) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`  fanout-process [${at} s]: ${line} (load ${load1()})\n`);
}
