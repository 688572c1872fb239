import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ClientReply, LoadJob, LoadOutcome } from './load-client.ts';

export type { LoadJob, LoadOutcome };

/** A load generator in its own process (its own core on a multi-core machine). */
export interface LoadClient {
  run(job: LoadJob): Promise<LoadOutcome>;
  close(): void;
}

export async function startLoadClient(): Promise<LoadClient> {
  // fork() inherits process.execArgv, i.e. tsx's loader, so the child can be TypeScript.
  const child: ChildProcess = fork(fileURLToPath(new URL('./load-client.ts', import.meta.url)), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  let nextId = 0;
  const pending = new Map<number, { resolve(o: LoadOutcome): void; reject(e: Error): void }>();
  child.on('message', (reply: ClientReply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.type === 'done') waiter?.resolve(reply.outcome);
    else waiter?.reject(new Error(`load client: ${reply.message}`));
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`load client exited (${code})`));
    pending.clear();
  });
  return {
    run(job) {
      nextId += 1;
      const id = nextId;
      return new Promise<LoadOutcome>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ type: 'run', id, job });
      });
    },
    close() {
      if (child.connected) child.disconnect();
    },
  };
}
