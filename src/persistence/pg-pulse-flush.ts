import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import type { PulseFlushCoordinator } from '../domain/pulse/ports.ts';
import type { PulseCollector } from '../domain/pulse/pulse-collector.ts';
import type { Logger } from '../logger.ts';
import type { Db } from './database.ts';

// Several instances on one PostgreSQL each hold their own pulse buffer. Before a round closes,
// the closer (an instance's scheduler or `npm run tick`) asks every live instance over
// LISTEN/NOTIFY to write what it holds, and waits for their answers within a bound.

const FLUSH = 'trust_habits_pulse_flush';
const FLUSHED = 'trust_habits_pulse_flushed';
const LIVE_WITHIN_SECONDS = 90;
const HEARTBEAT_MS = 30_000;

const flushRequest = z.object({
  requestId: z.string().min(1),
  teamId: z.string().min(1),
  weekYear: z.number().int(),
  weekNumber: z.number().int(),
});
const flushAnswer = z.object({ requestId: z.string(), instance: z.string() });

function parseJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

export interface PulseFlushListener {
  stop(): Promise<void>;
}

/** Makes this instance answer flush requests for the ratings its collector holds. */
export async function startPulseFlushListener(options: {
  url: string;
  db: Db;
  collector: PulseCollector;
  instance: string;
  logger: Logger;
}): Promise<PulseFlushListener> {
  const { db, collector, instance, logger } = options;
  let client: pg.Client | undefined;
  let alive = false;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const onNotification = (notification: pg.Notification) => {
    if (notification.channel !== FLUSH) return;
    const request = flushRequest.safeParse(parseJson(notification.payload));
    if (!request.success) return;
    const { requestId, teamId, weekYear, weekNumber } = request.data;
    collector
      .flushForClose({ teamId, week: { weekYear, weekNumber } })
      .then(() => sql`select pg_notify(${FLUSHED}, ${JSON.stringify({ requestId, instance })})`.execute(db))
      .catch((error: unknown) => logger.error({ err: error }, 'pulse flush before close failed'));
  };

  // One LISTEN connection; when it is lost (a database restart, a failover) it is opened again
  // with back-off, so the instance answers flush requests again without a restart.
  const connect = async (): Promise<void> => {
    const next = new pg.Client({
      connectionString: options.url,
      application_name: 'trust-habits-pulse-listener',
    });
    next.on('error', (error) => {
      // Without the connection we cannot answer: stop claiming to be live, so closers do not wait.
      if (client !== next) return;
      alive = false;
      client = undefined;
      logger.error({ err: error }, 'pulse flush listener lost its connection; reconnecting');
      next.end().catch(() => undefined);
      scheduleReconnect(0);
    });
    next.on('notification', onNotification);
    await next.connect();
    await next.query(`LISTEN ${FLUSH}`);
    client = next;
    alive = true;
  };
  const scheduleReconnect = (failures: number) => {
    if (stopped) return;
    const delay = Math.min(30_000, 500 * 2 ** failures);
    retry = setTimeout(() => {
      connect().then(
        () => {
          logger.info('pulse flush listener reconnected');
          beat().catch(() => undefined);
        },
        () => scheduleReconnect(failures + 1),
      );
    }, delay);
    retry.unref();
  };
  await connect();

  const beat = async () => {
    if (!alive) return;
    await db
      .insertInto('app_instances')
      .values({ instance, seen_at: new Date() })
      .onConflict((oc) => oc.column('instance').doUpdateSet({ seen_at: new Date() }))
      .execute();
  };
  await beat();
  const timer = setInterval(() => {
    beat().catch((error: unknown) => logger.warn({ err: error }, 'pulse listener heartbeat failed'));
  }, HEARTBEAT_MS);
  timer.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(retry);
      await db
        .deleteFrom('app_instances')
        .where('instance', '=', instance)
        .execute()
        .catch(() => undefined);
      await client?.end().catch(() => undefined);
    },
  };
}

/** The closer's side: ask, then wait for every live instance (or the bound). */
export function createPgPulseFlushCoordinator(options: {
  url: string;
  db: Db;
  logger: Logger;
  waitMs?: number;
}): PulseFlushCoordinator {
  const { db, logger } = options;
  return {
    async requestFlush(round) {
      const live = await db
        .selectFrom('app_instances')
        .select('instance')
        .where('seen_at', '>', sql<Date>`now() - make_interval(secs => ${LIVE_WITHIN_SECONDS})`)
        .execute();
      if (live.length === 0) return { asked: 0, answered: 0 };
      const waiting = new Set(live.map((r) => r.instance));
      const requestId = randomBytes(8).toString('hex');
      const client = new pg.Client({
        connectionString: options.url,
        application_name: 'trust-habits-pulse-closer',
      });
      client.on('error', () => {});
      await client.connect();
      try {
        let answered = 0;
        const done = new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.waitMs ?? 5_000);
          client.on('notification', (notification) => {
            const answer = flushAnswer.safeParse(parseJson(notification.payload));
            if (
              !answer.success ||
              answer.data.requestId !== requestId ||
              !waiting.delete(answer.data.instance)
            )
              return;
            answered += 1;
            if (waiting.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          });
        });
        await client.query(`LISTEN ${FLUSHED}`);
        const payload = JSON.stringify({ requestId, teamId: round.teamId, ...round.week });
        await client.query('select pg_notify($1, $2)', [FLUSH, payload]);
        await done;
        if (waiting.size > 0)
          logger.warn({ missing: waiting.size }, 'some instances did not confirm a pulse flush in time');
        return { asked: live.length, answered };
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}
