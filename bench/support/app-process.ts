import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * The built app as operators run it, each in its own OS process, and what only the operating
 * system knows about it: the peak resident set (`VmHWM` in /proc/<pid>/status).
 */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Builds dist/ when missing or stale (the same check `npm start` runs first). */
export function ensureBuilt(): void {
  const result = spawnSync(process.execPath, ['scripts/ensure-built.js'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building dist/ failed');
}

/** `node dist/src/<entry>.js`, with only the environment given (plus PATH). */
export function spawnBuilt(entry: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [`dist/src/${entry}.js`, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Resolves with the exit code and everything the process printed on stdout. */
export function exited(child: ChildProcess): Promise<{ code: number | null; stdout: string }> {
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout })));
}

/** A /proc/<pid>/status field in kB (VmHWM, VmRSS), or undefined once the process is gone. */
export function procStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Polls a child's VmHWM every 100 ms; `peakMib()` is the last value read (the kernel keeps the peak). */
export function watchPeakRss(child: ChildProcess) {
  let peakKb = 0;
  const read = () => {
    if (child.pid === undefined) return;
    const kb = procStatusKb(child.pid, 'VmHWM');
    if (kb !== undefined) peakKb = Math.max(peakKb, kb);
  };
  const timer = setInterval(read, 100);
  child.once('exit', () => clearInterval(timer));
  return { peakMib: () => peakKb / 1024, stop: () => clearInterval(timer) };
}

export async function waitHealthy(child: ChildProcess, port: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the app exited with ${child.exitCode} before it was healthy`);
    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the app was not healthy within ${timeoutMs / 1000} s`);
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await done;
}

/** A fresh database on the server at `adminUrl` for one run; `drop()` removes it. */
export async function freshDatabase(adminUrl: string, label: string) {
  const name = `th_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** The machine's 1-minute load average, recorded beside every figure (the machine may be shared). */
export function load1(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

/** `small` (default: quick, for development) or `full` (the figures the issue asks for). */
export function benchScale(): 'small' | 'full' {
  const scale = process.env.BENCH_SCALE?.trim() ?? 'small';
  if (scale !== 'small' && scale !== 'full') throw new Error('BENCH_SCALE must be small or full');
  return scale;
}
