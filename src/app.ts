import type { AppConfig, Secrets } from './config.ts';
import type { Clock } from './domain/clock.ts';
import { createHttpServer } from './http-server.ts';
import type { Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { type DatabaseHandle, openDatabase } from './persistence/database.ts';
import { migrateToLatest } from './persistence/migrator.ts';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { toBoltLogger } from './logger.ts';
import type { Db } from './persistence/database.ts';
import type { DispatcherDeps } from './scheduler/outbox-dispatcher.ts';
import { buildJobs } from './scheduler/jobs/index.ts';
import { createOutboxKicker, type OutboxKicker } from './scheduler/outbox-kicker.ts';
import { type RunningScheduler, type SchedulerDeps, startScheduler } from './scheduler/scheduler.ts';
import { createPacedClient, WorkspacePacer } from './slack/runtime/paced-client.ts';
import { DIGEST_KIND } from './domain/digest/digest.service.ts';
import { createDigestPreparer } from './slack/digest-sender.ts';
import { createSlackApp, MAX_BODY_BYTES, type SlackRuntime } from './slack/slack-app.ts';
import { createOAuthWorkspaces, type OAuthWorkspaces } from './slack/install/oauth-workspaces.ts';
import { systemClock } from './system-clock.ts';
import { type AppContext, createAppContext } from './app-context.ts';

// The composition root, shared by `npm start`, the demo, the benchmarks and integration tests.

export interface StartOptions {
  config: AppConfig;
  secrets: Secrets;
  logger: Logger;
  clock?: Clock;
  /** An already open database (tests); otherwise opened from config and closed on stop. */
  database?: DatabaseHandle;
}

export interface RunningApp {
  port: number;
  url: string;
  /** Where /readyz and /metrics answer (METRICS_PORT); undefined when off. */
  operationsUrl: string | undefined;
  database: DatabaseHandle;
  /** The repositories and feature dependencies listeners and jobs share (built once). */
  context: AppContext;
  slack: SlackRuntime;
  metrics: Metrics;
  /** What a scheduler pass needs; tests and the tick CLI run passes with it. */
  scheduler: SchedulerDeps;
  /** Sends queued messages now; `idle()` waits for that (tests). */
  outbox: OutboxKicker;
  /** Stops in reverse order of start; safe to call twice. */
  stop(): Promise<void>;
}

export async function startApp(options: StartOptions): Promise<RunningApp> {
  const { config, secrets, logger } = options;
  const clock = options.clock ?? systemClock;
  const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
  const stopAll = async () => {
    while (stops.length > 0) {
      const next = stops.pop();
      if (!next) break;
      try {
        await next.stop();
      } catch (error) {
        logger.error({ err: error, component: next.name }, 'error while stopping');
      }
    }
  };

  try {
    const database =
      options.database ?? (await openDatabase({ databaseUrl: secrets.databaseUrl, dataDir: config.dataDir }));
    if (!options.database) stops.push({ name: 'database', stop: () => database.close() });

    const { applied } = await migrateToLatest(database.db);
    logger.info({ applied, backend: database.kind }, 'database ready');

    const metrics = createMetrics();
    // Built once: every repository and feature dependency the listeners and jobs share.
    const context = createAppContext({ db: database.db, clock, config, secrets, logger });
    const schedulerDeps = createSchedulerDeps(context, { config, secrets, logger, metrics });
    const kicker = createOutboxKicker(schedulerDeps.dispatcher, logger.child({ subsystem: 'outbox' }));
    stops.push({ name: 'outbox', stop: () => kicker.stop() });
    const slack = createSlackApp({
      config,
      secrets,
      logger,
      metrics,
      context,
      kickOutbox: kicker.kick,
      oauth: schedulerDeps.oauth,
    });
    const serverDeps = {
      logger: logger.child({ subsystem: 'http' }),
      metrics,
      // Request freshness is about Slack's wall clock, never a simulated one.
      clock: systemClock,
      maxBodyBytes: MAX_BODY_BYTES,
      isHealthy: () => database.ping(),
      // Ready: the database answers and Slack has answered auth.test at least once.
      readiness: async () => ({
        database: await database.ping(),
        slack: slack.ready(),
      }),
    };
    // Public: Slack's requests and /healthz for load balancers.
    const http = createHttpServer({
      ...serverDeps,
      slackListener: slack.requestListener,
      slackPaths: slack.oauthPaths,
    });
    const port = await http.listen(config.port);
    stops.push({ name: 'http', stop: () => http.close() });
    // Operations: /readyz and /metrics on a port of their own (loopback by default), maybe with a token.
    let operationsUrl: string | undefined;
    if (config.operations) {
      const operations = createHttpServer({
        ...serverDeps,
        slackListener: undefined,
        operations: { bearerToken: secrets.metricsToken },
      });
      const opsPort = await operations.listen(config.operations.port, config.operations.host);
      stops.push({ name: 'operations http', stop: () => operations.close() });
      const host = config.operations.host === '0.0.0.0' ? '127.0.0.1' : config.operations.host;
      operationsUrl = `http://${host.includes(':') ? `[${host}]` : host}:${opsPort}`;
    }
    stops.push({ name: 'slack', stop: () => slack.stop() });
    await slack.start();
    let scheduler: RunningScheduler | undefined;
    if (config.scheduler) {
      scheduler = startScheduler(schedulerDeps, clock);
      stops.push({ name: 'scheduler', stop: () => scheduler?.stop() ?? Promise.resolve() });
    }
    logger.info(
      { port, operations: operationsUrl, mode: config.slack.mode, scheduler: config.scheduler },
      'Trust Habits is up',
    );

    return {
      port,
      url: `http://127.0.0.1:${port}`,
      operationsUrl,
      database,
      context,
      slack,
      metrics,
      scheduler: schedulerDeps,
      outbox: kicker,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Names this process in outbox leases and tick claims. */
export function instanceName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** For the tick CLI, benchmarks and tests: the app context and the scheduler over an open database. */
export function buildSchedulerDeps(input: {
  config: AppConfig;
  secrets: Secrets;
  logger: Logger;
  metrics: Metrics;
  db: Db;
  /** The app's clock (request handling); jobs read time from each tick's instant. */
  clock?: Clock;
}): SchedulerDeps & { context: AppContext; oauth: OAuthWorkspaces | undefined } {
  const { config, secrets, logger, db } = input;
  const context = createAppContext({ db, clock: input.clock ?? systemClock, config, secrets, logger });
  return createSchedulerDeps(context, input);
}

/** The scheduler's jobs and outbox dispatcher over the app context (and, with OAuth, the installations). */
export function createSchedulerDeps(
  context: AppContext,
  input: { config: AppConfig; secrets: Secrets; logger: Logger; metrics: Metrics },
): SchedulerDeps & {
  context: AppContext;
  /** OAuth mode: every workspace's installation and clients. */
  oauth: OAuthWorkspaces | undefined;
} {
  const { config, secrets, logger, metrics } = input;
  const instance = instanceName();
  // OAuth: each workspace's own token; otherwise the one bot token. One pacer per workspace either way.
  const oauth = config.slack.oauth
    ? createOAuthWorkspaces({ config, secrets, installations: context.stores.installations, logger })
    : undefined;
  const bulkClientFor =
    oauth?.bulkClientFor ?? singleBulkClient(secrets.botToken, config.slack.apiUrl, logger);
  const dispatcher: DispatcherDeps = {
    outbox: context.stores.outbox,
    logger: logger.child({ subsystem: 'outbox' }),
    metrics,
    pacer: new WorkspacePacer(config.pacing),
    clientFor: bulkClientFor,
    instance,
    now: () => new Date(),
    preparers: {
      [DIGEST_KIND]: createDigestPreparer(context.stores.digests, logger.child({ subsystem: 'digest' })),
    },
  };
  const jobs = buildJobs({
    context: { ...context, logger: logger.child({ subsystem: 'pulse' }) },
    clientFor: dispatcher.clientFor,
  });
  return {
    stores: context.stores,
    logger: logger.child({ subsystem: 'scheduler' }),
    metrics,
    instance,
    jobs,
    dispatcher,
    context,
    oauth,
  };
}

function singleBulkClient(token: string | undefined, apiUrl: string, logger: Logger) {
  if (!token) throw new Error('A bot token is required to send messages.');
  const pacedClient = createPacedClient(token, apiUrl, toBoltLogger(logger));
  return async (_workspaceId: string) => pacedClient;
}
