/**
 * The load generator, run as a child process (see load.ts) so that building, signing and timing
 * requests does not share an event loop with the servers being measured.
 *
 * Each job sends its bodies as signed Slack requests (fresh timestamp per request) over a keep-alive
 * agent with `concurrency` requests in flight, and reports per-request latency from send to the end of
 * the HTTP response (the ack).
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { signSlackRequest } from '../../test/support/slack-emulator/signing.ts';

export interface LoadJob {
  url: string;
  signingSecret: string;
  contentType: string;
  bodies: string[];
  concurrency: number;
}

export interface LoadOutcome {
  /** One per completed request, in completion order. */
  latenciesMs: number[];
  /** First send to last response. */
  elapsedMs: number;
  /** HTTP status → count. */
  statuses: Record<string, number>;
  /** Requests that got no HTTP response (socket errors). */
  failures: number;
}

export type ClientMessage = { type: 'run'; id: number; job: LoadJob };
export type ClientReply =
  | { type: 'done'; id: number; outcome: LoadOutcome }
  | { type: 'error'; id: number; message: string };

export async function runLoad(job: LoadJob): Promise<LoadOutcome> {
  const target = new URL(job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let failures = 0;
  let next = 0;

  const sendOne = (body: string) =>
    new Promise<void>((resolve) => {
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = {
        'content-type': job.contentType,
        'content-length': Buffer.byteLength(body),
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signSlackRequest(job.signingSecret, timestamp, body),
      };
      const started = performance.now();
      const req = request(target, { method: 'POST', agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          latenciesMs.push(performance.now() - started);
          const key = String(res.statusCode);
          statuses[key] = (statuses[key] ?? 0) + 1;
          resolve();
        });
      });
      req.on('error', () => {
        failures += 1;
        resolve();
      });
      req.end(body);
    });

  const worker = async () => {
    while (next < job.bodies.length) {
      const body = job.bodies[next];
      next += 1;
      if (body !== undefined) await sendOne(body);
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { latenciesMs, elapsedMs, statuses, failures };
}

// Child-process entry: answer jobs until the parent disconnects.
if (process.send) {
  process.on('message', (message: ClientMessage) => {
    runLoad(message.job).then(
      (outcome) => process.send?.({ type: 'done', id: message.id, outcome } satisfies ClientReply),
      (error: unknown) =>
        process.send?.({ type: 'error', id: message.id, message: String(error) } satisfies ClientReply),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
