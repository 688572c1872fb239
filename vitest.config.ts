import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type InlineConfig, type TestSpecification } from 'vitest/node';

// Integration files that measure how fast the app answers while it works hard: they run alone, after
// the others, as the whole suite used to, not beside another file competing for the two cores.
const ALONE = ['test/integration/checkins/fanout-faults.test.ts'];

const integration: InlineConfig = {
  environment: 'node',
  globalSetup: ['test/support/global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks',
  // Each worker imports the app once, not once per file: a third less CPU for the suite.
  // Every file still gets its own database, emulator and app.
  isolate: false,
};

// The longest files, started first so that no worker is left running one of them alone at the end.
// Vitest orders by the timings of earlier runs when it has them; a fresh CI install has none, and
// then it starts the largest files first, which puts the short-but-slow ones (a child process
// doing the work) last.
const SLOW_FIRST = [
  'test/integration/cli.test.ts',
  'test/integration/operations/built-app.test.ts',
  'test/integration/checkins/checkin-scheduler.test.ts',
  'test/integration/promises/promise-reminders.test.ts',
  'test/integration/habits/habits.test.ts',
];

class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = SLOW_FIRST.findIndex((path) => spec.moduleId.endsWith(path));
      return at < 0 ? SLOW_FIRST.length : at;
    };
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map(({ spec }) => spec);
  }
}

export default defineConfig({
  test: {
    // At least two files at a time. Vitest's default (cores − 1) ran the whole suite in a single
    // worker on the 2-core CI machine and left a core idle; the suite is CPU-bound, not I/O-bound.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: SlowFilesFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Unit tests do no I/O and share no state; importing the sources once per worker instead
          // of once per file is most of their time.
          isolate: false,
        },
      },
      {
        test: {
          ...integration,
          name: 'integration',
          // The fuzz also runs here at a reduced count (test/faults/README.md).
          include: ['test/integration/**/*.test.ts', 'test/faults/fuzz.test.ts'],
          exclude: [...configDefaults.exclude, ...ALONE],
        },
      },
      {
        test: {
          ...integration,
          name: 'integration-alone',
          include: ALONE,
          // After the files that share the cores, one at a time.
          sequence: { groupOrder: 1 },
          maxWorkers: 1,
        },
      },
      // The fault suite (`npm run test:faults`) only when asked for: it is too slow for `npm test`.
      ...(process.env.FAULT_SCALE
        ? [
            {
              test: {
                name: 'faults',
                include: ['test/faults/**/*.test.ts'],
                environment: 'node',
                globalSetup: ['test/support/global-setup.ts'],
                testTimeout: 120_000,
                hookTimeout: 60_000,
                pool: 'forks' as const,
                // One file at a time: the multi-process and soak tests measure time and memory.
                fileParallelism: false,
                execArgv: ['--expose-gc'],
              },
            },
          ]
        : []),
    ],
  },
});
