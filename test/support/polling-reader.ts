import { Worker } from 'node:worker_threads';

// A read-only PostgreSQL session that runs one query back to back on a thread of its own (so the
// apps under test, in the main thread, cannot slow it down), and records each distinct answer.

const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const pg = require('pg');
(async () => {
  const stop = new Int32Array(workerData.stop);
  const client = new pg.Client({ connectionString: workerData.url });
  await client.connect();
  await client.query('set session characteristics as transaction read only');
  parentPort.postMessage({ ready: true });
  const seen = [];
  let last;
  let polls = 0;
  const started = performance.now();
  let maxGapMs = 0;
  let previous = started;
  while (Atomics.load(stop, 0) === 0) {
    const { rows } = await client.query({ name: 'poll', text: workerData.query, values: workerData.params });
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - previous);
    previous = now;
    polls += 1;
    const text = JSON.stringify(rows);
    if (text !== last) {
      seen.push(rows);
      last = text;
    }
  }
  const elapsedMs = performance.now() - started;
  await client.end();
  parentPort.postMessage({ seen, polls, elapsedMs, maxGapMs });
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

export interface PollingResult<Row> {
  /** Each distinct answer, in the order first seen. */
  seen: Row[][];
  polls: number;
  elapsedMs: number;
  /** The longest time between two answers. */
  maxGapMs: number;
}

export interface PollingReader<Row> {
  stop(): Promise<PollingResult<Row>>;
}

export async function startPollingReader<Row>(
  url: string,
  query: string,
  params: unknown[],
): Promise<PollingReader<Row>> {
  const stop = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER, { eval: true, workerData: { url, query, params, stop } });
  const messages: Array<Record<string, unknown>> = [];
  let wake: (() => void) | undefined;
  worker.on('message', (message: Record<string, unknown>) => {
    messages.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    messages.push({ error: String(error) });
    wake?.();
  });
  const next = async () => {
    while (messages.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    const message = messages.shift() ?? {};
    if (message.error) throw new Error(`polling reader: ${String(message.error)}`);
    return message;
  };
  await next();
  return {
    async stop() {
      Atomics.store(new Int32Array(stop), 0, 1);
      const result = (await next()) as unknown as PollingResult<Row>;
      await worker.terminate();
      return result;
    },
  };
}
