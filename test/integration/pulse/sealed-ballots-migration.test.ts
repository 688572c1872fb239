import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PulseBallotBox } from '../../../src/domain/pulse/ballot-box.ts';
import { pulseKeys } from '../../../src/domain/pulse/ballot.ts';
import { participationMark } from '../../../src/domain/pulse/participation-mark.ts';
import { migrateToLatest } from '../../../src/persistence/migrator.ts';
import { createPgPulseRepository } from '../../../src/persistence/pg-pulse.repository.ts';
import { createTestDatabase, migrateTestDatabaseTo, type TestDatabase } from '../../support/test-database.ts';

// Migration 20261205T100000-sealed-ballots, from the tables of the in-memory design: rounds open
// across the upgrade keep their marks and counts, and their close adds the new ballots to them.

const SECRET = 'migration-pulse-secret-0123456789';
let database: TestDatabase;
// The schema as it was before the migration, as migrations see it.
let db: Kysely<any>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(async () => {
  await database.close();
});

describe('the sealed-ballots migration', () => {
  it('moves from in-memory buffers to ballots: open rounds keep their marks and counts, closed ones stay', async () => {
    // Back to the last migration before sealed ballots (later ones are undone on the way).
    const down = await migrateTestDatabaseTo(database, '20261123T230000-profile-refresh-index');
    expect(down.error).toBeUndefined();
    expect(down.results?.at(-1)?.migrationName).toBe('20261205T100000-sealed-ballots');

    // Yesterday's data: a workspace with a team, a closed round, and an open one with a batch of
    // three ratings written as counts, their marks, and a live instance announced for flushes.
    await db.insertInto('workspaces').values({ id: 'T0MIG' }).execute();
    const team = await db
      .insertInto('teams')
      .values({
        workspace_id: 'T0MIG',
        channel_id: 'C0MIG',
        created_by: 'U0MIG0',
        time_zone: 'Europe/Oslo',
        language: 'en',
        min_group_size: 5,
        checkin_weekday: 1,
        checkin_time: '10:00',
        digest_enabled: true,
        digest_weekday: 1,
        digest_time: '09:00',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const open = { teamId: team.id as string, week: { weekYear: 2027, weekNumber: 3 } };
    const cols = { team_id: team.id, week_year: 2027, week_number: 3 };
    await db
      .insertInto('pulse_rounds')
      .values([
        { ...cols, week_number: 2, closed: true, respondents: 6, members: 7 },
        { ...cols, closed: false },
      ])
      .execute();
    await db
      .insertInto('pulse_tallies')
      .values([
        { ...cols, week_number: 2, item: 1, score: 4, count: 6 },
        ...[1, 2, 3, 4].map((item) => ({ ...cols, item, score: 3, count: 3 })),
      ])
      .execute();
    await db
      .insertInto('pulse_participation')
      .values(
        ['U0MIG1', 'U0MIG2', 'U0MIG3'].map((u) => ({
          ...cols,
          mark: participationMark(SECRET, 'T0MIG', open, u),
        })),
      )
      .execute();
    await db.insertInto('app_instances').values({ instance: 'old-instance' }).execute();

    await migrateToLatest(database.db, database.schema ? { schema: database.schema } : {});
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = current_schema()`.execute(db);
    const names = tables.rows.map((r) => r.table_name);
    expect(names).toContain('pulse_ballots');
    expect(names).not.toContain('app_instances');

    const box = new PulseBallotBox({ pulse: createPgPulseRepository(database.db), keys: pulseKeys(SECRET) });
    const scores = { credibility: 5, reliability: 5, intimacy: 5, selfOrientation: 1 };
    // Those who rated before the upgrade are still recognised; two more rate as sealed ballots.
    expect(await box.submit({ workspaceId: 'T0MIG', round: open, userId: 'U0MIG1', scores })).toBe(
      'duplicate',
    );
    for (const u of ['U0MIG4', 'U0MIG5'])
      expect(await box.submit({ workspaceId: 'T0MIG', round: open, userId: u, scores })).toBe('counted');

    expect(await box.closeRound({ ...open, workspaceId: 'T0MIG' }, 5, 7)).toEqual({
      respondents: 5,
      unreadable: 0,
    });
    const tallies = await sql<{ item: number; score: number; count: number; x: string }>`
      select item, score, count, xmin::text as x from pulse_tallies
      where team_id = ${team.id} and week_number = 3 order by item, score`.execute(db);
    expect(tallies.rows.map((r) => [r.item, r.score, r.count])).toEqual([
      [1, 3, 3],
      [1, 5, 2],
      [2, 3, 3],
      [2, 5, 2],
      [3, 3, 3],
      [3, 5, 2],
      [4, 1, 2],
      [4, 3, 3],
    ]);
    // Old and new counts were written again together: one transaction, one xmin.
    expect(new Set(tallies.rows.map((r) => r.x)).size).toBe(1);
    // The round closed before the upgrade is as it was.
    const closed = await db
      .selectFrom('pulse_rounds')
      .select(['respondents', 'members', 'unreadable'])
      .where('team_id', '=', team.id)
      .where('week_number', '=', 2)
      .executeTakeFirstOrThrow();
    expect(closed).toEqual({ respondents: 6, members: 7, unreadable: null });
    expect(await db.selectFrom('pulse_ballots').selectAll().execute()).toHaveLength(0);
    expect(await db.selectFrom('pulse_participation').selectAll().execute()).toHaveLength(0);
  });
});
