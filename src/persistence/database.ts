import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './tables.ts';
import { withTimeout } from '../with-timeout.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'postgres' | 'embedded';
  /** Embedded only: a tarball of the data directory (test snapshots). */
  dumpDataDir(): Promise<Blob>;
  /** True when the database answers a trivial query. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

// Both backends return the same JS types: int8 and numeric as numbers (counts and means fit in a
// double; ids are text or uuid), timestamptz as Date, and a calendar date as its 'YYYY-MM-DD' text
// (a Date would put it at midnight in the server's zone, which is nobody's zone).
const toNumber = (value: string) => Number(value);
const asText = (value: string) => value;

export interface PostgresOptions {
  url: string;
  /** Schema put first on the search_path (tests use one schema per file). */
  schema?: string;
  maxConnections?: number;
  applicationName?: string;
}

export function openPostgres(options: PostgresOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'trust-habits',
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    ...(options.schema ? { options: `-c search_path=${options.schema},public` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8 || oid === NUMERIC) return toNumber;
        if (oid === DATE) return asText;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // pg-pool only listens for errors on idle clients: one in use when the server goes away (a
  // restart, a failover) emits 'error' with nobody listening, which would crash the process. Its
  // query fails on its own and the pool drops the client on release.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    dumpDataDir: () => Promise.reject(new Error('dumpDataDir is only available on the embedded database')),
    ping: (timeoutMs) => ping(db, timeoutMs),
    close: () => db.destroy(),
  };
}

export interface EmbeddedOptions {
  /** Directory for the data files; undefined keeps everything in memory. */
  dataDir?: string;
  /** A tarball made with dumpDataDir, to start from a prepared snapshot. */
  snapshot?: Blob;
}

export async function openEmbedded(options: EmbeddedOptions): Promise<DatabaseHandle> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(options.dataDir, {
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: asText },
    ...(options.snapshot ? { loadDataDir: options.snapshot } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'embedded',
    dumpDataDir: () => pglite.dumpDataDir('none'),
    ping: (timeoutMs) => ping(db, timeoutMs),
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

export async function openDatabase(settings: {
  databaseUrl: string | undefined;
  dataDir: string;
}): Promise<DatabaseHandle> {
  if (settings.databaseUrl) return openPostgres({ url: settings.databaseUrl });
  return openEmbedded({ dataDir: `${settings.dataDir}/pglite` });
}

async function ping(db: Db, timeoutMs = 2_000): Promise<boolean> {
  const answered = await withTimeout(
    sql`select 1 as ok`.execute(db).then(() => true),
    timeoutMs,
  );
  return answered ?? false;
}
