import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
 * instead of running initdb and every migration again. The integration projects share one: this
 * module may be loaded once per project, so the snapshot is remembered on the process.
 */
export default async function setup(project: TestProject) {
  const shared = globalThis as { [SNAPSHOT]?: Promise<string> };
  const owner = shared[SNAPSHOT] === undefined;
  shared[SNAPSHOT] ??= prepareSnapshot();
  const file = await shared[SNAPSHOT];
  project.provide('pgliteSnapshot', file);
  return () => {
    if (owner) rmSync(dirname(file), { recursive: true, force: true });
  };
}

const SNAPSHOT = Symbol.for('trust-habits.pglite-snapshot');

async function prepareSnapshot(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'trust-habits-test-'));
  const file = join(dir, 'migrated.tar');
  const handle = await openEmbedded({});
  await migrateToLatest(handle.db);
  const dump = await handle.dumpDataDir();
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  return file;
}
