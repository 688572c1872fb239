/**
 * `npm run bench -- fanout`: a whole workspace's weekly check-ins due at the same instant, sent
 * through the outbox against the Slack emulator enforcing a chat.postMessage rate limit, and the
 * cost of a scheduler tick when nothing is due over a large population.
 *
 * The app runs as `npm run tick` does (buildSchedulerDeps + runTick with waitForRetries), in this
 * process with the emulator, on in-memory PGlite (or PostgreSQL at BENCH_DATABASE_URL). Ticks run
 * the check-ins job only, unless BENCH_FANOUT_ALL_JOBS=1 (other features' jobs backfill their own
 * state for every new person on their first tick, which takes minutes at 100k people). People are
 * written in bulk into `users` and `checkin_schedules`, as the app keeps them.
 *
 * - Rate: the emulator admits R messages/s with bursts of B (a token bucket per workspace, answering
 *   429 + Retry-After beyond it); the app paces at the same R. The ratio is the DMs delivered
 *   between the first and the last delivery over what the limit admits in that window (B + R·s).
 * - Exactly once: every person's DM channel is counted in the emulator (duplicates, lost).
 * - Interactive: while the fan-out runs, the same process also serves HTTP (as an instance does)
 *   and a load client in another process sends signed `/trust help` commands, ~10 every 250 ms;
 *   their ack latency p50/p99 is reported.
 * - Idle tick: runTick at instants where nobody is due, with BENCH_FANOUT_IDLE_SCHEDULES schedules
 *   (the fan-out's people, due next week, plus the rest due later), after ANALYZE.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildSchedulerDeps } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { createMetrics } from '../src/metrics.ts';
import type { Db } from '../src/persistence/database.ts';
import { runTick } from '../src/scheduler/scheduler.ts';
import { deliveryReport, outboxStatusCounts, seedDuePeople } from '../test/support/checkin-population.ts';
import { DEMO_TEAM_ID } from '../test/support/slack-emulator/seed.ts';
import { SlackEmulator } from '../test/support/slack-emulator/slack-emulator.ts';
import { openBenchDatabase } from './support/bench-database.ts';
import { type LoadClient, startLoadClient } from './support/load.ts';
import { commandBody, SIGNING_SECRET, startBenchServer } from './support/slack-command.ts';
import { atLeast, atMost, type BenchResult, envInt, machineInfo } from './support/bench-result.ts';
import { median, percentile, round } from './support/stats.ts';

/** Share of the allowed send rate the fan-out must reach. */
const RATE_TARGET = 0.95;
/** `/trust help` acks while the fan-out runs: p99 must stay under this. */
const INTERACTIVE_P99_TARGET_MS = 300;
/** A Monday 09:00 UTC: everybody's check-in. */
const DUE = new Date('2027-03-01T09:00:00Z');
const HOUR = 60 * 60_000;
const PROFILES_FETCHED_AT = new Date(DUE.getTime() - HOUR);
const MIB = 1024 * 1024;

interface Settings {
  people: number;
  rate: number;
  burst: number;
  appBurst: number;
  idleSchedules: number;
  idleTicks: number;
  allJobs: boolean;
}

export async function run(): Promise<BenchResult> {
  const settings: Settings = {
    people: envInt('BENCH_FANOUT_PEOPLE', 10_000),
    rate: envInt('BENCH_FANOUT_RATE', 100),
    burst: envInt('BENCH_FANOUT_BURST', 10),
    appBurst: envInt('BENCH_FANOUT_APP_BURST', 3),
    idleSchedules: envInt('BENCH_FANOUT_IDLE_SCHEDULES', 100_000),
    idleTicks: envInt('BENCH_FANOUT_IDLE_TICKS', 9),
    allJobs: process.env.BENCH_FANOUT_ALL_JOBS === '1',
  };
  const started = performance.now();
  const emulator = await SlackEmulator.start();
  emulator.seedDemoWorkspace();
  const database = await openBenchDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'trust-habits-bench-'));
  const rss = startRssSampler();
  let stopServer: () => Promise<void> = async () => {};
  let closeLoadClient: () => void = () => {};
  try {
    const { config, secrets } = parseConfig(
      {
        SLACK_BOT_TOKEN: emulator.botToken(DEMO_TEAM_ID),
        SLACK_API_URL: emulator.apiUrl,
        DATA_DIR: dataDir,
        PULSE_SECRET: 'bench-pulse-secret-0123456789abcdef',
        SEND_RATE_PER_SECOND: String(settings.rate),
        SEND_BURST: String(settings.appBurst),
        LOG_LEVEL: 'silent',
      },
      'worker',
    );
    const app = buildSchedulerDeps({
      config,
      secrets,
      logger: createLogger('silent'),
      metrics: createMetrics(),
      db: database.db,
    });
    // The same process serves Slack requests during the fan-out, as every instance does.
    const server = await startBenchServer(emulator, database, dataDir);
    stopServer = () => server.stop();
    const loadClient = await startLoadClient();
    closeLoadClient = () => loadClient.close();
    const slackEventsUrl = `${server.url}/slack/events`;
    // The benchmark's person becomes known (help is then answered in the ack).
    await loadClient.run({
      url: slackEventsUrl,
      signingSecret: SIGNING_SECRET,
      contentType: FORM,
      bodies: Array.from({ length: 20 }, () => commandBody(emulator, 'help')),
      concurrency: 1,
    });

    // The check-in path by default; other features' jobs (and their first-run backfills) on request.
    const deps = settings.allJobs ? app : { ...app, jobs: app.jobs.filter((job) => job.name === 'checkins') };
    log(`jobs in each tick: ${deps.jobs.map((job) => job.name).join(', ')}`);

    // ---- fan-out ----
    const seedStarted = performance.now();
    const people = await seedDuePeople(database.db, {
      workspaceId: DEMO_TEAM_ID,
      prefix: 'F',
      count: settings.people,
      dueAt: DUE,
      // Profiles fetched as of the simulated clock, so the weekly profile refresh has nothing to do.
      profileFetchedAt: PROFILES_FETCHED_AT,
      emulator,
    });
    const seedMs = performance.now() - seedStarted;
    log(`${settings.people} people due at ${DUE.toISOString()} (seeded in ${seedMs.toFixed(0)} ms)`);
    emulator.reset();
    emulator.rateLimit({ method: 'chat.postMessage', perSecond: settings.rate, burst: settings.burst });

    rss.resetPeak();
    const rssBefore = process.memoryUsage.rss();
    const tickStarted = Date.now();
    const probe = probeInteractive(loadClient, emulator, slackEventsUrl);
    const summary = await runTick(deps, DUE, { waitForRetries: true, budgetMs: 10 * 60_000 }).finally(() =>
      probe.stop(),
    );
    const tickEnded = Date.now();
    const interactive = await probe.latencies;
    log(
      `interactive during the fan-out: ${interactive.length} /trust help acks, p50 ` +
        `${percentile(interactive, 50).toFixed(1)} ms, p99 ${percentile(interactive, 99).toFixed(1)} ms`,
    );
    const fanoutPeakRss = rss.peak();

    const calls = emulator.calls('chat.postMessage');
    const delivered = calls.filter((c) => c.status === 200);
    const limited = calls.filter((c) => c.status === 429).length;
    const firstAt = delivered[0]?.at ?? tickStarted;
    const lastAt = delivered.at(-1)?.at ?? tickStarted;
    const windowS = (lastAt - firstAt) / 1000;
    const allowed = settings.burst + settings.rate * windowS;
    const report = deliveryReport(emulator, people);
    const statuses = await outboxStatusCounts(database.db, people);
    const queueMs = (calls[0]?.at ?? tickEnded) - tickStarted;
    log(
      `queued in ${queueMs} ms, then ${delivered.length} DMs in ${windowS.toFixed(1)} s ` +
        `(${((delivered.length - 1) / windowS).toFixed(1)}/s against ${settings.rate}/s allowed), ` +
        `${limited} × 429, ${report.extraMessages} duplicates, ${report.missing.length} lost`,
    );

    // ---- idle tick over many schedules ----
    const extra = Math.max(0, settings.idleSchedules - settings.people);
    const idleSeedStarted = performance.now();
    await seedLaterPeople(database, extra);
    // As autovacuum would have by then: the planner sees the real table sizes.
    await sql`analyze`.execute(database.db);
    const schedules = await database.db
      .selectFrom('checkin_schedules')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    log(
      `${schedules.count} schedules, none due in the next hours (${extra} added in ` +
        `${(performance.now() - idleSeedStarted).toFixed(0)} ms)`,
    );
    const idleMs: number[] = [];
    const slackCallsBefore = emulator.calls().length;
    for (let i = 0; i <= settings.idleTicks; i += 1) {
      const at = new Date(DUE.getTime() + HOUR + i * 60_000);
      const tickStart = performance.now();
      const idle = await runTick(deps, at);
      const ms = performance.now() - tickStart;
      const queued = idle.jobs.checkins?.queued ?? 0;
      if (!idle.leader || queued > 0 || idle.sent.sent > 0) {
        throw new Error(`idle tick at ${at.toISOString()} was not idle: ${JSON.stringify(idle)}`);
      }
      if (i > 0) idleMs.push(ms);
      else
        log(
          `first tick after adding them: ${ms.toFixed(0)} ms (a warm-up, not counted) ${JSON.stringify(idle.jobs)}`,
        );
    }
    const idleSlackCalls = emulator.calls().length - slackCallsBefore;
    // Where an idle tick's time goes: each job on its own, at instants no tick has claimed.
    const jobMs: Record<string, number> = {};
    for (const job of deps.jobs) {
      const samples: number[] = [];
      for (let i = 0; i <= settings.idleTicks; i += 1) {
        const started = performance.now();
        await job.run(new Date(DUE.getTime() + 2 * HOUR + i * 60_000));
        if (i > 0) samples.push(performance.now() - started);
      }
      jobMs[job.name] = median(samples);
    }
    log(
      `idle tick: median ${median(idleMs).toFixed(2)} ms over ${idleMs.length} ticks, ${idleSlackCalls} Slack calls; ` +
        `jobs: ${Object.entries(jobMs)
          .map(([name, ms]) => `${name} ${ms.toFixed(2)} ms`)
          .join(', ')}`,
    );

    const exactlyOnce = report.once;
    const ratios = {
      'send_rate/allowed_rate': round(delivered.length / allowed),
      'exactly_once/people': round(exactlyOnce / settings.people),
      'interactive_p99/target': round(percentile(interactive, 99) / INTERACTIVE_P99_TARGET_MS),
    };
    const metrics: BenchResult['metrics'] = {
      backend: database.label,
      jobs: deps.jobs.map((job) => job.name).join(' '),
      people: settings.people,
      allowed_rate_per_s: settings.rate,
      emulator_burst: settings.burst,
      app_rate_per_s: config.pacing.ratePerSecond,
      app_burst: config.pacing.burst,
      'fanout.queue_ms': queueMs,
      'fanout.send_window_s': round(windowS),
      'fanout.achieved_rate_per_s': round((delivered.length - 1) / windowS),
      'fanout.total_s': round((tickEnded - tickStarted) / 1000),
      'fanout.delivered': delivered.length,
      'fanout.rate_limited_429': limited,
      'fanout.duplicates': report.extraMessages,
      'fanout.lost': report.missing.length,
      'fanout.outbox_sent': statuses.sent,
      'fanout.outbox_unknown': statuses.unknown,
      'fanout.tick_sent': summary.sent.sent,
      'fanout.rate_by_fifth_per_s': ratesByFifth(delivered.map((c) => c.at)).join(' / '),
      'fanout.interactive_acks': interactive.length,
      'fanout.interactive_p50_ms': round(percentile(interactive, 50)),
      'fanout.interactive_p99_ms': round(percentile(interactive, 99)),
      'fanout.rss_before_mib': round(rssBefore / MIB),
      'fanout.peak_rss_mib': round(fanoutPeakRss / MIB),
      'idle.schedules': Number(schedules.count),
      'idle.ticks': idleMs.length,
      'idle.tick_median_ms': round(median(idleMs)),
      'idle.tick_p90_ms': round(percentile(idleMs, 90)),
      'idle.tick_max_ms': round(Math.max(...idleMs)),
      'idle.slack_calls': idleSlackCalls,
      ...Object.fromEntries(Object.entries(jobMs).map(([name, ms]) => [`idle.job.${name}_ms`, round(ms)])),
      'process.peak_rss_mib': round(Math.max(rss.peak(), process.resourceUsage().maxRSS * 1024) / MIB),
      duration_s: round((performance.now() - started) / 1000),
    };
    return {
      name: 'fanout',
      machine: machineInfo(),
      metrics,
      ratios,
      targets: {
        'send rate': atLeast(ratios, 'send_rate/allowed_rate', RATE_TARGET),
        'exactly once': atLeast(ratios, 'exactly_once/people', 1),
        'interactive p99 ≤ 300 ms during the fan-out': atMost(ratios, 'interactive_p99/target', 1),
      },
    };
  } finally {
    rss.stop();
    closeLoadClient();
    await stopServer();
    await database.close();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** People whose check-ins are due from tomorrow on, 1,000 per hour. */
async function seedLaterPeople(database: { db: Db }, count: number) {
  const group = 1_000;
  for (let g = 0; g * group < count; g += 1) {
    await seedDuePeople(database.db, {
      workspaceId: DEMO_TEAM_ID,
      prefix: `L${g}X`,
      count: Math.min(group, count - g * group),
      dueAt: new Date(DUE.getTime() + 24 * HOUR + g * HOUR),
      profileFetchedAt: PROFILES_FETCHED_AT,
    });
  }
}

/** Delivery rate in each fifth of the deliveries: a slowdown as the outbox fills up would show. */
function ratesByFifth(times: number[]): number[] {
  const rates: number[] = [];
  for (let f = 0; f < 5; f += 1) {
    const from = Math.floor((f * (times.length - 1)) / 5);
    const to = Math.floor(((f + 1) * (times.length - 1)) / 5);
    const seconds = ((times[to] ?? 0) - (times[from] ?? 0)) / 1000;
    rates.push(Math.round(seconds > 0 ? (to - from) / seconds : 0));
  }
  return rates;
}

/** Samples the resident set every 50 ms; `peak()` is the largest sample since `resetPeak()`. */
function startRssSampler() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  timer.unref();
  return {
    peak: () => Math.max(peak, process.memoryUsage.rss()),
    resetPeak: () => {
      peak = process.memoryUsage.rss();
    },
    stop: () => clearInterval(timer),
  };
}

const benchStarted = performance.now();

function log(line: string): void {
  const at = ((performance.now() - benchStarted) / 1000).toFixed(1).padStart(5);
  process.stderr.write(`  fanout [${at} s]: ${line}\n`);
}

const FORM = 'application/x-www-form-urlencoded';

/** Sends small batches of `/trust help` until stopped; resolves with every ack latency. */
function probeInteractive(client: LoadClient, emulator: SlackEmulator, url: string) {
  let running = true;
  const latencies = (async () => {
    const all: number[] = [];
    while (running) {
      const outcome = await client.run({
        url,
        signingSecret: SIGNING_SECRET,
        contentType: FORM,
        bodies: Array.from({ length: 10 }, () => commandBody(emulator, 'help')),
        concurrency: 1,
      });
      if (outcome.failures > 0 || (outcome.statuses['200'] ?? 0) !== 10)
        throw new Error(
          `interactive probe: ${JSON.stringify(outcome.statuses)}, ${outcome.failures} failures`,
        );
      all.push(...outcome.latenciesMs);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return all;
  })();
  return {
    latencies,
    stop() {
      running = false;
    },
  };
}
