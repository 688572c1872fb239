/**
 * `npm run bench -- trend`: the time to build one team's digest summary (its last 13 closed rounds
 * with their tallies, promise and reflection counts, members) with 10k and with 1M rows in
 * `pulse_tallies`, and their ratio. The summary reads one team's rows through indexes, so the
 * ratio should stay near 1 however many other teams and weeks the table holds (target ≤ 1.5).
 *
 * In-memory PGlite by default, or PostgreSQL at BENCH_DATABASE_URL. Rows are made in bulk with
 * generate_series: teams of 50 weeks of closed rounds, 20 tallies (4 items × 5 scores) each.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildTeamWeekSummary } from '../src/domain/digest/digest.service.ts';
import type { Db } from '../src/persistence/database.ts';
import { renderDigest } from '../src/slack/digest-deps.ts';
import { createStores } from '../src/persistence/stores.ts';
import { openBenchDatabase } from './support/bench-database.ts';
import { atMost, type BenchResult, envInt, machineInfo } from './support/bench-result.ts';
import { median, percentile, round } from './support/stats.ts';

const RATIO_TARGET = 1.5;
const WEEKS = 50;
const TALLIES_PER_TEAM = WEEKS * 4 * 5;
const WORKSPACE = 'TBENCHTREND';
/** The digest for 2026-W51 reports on 2026-W50 and the 12 weeks up to it. */
const DIGEST_WEEK = { weekYear: 2026, weekNumber: 51 };

/** Adds teams numbered [from, to) with their rounds and tallies. */
async function addTeams(db: Db, from: number, to: number): Promise<void> {
  await sql`
    insert into teams (workspace_id, channel_id, created_by, time_zone, language, min_group_size,
                       checkin_weekday, checkin_time, digest_enabled, digest_weekday, digest_time, created_at)
    select ${WORKSPACE}, 'CB' || lpad(g::text, 8, '0'), 'U0BENCH', 'Europe/Oslo', 'en', 5,
           1, '10:00', true, 1, '09:00', '2025-12-01T00:00:00Z'
    from generate_series(${from}::int, ${to - 1}::int) g`.execute(db);
  const range = sql`t.channel_id >= ${`CB${String(from).padStart(8, '0')}`} and t.channel_id < ${`CB${String(to).padStart(8, '0')}`}`;
  await sql`
    insert into pulse_rounds (team_id, week_year, week_number, closed, respondents, members)
    select t.id, 2026, w, true, 6, 8 from teams t cross join generate_series(1, ${WEEKS}::int) w
    where ${range}`.execute(db);
  await sql`
    insert into pulse_tallies (team_id, week_year, week_number, item, score, count)
    select t.id, 2026, w, i, s, 1 + ((i + s + w) % 3)
    from teams t cross join generate_series(1, ${WEEKS}::int) w
      cross join generate_series(1, 4) i cross join generate_series(1, 5) s
    where ${range}`.execute(db);
}

async function timeSummary(db: Db, runs: number): Promise<{ median: number; p95: number }> {
  const stores = createStores(db);
  const deps = {
    digests: stores.digests,
    pulse: stores.pulse,
    promises: stores.promises,
    habits: stores.habits,
    clock: { now: () => new Date('2026-12-14T08:00:00Z') },
    catchUpMs: 6 * 3_600_000,
    render: renderDigest,
  };
  const team = await deps.digests.findTeam(WORKSPACE, 'CB00000000');
  if (!team) throw new Error('bench team missing');
  const samples: number[] = [];
  for (let i = 0; i < runs + 5; i += 1) {
    const started = performance.now();
    const summary = await buildTeamWeekSummary(deps, team, DIGEST_WEEK);
    const ms = performance.now() - started;
    if (summary.pulse.kind !== 'scores' || summary.trend.some((p) => p.index === undefined))
      throw new Error('bench summary is missing rounds');
    if (i >= 5) samples.push(ms);
  }
  return { median: round(median(samples)), p95: round(percentile(samples, 95)) };
}

async function tallyRows(db: Db): Promise<number> {
  const result = await sql<{ n: string }>`select count(*) as n from pulse_tallies`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

export async function run(): Promise<BenchResult> {
  const small = envInt('BENCH_TREND_SMALL_ROWS', 10_000);
  const large = envInt('BENCH_TREND_LARGE_ROWS', 1_000_000);
  const runs = envInt('BENCH_TREND_RUNS', 40);
  const database = await openBenchDatabase();
  try {
    const db = database.db;
    await db.insertInto('workspaces').values({ id: WORKSPACE, name: 'Bench' }).execute();
    const smallTeams = Math.ceil(small / TALLIES_PER_TEAM);
    const largeTeams = Math.ceil(large / TALLIES_PER_TEAM);
    let seeding = performance.now();
    await addTeams(db, 0, smallTeams);
    await sql`analyze`.execute(db);
    const rowsSmall = await tallyRows(db);
    const seedSmallS = (performance.now() - seeding) / 1000;
    const atSmall = await timeSummary(db, runs);

    seeding = performance.now();
    for (let from = smallTeams; from < largeTeams; from += 200) {
      await addTeams(db, from, Math.min(largeTeams, from + 200));
    }
    await sql`analyze`.execute(db);
    const rowsLarge = await tallyRows(db);
    const seedLargeS = (performance.now() - seeding) / 1000;
    const atLarge = await timeSummary(db, runs);

    const ratios = { summary_large_over_small: round(atLarge.median / atSmall.median) };
    return {
      name: 'trend',
      machine: machineInfo(),
      metrics: {
        backend: database.label,
        runs,
        'small.tally_rows': rowsSmall,
        'small.summary_median_ms': atSmall.median,
        'small.summary_p95_ms': atSmall.p95,
        'large.tally_rows': rowsLarge,
        'large.summary_median_ms': atLarge.median,
        'large.summary_p95_ms': atLarge.p95,
        seed_small_s: round(seedSmallS),
        seed_large_s: round(seedLargeS),
      },
      ratios,
      targets: {
        'digest summary at 1M vs 10k tally rows': atMost(ratios, 'summary_large_over_small', RATIO_TARGET),
      },
    };
  } finally {
    await database.close();
  }
}
