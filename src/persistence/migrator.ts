import { type Kysely, type MigrationResultSet, Migrator, sql } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import type { Database } from './tables.ts';

// Arbitrary but fixed: every instance takes the same session lock before migrating.
export const MIGRATION_LOCK_KEY = 727_274_001;

export interface MigrationOutcome {
  applied: string[];
}

/**
 * Applies pending migrations. A session-level advisory lock wraps the whole run (including the
 * creation of Kysely's own bookkeeping tables), so instances starting together queue up and the
 * later ones find nothing to do.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  options: { schema?: string } = {},
): Promise<MigrationOutcome> {
  const result = await underMigrationLock(db, options, (migrator) => migrator.migrateToLatest());
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(failed, result.error);
  }
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}

/**
 * Migrates up or down to `target`, under the same lock (tests of a migration's `up` and `down`).
 * The lock matters beyond this database's schema: Kysely's migrator reads every schema's columns
 * when it starts, and a column dropped meanwhile in another schema fails that read.
 */
export async function migrateTo(
  db: Kysely<Database>,
  target: string,
  options: { schema?: string } = {},
): Promise<MigrationResultSet> {
  return underMigrationLock(db, options, (migrator) => migrator.migrateTo(target));
}

async function underMigrationLock(
  db: Kysely<Database>,
  options: { schema?: string },
  run: (migrator: Migrator) => Promise<MigrationResultSet>,
): Promise<MigrationResultSet> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      const migrator = new Migrator({
        db: conn,
        provider: { getMigrations: async () => migrations },
        // With a schema of its own (tests), Kysely must not find another schema's bookkeeping.
        ...(options.schema ? { migrationTableSchema: options.schema } : {}),
      });
      return await run(migrator);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}

export class MigrationError extends Error {
  readonly code = 'migration_failed';
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`Migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}
