/**
 * `npm run bench -- ack`: how fast signed slash commands are acknowledged over HTTP, ours against a
 * bare Bolt app with the same receiver type, in one run on this machine.
 *
 * A reference variant, bare Bolt acking with our exact help message in the ack body, separates the
 * cost of the answer itself (serialising and sending ~5 kB) from the cost of our own code (guard,
 * middleware, profile lookup, routing).
 *
 * Every variant gets a warm-up, then `rounds` measured phases of `requests` requests each with
 * `concurrency` in flight. Rounds alternate the variant order (A B C, C B A, …) so drift and CPU
 * noise hit every variant alike; each metric is the median over rounds. Our app answers help in the
 * ack for people it knows (the warm-up makes the benchmark's people known); phases that answer through
 * response_url wait for those answers before the next phase starts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { App, HTTPReceiver, LogLevel, type Middleware, type SlackCommandMiddlewareArgs } from '@slack/bolt';
import { messages } from '../src/i18n/index.ts';
import { openEmbedded } from '../src/persistence/database.ts';
import { buildHelpMessage } from '../src/slack/blocks/help.blocks.ts';
import { BOB_ID, DEMO_TEAM_ID } from '../test/support/slack-emulator/seed.ts';
import { SlackEmulator } from '../test/support/slack-emulator/slack-emulator.ts';
import {
  atLeast,
  atMost,
  type BenchResult,
  type BenchTarget,
  envInt,
  machineInfo,
} from './support/bench-result.ts';
import { openBenchDatabase } from './support/bench-database.ts';
import { type LoadClient, type LoadOutcome, startLoadClient } from './support/load.ts';
import { commandBody, SIGNING_SECRET, startBenchServer } from './support/slack-command.ts';
import { median, percentile, round } from './support/stats.ts';

/** Ours must keep at least this share of bare Bolt's ack throughput for help (answered in the ack). */
const THROUGHPUT_TARGET = 0.7;
/** …and this share for a promise, which is acked at once and then parsed, stored and DMed. */
const PROMISE_THROUGHPUT_TARGET = 0.3;

type ServerKind = 'bare' | 'bare_help' | 'ours';

interface AckVariant {
  /** Prefix of this variant's metrics and ratios. */
  key: string;
  label: string;
  server: ServerKind;
  /** What follows `/trust`. */
  text: string;
  /** response_url posts the server makes per request; drained before the next phase. */
  answers: number;
  /** Minimum throughput ratio against the baseline; without one the ratio is only reported. */
  target?: number;
}

/** The first entry is the baseline; every other variant is compared with it. One line per variant. */
// biome-ignore format: one variant per line
const VARIANTS: ReadonlyArray<AckVariant> = [
  { key: 'bare', label: 'bare Bolt: ack', server: 'bare', text: 'help', answers: 0 },
  { key: 'bare_help', label: 'bare Bolt: ack with help', server: 'bare_help', text: 'help', answers: 0 },
  { key: 'ours_help', label: 'ours /trust help', server: 'ours', text: 'help', answers: 0, target: THROUGHPUT_TARGET },
  { key: 'ours_promise', label: 'ours /trust promise', server: 'ours', text: `promise <@${BOB_ID}|bob> send the notes by friday 3pm`, answers: 1, target: PROMISE_THROUGHPUT_TARGET },
];

const SERVERS: Record<Exclude<ServerKind, 'ours'>, (emulator: SlackEmulator) => Promise<BenchServer>> = {
  bare: (emulator) => startBareBolt(emulator, ackOnly),
  bare_help: (emulator) => startBareBolt(emulator, ackWithHelp),
};
/** On PostgreSQL, ours must ack within this at p99 (help and promise). */
const P99_GOAL_MS = 50;

const FORM = 'application/x-www-form-urlencoded';
const DRAIN_TIMEOUT_MS = 20_000;

interface Settings {
  requests: number;
  warmup: number;
  concurrency: number;
  rounds: number;
}

interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

interface Context {
  settings: Settings;
  emulator: SlackEmulator;
  client: LoadClient;
  servers: Partial<Record<ServerKind, BenchServer>>;
}

interface Phase {
  ackRps: number;
  p50Ms: number;
  p99Ms: number;
  /** From the last ack until every response_url answer arrived. */
  drainMs: number;
}

export function run(): Promise<BenchResult> {
  return runAck({ name: 'ack', backend: 'embedded', concurrency: envInt('BENCH_ACK_CONCURRENCY', 32) });
}

/**
 * The ack benchmark on a given backend and concurrency (`ack-postgres.bench.ts` runs it on
 * PostgreSQL at 200 concurrent requests). On PostgreSQL, p99 of ours is also held to < 50 ms.
 */
export async function runAck(options: {
  name: string;
  backend: 'embedded' | 'postgres';
  concurrency: number;
}): Promise<BenchResult> {
  const settings: Settings = {
    requests: envInt('BENCH_ACK_REQUESTS', 3_000),
    warmup: envInt('BENCH_ACK_WARMUP', 500),
    concurrency: options.concurrency,
    rounds: envInt('BENCH_ACK_ROUNDS', 3),
  };
  const started = performance.now();
  const load1AtStart = loadavg()[0] ?? 0;
  const emulator = await SlackEmulator.start();
  emulator.seedDemoWorkspace();
  const client = await startLoadClient();
  const servers: Partial<Record<ServerKind, BenchServer>> = {};
  const ctx: Context = { settings, emulator, client, servers };

  try {
    for (const kind of new Set(VARIANTS.map((v) => v.server))) {
      servers[kind] =
        kind === 'ours' ? await startOurs(emulator, options.backend) : await SERVERS[kind](emulator);
    }
    for (const variant of VARIANTS) {
      const warm = await runPhase(ctx, variant, settings.warmup);
      log(`warm-up   ${describe(variant, warm)}`);
    }
    const phases = new Map<string, Phase[]>(VARIANTS.map((v) => [v.key, []]));
    for (let r = 0; r < settings.rounds; r += 1) {
      const order = r % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
      for (const variant of order) {
        const phase = await runPhase(ctx, variant, settings.requests);
        phases.get(variant.key)?.push(phase);
        log(`round ${r + 1}/${settings.rounds} ${describe(variant, phase)}`);
      }
    }
    const result = summarize(settings, phases, (performance.now() - started) / 1000);
    result.name = options.name;
    result.metrics.backend = options.backend;
    result.metrics.load1_at_start = Math.round(load1AtStart * 100) / 100;
    result.metrics.load1_at_end = Math.round((loadavg()[0] ?? 0) * 100) / 100;
    if (options.backend === 'postgres') {
      for (const key of ['ours_help', 'ours_promise']) {
        const p99 = Number(result.metrics[`${key}.p99_ms`]);
        result.ratios[`p99.${key}/50ms`] = round(p99 / P99_GOAL_MS);
        result.targets[`${key} p99 < ${P99_GOAL_MS} ms`] = atMost(result.ratios, `p99.${key}/50ms`, 1);
      }
    }
    return result;
  } finally {
    client.close();
    for (const server of Object.values(servers)) await server.stop();
    await emulator.close();
  }
}

/** Sends `count` fresh commands, then waits until the server's response_url answers have arrived. */
async function runPhase(ctx: Context, variant: AckVariant, count: number): Promise<Phase> {
  const { emulator, client, settings } = ctx;
  emulator.reset(); // forget the previous phase's response_urls and answers
  const bodies = Array.from({ length: count }, () => commandBody(emulator, variant.text));
  const server = ctx.servers[variant.server];
  if (!server) throw new Error(`${variant.label}: server ${variant.server} was not started`);
  const outcome = await client.run({
    url: server.url,
    signingSecret: SIGNING_SECRET,
    contentType: FORM,
    bodies,
    concurrency: settings.concurrency,
  });
  assertAllAcked(variant, count, outcome);

  const ackedAt = performance.now();
  const expected = count * variant.answers;
  if (expected > 0) {
    await emulator.waitFor(() => emulator.responses().length >= expected, {
      timeoutMs: DRAIN_TIMEOUT_MS,
      description: `${expected} response_url answers for ${variant.label}`,
    });
  }
  const drainMs = performance.now() - ackedAt;
  const refused = emulator.responses().filter((r) => r.status !== 200);
  if (refused.length > 0) {
    throw new Error(`${variant.label}: ${refused.length} response_url posts refused (${refused[0]?.error})`);
  }

  return {
    ackRps: (outcome.latenciesMs.length / outcome.elapsedMs) * 1000,
    p50Ms: percentile(outcome.latenciesMs, 50),
    p99Ms: percentile(outcome.latenciesMs, 99),
    drainMs,
  };
}

/** A phase that measured errors (bad signature, 5xx, dropped sockets) would measure the wrong thing. */
function assertAllAcked(variant: AckVariant, count: number, outcome: LoadOutcome): void {
  const ok = outcome.statuses['200'] ?? 0;
  if (ok !== count || outcome.failures > 0) {
    throw new Error(
      `${variant.label}: ${ok}/${count} acked with 200 ` +
        `(statuses ${JSON.stringify(outcome.statuses)}, socket failures ${outcome.failures})`,
    );
  }
}

type CommandHandler = Middleware<SlackCommandMiddlewareArgs>;

const ackOnly: CommandHandler = async ({ ack }) => {
  await ack();
};

/** What our app sends for `/trust help`, in the ack, without our middleware, database or routing. */
const helpMessage = buildHelpMessage(messages('en'));
const ackWithHelp: CommandHandler = async ({ ack }) => {
  await ack({ response_type: 'ephemeral', text: helpMessage.text, blocks: helpMessage.blocks });
};

/** A plain Bolt app with the receiver type we use and one `/trust` listener. */
async function startBareBolt(emulator: SlackEmulator, handler: CommandHandler): Promise<BenchServer> {
  const receiver = new HTTPReceiver({
    signingSecret: SIGNING_SECRET,
    endpoints: '/slack/events',
    logLevel: LogLevel.ERROR,
  });
  const app = new App({
    receiver,
    token: emulator.botToken(DEMO_TEAM_ID),
    clientOptions: { slackApiUrl: emulator.apiUrl },
    logLevel: LogLevel.ERROR,
  });
  app.command('/trust', handler);
  const server = await app.start(0);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/slack/events`, stop: () => app.stop().then(() => undefined) };
}

/** The real composition (`startApp`, as `npm start`) on an in-memory database or PostgreSQL. */
async function startOurs(emulator: SlackEmulator, backend: 'embedded' | 'postgres'): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'trust-habits-bench-'));
  const database = backend === 'postgres' ? await openBenchDatabase() : await openEmbedded({});
  const app = await startBenchServer(emulator, database, dataDir);
  return {
    url: `${app.url}/slack/events`,
    async stop() {
      await app.stop();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const RATIO_NAMES: Record<keyof Phase, string> = {
  ackRps: 'throughput',
  p50Ms: 'p50',
  p99Ms: 'p99',
  drainMs: 'drain',
};

function summarize(settings: Settings, phases: Map<string, Phase[]>, durationS: number): BenchResult {
  const metrics: BenchResult['metrics'] = {
    requests_per_round: settings.requests,
    warmup_requests: settings.warmup,
    concurrency: settings.concurrency,
    rounds: settings.rounds,
    aggregate: 'median over rounds',
    load_client: 'separate process, keep-alive http.Agent',
  };
  const medians = new Map<string, Phase>();
  for (const variant of VARIANTS) {
    const list = phases.get(variant.key) ?? [];
    const m: Phase = {
      ackRps: median(list.map((p) => p.ackRps)),
      p50Ms: median(list.map((p) => p.p50Ms)),
      p99Ms: median(list.map((p) => p.p99Ms)),
      drainMs: median(list.map((p) => p.drainMs)),
    };
    medians.set(variant.key, m);
    metrics[`${variant.key}.ack_rps`] = round(m.ackRps);
    metrics[`${variant.key}.p50_ms`] = round(m.p50Ms);
    metrics[`${variant.key}.p99_ms`] = round(m.p99Ms);
    if (variant.answers > 0) metrics[`${variant.key}.drain_ms`] = round(m.drainMs);
    metrics[`${variant.key}.ack_rps_by_round`] = list.map((p) => Math.round(p.ackRps)).join(' / ');
  }
  metrics.duration_s = round(durationS);

  // Every variant against the baseline (bare ack, empty body); ours also against bare Bolt acking
  // with the same help body, which isolates the cost of our own code from the cost of the answer.
  const [baseline, ...others] = VARIANTS;
  const reference = VARIANTS.find((v) => v.server === 'bare_help');
  const ratios: BenchResult['ratios'] = {};
  const targets: Record<string, BenchTarget> = {};
  const compare = (variant: AckVariant, against: AckVariant, kinds: ReadonlyArray<keyof Phase>) => {
    const ours = medians.get(variant.key);
    const theirs = medians.get(against.key);
    for (const kind of kinds) {
      if (!ours || !theirs) break;
      ratios[`${RATIO_NAMES[kind]}.${variant.key}/${against.key}`] = round(ours[kind] / theirs[kind]);
    }
  };
  for (const variant of others) {
    if (!baseline) break;
    compare(variant, baseline, ['ackRps', 'p50Ms', 'p99Ms']);
    if (variant.server === 'ours' && reference) compare(variant, reference, ['ackRps', 'p99Ms']);
    if (variant.target !== undefined) {
      const label = `${variant.label}: throughput ≥ ${variant.target}× ${baseline.label}`;
      targets[label] = atLeast(ratios, `throughput.${variant.key}/${baseline.key}`, variant.target);
    }
  }
  return { name: 'ack', machine: machineInfo(), metrics, ratios, targets };
}

function describe(variant: AckVariant, phase: Phase): string {
  const drain = variant.answers > 0 ? `, drain ${phase.drainMs.toFixed(0)} ms` : '';
  return (
    `${variant.label.padEnd(22)} ${phase.ackRps.toFixed(0).padStart(6)} req/s, ` +
    `p50 ${phase.p50Ms.toFixed(2)} ms, p99 ${phase.p99Ms.toFixed(2)} ms${drain}`
  );
}

function log(line: string): void {
  process.stderr.write(`  ack: ${line}\n`);
}
