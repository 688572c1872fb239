/**
 * `npm run bench -- [name...]`: runs `bench/<name>.bench.ts` (all of them when no name is given),
 * prints a table per benchmark and merges the results into bench/results/latest.json.
 *
 * Benchmarks report, they don't gate: a missed target is printed as MISSED and the exit code stays 0.
 * Only a benchmark that fails to run (throws) makes the exit code 1.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, BenchResult } from './support/bench-result.ts';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = join(BENCH_DIR, 'results');
const RESULTS_FILE = join(RESULTS_DIR, 'latest.json');
const SUFFIX = '.bench.ts';

type StoredResult = BenchResult & { timestamp: string };

function availableBenchmarks(): string[] {
  return readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith(SUFFIX))
    .map((file) => file.slice(0, -SUFFIX.length))
    .sort();
}

async function loadBenchmark(name: string): Promise<BenchModule> {
  const module: Partial<BenchModule> = await import(pathToFileURL(join(BENCH_DIR, `${name}${SUFFIX}`)).href);
  if (typeof module.run !== 'function') throw new Error(`bench/${name}${SUFFIX} does not export run()`);
  return { run: module.run };
}

function formatValue(value: number | string): string {
  return typeof value === 'number' ? String(value) : value;
}

function printResult(result: BenchResult, seconds: number): void {
  const { machine } = result;
  const rows = (entries: Array<[string, string]>) => {
    const width = Math.max(...entries.map(([key]) => key.length));
    for (const [key, value] of entries) console.log(`    ${key.padEnd(width)}  ${value}`);
  };
  console.log(`\n== ${result.name} (${seconds.toFixed(1)} s) ==`);
  console.log(
    `  machine: ${machine.cpus} cpus, ${machine.cpuModel}, ${machine.memGiB} GiB, node ${machine.node}`,
  );
  console.log('  metrics');
  rows(Object.entries(result.metrics).map(([k, v]) => [k, formatValue(v)]));
  const ratios = Object.entries(result.ratios);
  if (ratios.length > 0) {
    console.log('  ratios');
    rows(ratios.map(([k, v]) => [k, String(v)]));
  }
  const targets = Object.entries(result.targets);
  if (targets.length > 0) {
    console.log('  targets');
    rows(
      targets.map(([label, t]) => [
        label,
        `${t.ratio} = ${result.ratios[t.ratio] ?? 'n/a'} (target ${t.direction === 'at_most' ? '≤' : '≥'} ${t.target})  ${t.met ? 'met' : '*** MISSED ***'}`,
      ]),
    );
  }
}

function readStoredResults(): Record<string, StoredResult> {
  if (!existsSync(RESULTS_FILE)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(RESULTS_FILE, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, StoredResult>) : {};
  } catch {
    console.warn(`  (${RESULTS_FILE} was not valid JSON; starting it afresh)`);
    return {};
  }
}

/** Merge by benchmark name; write to a temporary file and rename, so the file is never half-written. */
function storeResults(fresh: Record<string, StoredResult>): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const merged = { ...readStoredResults(), ...fresh };
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
  const temporary = join(RESULTS_DIR, 'latest.tmp.json');
  writeFileSync(temporary, `${JSON.stringify(sorted, null, 2)}\n`);
  renameSync(temporary, RESULTS_FILE);
}

async function main(): Promise<number> {
  const available = availableBenchmarks();
  const requested = process.argv.slice(2).filter((arg) => arg !== '--');
  const unknown = requested.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    console.error(
      `Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ') || '(none)'}`,
    );
    return 2;
  }
  const names = requested.length > 0 ? [...new Set(requested)] : available;

  const fresh: Record<string, StoredResult> = {};
  let failed = 0;
  let missed = 0;
  let met = 0;
  for (const name of names) {
    console.log(`\nRunning bench/${name}${SUFFIX} …`);
    const started = performance.now();
    try {
      const result = await (await loadBenchmark(name)).run();
      printResult(result, (performance.now() - started) / 1000);
      fresh[name] = { timestamp: new Date().toISOString(), ...result };
      for (const target of Object.values(result.targets)) {
        if (target.met) met += 1;
        else missed += 1;
      }
    } catch (error) {
      failed += 1;
      console.error(`\n== ${name} FAILED ==\n`, error);
    }
  }

  if (Object.keys(fresh).length > 0) {
    storeResults(fresh);
    console.log(`\nResults merged into ${RESULTS_FILE}`);
  }
  const missedText = missed > 0 ? `, ${missed} MISSED` : '';
  const failedText = failed > 0 ? `, ${failed} benchmark(s) FAILED to run` : '';
  console.log(`Targets: ${met} met${missedText}${failedText}.`);
  return failed > 0 ? 1 : 0;
}

// Exit explicitly: a benchmark that leaves a handle open must not hang the run.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
