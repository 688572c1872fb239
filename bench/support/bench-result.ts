import { cpus, totalmem } from 'node:os';

/** What every benchmark module (`bench/<name>.bench.ts`) resolves `run()` with. */
export interface BenchResult {
  name: string;
  machine: MachineInfo;
  /** Raw measurements, e.g. `bare.ack_rps`. Numbers are printed as they are; keep units in the key. */
  metrics: Record<string, number | string>;
  /** Relative measurements (ours / baseline), comparable across machines. */
  ratios: Record<string, number>;
  /** Goals on ratios; `met` is computed by the benchmark, the runner only reports it. */
  targets: Record<string, BenchTarget>;
}

export interface BenchTarget {
  /** Key in `ratios`. */
  ratio: string;
  target: number;
  /** Whether the ratio must reach the target (default) or stay at or below it. */
  direction?: 'at_least' | 'at_most';
  met: boolean;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memGiB: number;
  node: string;
}

export interface BenchModule {
  run(): Promise<BenchResult>;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
  };
}

/** A target that is met when the ratio is at least `target` (higher is better). */
export function atLeast(ratios: Record<string, number>, ratio: string, target: number): BenchTarget {
  const value = ratios[ratio];
  return { ratio, target, met: value !== undefined && Number.isFinite(value) && value >= target };
}

export function atMost(ratios: Record<string, number>, ratio: string, target: number): BenchTarget {
  const value = ratios[ratio];
  return {
    ratio,
    target,
    direction: 'at_most',
    met: value !== undefined && Number.isFinite(value) && value <= target,
  };
}

/** A positive whole number from the environment, or the default. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
}
