import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openEmbedded } from '../../src/persistence/database.ts';
import { migrateToLatest } from '../../src/persistence/migrator.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
  }
}

/**
 * Migrates one embedded database and dumps it, so each test file starts from a ready snapshot
 * instead of running initdb and every migration again.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'trust-habits-test-'));
  const file = join(dir, 'migrated.tar');
  const handle = await openEmbedded({});
  await migrateToLatest(handle.db);
  const dump = await handle.dumpDataDir();
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgliteSnapshot', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
