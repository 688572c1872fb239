import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { type DatabaseHandle, openEmbedded, openPostgres } from '../../src/persistence/database.ts';
import { MIGRATION_LOCK_KEY, migrateTo, migrateToLatest } from '../../src/persistence/migrator.ts';

export const testDatabaseUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;

export interface TestDatabase extends DatabaseHandle {
  /** The schema this test file owns on real PostgreSQL; undefined on PGlite. */
  schema: string | undefined;
}

/**
 * A migrated database of its own for one test file: a fresh schema on real PostgreSQL when
 * TEST_DATABASE_URL is set, else an embedded database loaded from the prepared snapshot.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDatabaseUrl) return createPostgresSchemaDatabase(testDatabaseUrl);
  // The snapshot was migrated to the latest migration by this run's global setup.
  const snapshot = new Blob([readFileSync(inject('pgliteSnapshot'))]);
  return { ...(await openEmbedded({ snapshot })), schema: undefined };
}

async function createPostgresSchemaDatabase(url: string): Promise<TestDatabase> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres({ url, maxConnections: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const handle = openPostgres({ url, schema });
  await migrateToLatest(handle.db, { schema });
  return {
    ...handle,
    schema,
    async close() {
      await handle.close();
      const cleanup = openPostgres({ url, maxConnections: 1 });
      // Under the migration lock: a migrator starting in another file reads every schema's columns,
      // and tables dropped in the middle of that read fail it.
      await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(cleanup.db);
      await sql`drop schema ${sql.id(schema)} cascade`.execute(cleanup.db);
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(cleanup.db);
      await cleanup.close();
    },
  };
}

/** Steps a test database up or down to `target` (a migration's tests), under the migration lock. */
export function migrateTestDatabaseTo(database: TestDatabase, target: string) {
  return migrateTo(database.db, target, database.schema ? { schema: database.schema } : {});
}
