import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TickSummary } from '../../src/scheduler/scheduler.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface TickProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** What `npm run tick` printed, when it got that far. */
  summary: TickSummary | undefined;
}

export interface TickProcess {
  pid: number | undefined;
  /** Resolves when the process has exited, however it ended. */
  done: Promise<TickProcessResult>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * `npm run tick -- --at <instant>` as its own OS process. Node runs the script directly with tsx's
 * loader (`node --import tsx`), not through the tsx CLI, which would put a second process in between
 * that a SIGKILL could not pass through.
 */
export function spawnTick(at: Date, env: Record<string, string>): TickProcess {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/tick.ts', '--at', at.toISOString()],
    {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<TickProcessResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) =>
      resolve({ code, signal, stdout, stderr, summary: parseSummary(stdout) }),
    );
  });
  return {
    pid: child.pid,
    done,
    kill: (signal) => {
      child.kill(signal);
    },
  };
}

/** The summary is the last pretty-printed JSON object; log lines before it are one-line JSON. */
function parseSummary(stdout: string): TickSummary | undefined {
  const last = stdout.lastIndexOf('\n{\n');
  const start = last >= 0 ? last + 1 : stdout.startsWith('{\n') ? 0 : -1;
  if (start < 0) return undefined;
  try {
    return JSON.parse(stdout.slice(start)) as TickSummary;
  } catch {
    return undefined;
  }
}
