import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Database } from '../../src/persistence/tables.ts';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.ts';

export interface FileTestAppOptions extends TestAppOptions {
  /**
   * Before each test the sends the previous test started finish, then the emulator forgets what it
   * saw and these tables are emptied, in this order (children before their parents). Without it,
   * the tests of the file share whatever the earlier ones left.
   */
  clearBeforeEach?: Array<keyof Database>;
}

/**
 * One app for a whole test file: started before its first test, closed after its last. Call it at
 * the top of the file; use the result inside tests and hooks.
 */
export function useFileTestApp(options: FileTestAppOptions = {}): TestApp {
  const { clearBeforeEach, ...appOptions } = options;
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
  if (clearBeforeEach) {
    beforeEach(async () => {
      const t = current();
      await t.app.outbox.idle();
      t.emulator.reset();
      for (const table of clearBeforeEach) await t.database.db.deleteFrom(table).execute();
    });
  }
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
  options: TestAppOptions & { alsoClear?: Array<keyof Database> } = {},
): TestApp {
  const { alsoClear = [], ...appOptions } = options;
  return useFileTestApp({ ...appOptions, clearBeforeEach: [...alsoClear, 'promises', 'outbox'] });
}
