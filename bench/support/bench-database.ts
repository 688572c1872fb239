import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { type DatabaseHandle, openEmbedded, openPostgres } from '../../src/persistence/database.ts';
import { migrateToLatest } from '../../src/persistence/migrator.ts';

export interface BenchDatabase extends DatabaseHandle {
  /** 'embedded' (in-memory PGlite) or 'postgres'. */
  label: string;
}

/**
 * A migrated database for one benchmark: in-memory PGlite by default, or a schema of its own on
 * the PostgreSQL at BENCH_DATABASE_URL (dropped again on close).
 */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const url = process.env.BENCH_DATABASE_URL?.trim();
  if (!url) {
    const handle = await openEmbedded({});
    await migrateToLatest(handle.db);
    return { ...handle, label: 'embedded' };
  }
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres({ url, maxConnections: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const handle = openPostgres({ url, schema });
  await migrateToLatest(handle.db, { schema });
  return {
    ...handle,
    label: 'postgres',
    async close() {
      await handle.close();
      const cleanup = openPostgres({ url, maxConnections: 1 });
      await sql`drop schema ${sql.id(schema)} cascade`.execute(cleanup.db);
      await cleanup.close();
    },
  };
}
