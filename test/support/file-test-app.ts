import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Database } from '../../src/persistence/tables.ts';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.ts';

export interface FileTestAppOptions extends TestAppOptions {
  /** Tables emptied before each test, in this order (children before their parents). */
  emptyBeforeEach?: Array<keyof Database>;
}

/**
 * One app for a whole test file: started before its first test, closed after its last. Before
 * each test the sends the previous test started finish, then the emulator's record and the
 * listed tables are emptied. Call it at the top of the file; use the result inside tests and hooks.
 */
export function useFileTestApp(options: FileTestAppOptions = {}): TestApp {
  const { emptyBeforeEach = [], ...appOptions } = options;
  let started: TestApp | undefined;
  const current = (): TestApp => {
    if (!started) throw new Error('the test app is only there once the file’s beforeAll has run');
    return started;
  };
  beforeAll(async () => {
    started = await startTestApp(appOptions);
  });
  afterAll(async () => {
    await started?.close();
  });
  beforeEach(async () => {
    const t = current();
    await t.app.outbox.idle();
    t.emulator.reset();
    for (const table of emptyBeforeEach) await t.database.db.deleteFrom(table).execute();
  });
  // The harness replaces its app on restart(), so the tests read it through the started one.
  return {
    get app() {
      return current().app;
    },
    get database() {
      return current().database;
    },
    get emulator() {
      return current().emulator;
    },
    get driver() {
      return current().driver;
    },
    restart: () => current().restart(),
    close: () => current().close(),
  };
}

/** The file's app for the promise tests: every test starts with no promises and an empty outbox. */
export function usePromiseTestApp(
  options: TestAppOptions & { emptyAlsoBeforeEach?: Array<keyof Database> } = {},
): TestApp {
  const { emptyAlsoBeforeEach = [], ...appOptions } = options;
  return useFileTestApp({ ...appOptions, emptyBeforeEach: [...emptyAlsoBeforeEach, 'promises', 'outbox'] });
}
