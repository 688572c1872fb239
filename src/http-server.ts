import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Clock } from './domain/clock.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { withRequestContext } from './request-context.ts';

/** Slack's replay window; Bolt only rejects old timestamps, we reject future ones too. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export interface HttpServerDeps {
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
  maxBodyBytes: number;
  /** Database liveness, for /healthz. */
  isHealthy(): Promise<boolean>;
  /** What readiness depends on, each reachable or not, for /readyz; ready when all are. */
  readiness?(): Promise<Record<string, boolean>>;
  /** Bolt's listener for Slack requests; absent in Socket Mode. */
  slackListener: RequestListener | undefined;
  /** Extra Bolt routes served as they are (OAuth install and redirect). */
  slackPaths?: string[];
  /**
   * Serve /readyz and /metrics: only on the operations port, never on the public one (default false).
   * With a bearer token, they answer 401 to a request without it.
   */
  operations?: { bearerToken: string | undefined };
}

export interface HttpServer {
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, waits for in-flight requests up to the bound, then closes what is left. */
  close(graceMs?: number): Promise<void>;
}

export function createHttpServer(deps: HttpServerDeps): HttpServer {
  const inFlight = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    inFlight.add(res);
    const route = routeName(req);
    res.on('close', () => {
      inFlight.delete(res);
      deps.metrics.httpRequests.inc({ route, status: String(res.statusCode) });
    });
    // Slack sends no request id; ours goes in every log line of this request and back as a header.
    withRequestContext(() => {
      handle(req, res, route).catch((error: unknown) => {
        deps.logger.error({ err: error, route }, 'request failed');
        if (!res.headersSent) sendEmpty(res, 500);
        else res.end();
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Slack keeps connections alive; don't let an idle one hold up shutdown for long.
  server.keepAliveTimeout = 5_000;
  server.requestTimeout = 30_000;

  async function handle(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    switch (route) {
      case 'healthz': {
        const ok = await deps.isHealthy();
        return sendJson(res, ok ? 200 : 503, { ok });
      }
      case 'readyz': {
        if (!authorized(req, res)) return;
        const checks = deps.readiness ? await deps.readiness() : { database: await deps.isHealthy() };
        const ready = Object.values(checks).every(Boolean);
        return sendJson(res, ready ? 200 : 503, { ready, ...checks });
      }
      case 'metrics':
        if (!authorized(req, res)) return;
        res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
        res.end(await deps.metrics.registry.metrics());
        return;
      case 'slack_events':
        if (!deps.slackListener) return sendEmpty(res, 404);
        if (!guardSlackRequest(req, res, deps)) return;
        return deps.slackListener(req, res);
      case 'slack_oauth':
        if (!deps.slackListener) return sendEmpty(res, 404);
        return deps.slackListener(req, res);
      default:
        return sendEmpty(res, 404);
    }
  }

  /** The operations port's bearer token, compared in constant time; 401 with a challenge otherwise. */
  function authorized(req: IncomingMessage, res: ServerResponse): boolean {
    const expected = deps.operations?.bearerToken;
    if (expected === undefined) return true;
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const digest = (text: string) => createHash('sha256').update(text).digest();
    if (timingSafeEqual(digest(given), digest(expected))) return true;
    sendEmpty(res, 401, { 'www-authenticate': 'Bearer' });
    return false;
  }

  function routeName(req: IncomingMessage): string {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return 'healthz';
    if (req.method === 'GET' && path === '/readyz' && deps.operations) return 'readyz';
    if (req.method === 'GET' && path === '/metrics' && deps.operations) return 'metrics';
    if (path === '/slack/events') return req.method === 'POST' ? 'slack_events' : 'not_found';
    if (req.method === 'GET' && path && deps.slackPaths?.includes(path)) return 'slack_oauth';
    return 'not_found';
  }

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    async close(graceMs = 10_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + graceMs;
      while (inFlight.size > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
      }
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/**
 * Cheap checks before Bolt reads the body: size cap (413) and a fresh timestamp in either
 * direction (401). Bolt then verifies the signature over the raw body.
 */
function guardSlackRequest(req: IncomingMessage, res: ServerResponse, deps: HttpServerDeps): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  if (Number.isFinite(length) && length > deps.maxBodyBytes) {
    sendEmpty(res, 413, { connection: 'close' });
    req.resume();
    return false;
  }
  const header = req.headers['x-slack-request-timestamp'];
  const timestamp = typeof header === 'string' && /^\d{1,12}$/.test(header) ? Number(header) : Number.NaN;
  const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
  if (!Number.isFinite(timestamp) || Math.abs(nowSeconds - timestamp) > MAX_CLOCK_SKEW_SECONDS) {
    sendEmpty(res, 401);
    req.resume();
    return false;
  }
  return true;
}

function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
