/**
 * `npm run bench -- ack-postgres`: the ack benchmark (ack.bench.ts) with our app on PostgreSQL
 * (BENCH_DATABASE_URL; a schema of its own, dropped afterwards) at 200 concurrent requests
 * (BENCH_ACK_PG_CONCURRENCY), beside bare Bolt in the same run; p99 of `/trust help` and
 * `/trust promise` held to < 50 ms.
 */
import { runAck } from './ack.bench.ts';
import { type BenchResult, envInt, machineInfo } from './support/bench-result.ts';

export async function run(): Promise<BenchResult> {
  if (!process.env.BENCH_DATABASE_URL?.trim()) {
    return {
      name: 'ack-postgres',
      machine: machineInfo(),
      metrics: { postgres: 'skipped: set BENCH_DATABASE_URL' },
      ratios: {},
      targets: {},
    };
  }
  return runAck({
    name: 'ack-postgres',
    backend: 'postgres',
    concurrency: envInt('BENCH_ACK_PG_CONCURRENCY', 200),
  });
}
