import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryReport, seedDuePeople } from '../../support/checkin-population.ts';
import { DEMO_TEAM_ID } from '../../support/slack-emulator/seed.ts';
import type { SlackEmulator } from '../../support/slack-emulator/slack-emulator.ts';
import { type TestDatabase, testDatabaseUrl } from '../../support/test-database.ts';
import { openTickHarness, type TickHarness } from '../../support/tick-harness.ts';
import { spawnTick } from '../../support/tick-process.ts';

// Two `npm run tick` processes on one real PostgreSQL ticking different minutes of the same hour:
// each claims its own minute, so both run the due-work at once and race for the same people.

const PEOPLE = 1_000;

describe.runIf(testDatabaseUrl)('tick processes leading different minutes of one hour', () => {
  let harness: TickHarness;
  let database: TestDatabase;
  let emulator: SlackEmulator;
  let env: Record<string, string>;

  beforeAll(async () => {
    harness = await openTickHarness({ ratePerSecond: 200, burst: 10 });
    ({ database, emulator, env } = harness);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('two processes ticking different minutes of the hour both run due-work, and still one DM each', async () => {
    const due = new Date('2027-03-01T10:00:00Z');
    const people = await seedDuePeople(database.db, {
      workspaceId: DEMO_TEAM_ID,
      prefix: 'HOUR',
      count: PEOPLE,
      dueAt: due,
      profileFetchedAt: due,
      emulator,
    });
    emulator.reset();

    // Different slots: each process is the leader of its minute and queues what it finds due.
    const results = await Promise.all([
      spawnTick(new Date('2027-03-01T10:07:00Z'), env).done,
      spawnTick(new Date('2027-03-01T10:41:00Z'), env).done,
    ]);
    for (const result of results) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.summary, result.stdout).toBeDefined();
    }
    const summaries = results.map((r) => r.summary);
    console.info(
      `same hour: ${summaries.map((s) => `queued ${s?.jobs.checkins?.queued}, already handled ${s?.jobs.checkins?.alreadyHandled}, sent ${s?.sent.sent}`).join('; ')}`,
    );

    expect(summaries.every((s) => s?.leader)).toBe(true);
    expect(summaries.reduce((n, s) => n + (s?.jobs.checkins?.queued ?? 0), 0)).toBe(PEOPLE);
    expect(summaries.reduce((n, s) => n + (s?.sent.sent ?? 0), 0)).toBe(PEOPLE);
    expect(deliveryReport(emulator, people)).toEqual({
      once: PEOPLE,
      missing: [],
      duplicated: [],
      extraMessages: 0,
    });
    expect(emulator.calls('chat.postMessage')).toHaveLength(PEOPLE);
    const checkins = await database.db
      .selectFrom('checkins')
      .select('user_id')
      .where('user_id', 'in', people)
      .execute();
    expect(checkins).toHaveLength(PEOPLE);
  }, 60_000);
});
