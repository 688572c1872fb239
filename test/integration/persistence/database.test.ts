import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../../src/persistence/database.ts';
import { migrateToLatest } from '../../../src/persistence/migrator.ts';
import { createPgUserRepository } from '../../../src/persistence/pg-user.repository.ts';
import { claimEvent, deleteWorkspace } from '../../../src/persistence/pg-workspace.repository.ts';
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../../support/test-database.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('the database layer', () => {
  it('returns the same types on both backends: counts and numerics as numbers, timestamps as Dates', async () => {
    const { rows } = await sql<{ n: unknown; c: unknown; d: unknown; b: unknown }>`
      select (select count(*) from workspaces where id = 'none') as c, 2.5::numeric as n, now() as d, true as b`.execute(
      database.db,
    );
    expect(rows[0]).toEqual({ c: 0, n: 2.5, d: expect.any(Date), b: true });
  });

  it('commits a transaction and rolls one back without leaving half of it', async () => {
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('workspaces').values({ id: 'T0COMMIT1' }).execute();
    });
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('workspaces').values({ id: 'T0ROLLBK1' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const ids = (await database.db.selectFrom('workspaces').select('id').execute()).map((r) => r.id);
    expect(ids).toContain('T0COMMIT1');
    expect(ids).not.toContain('T0ROLLBK1');
  });

  it('reports affected row counts', async () => {
    await database.db.insertInto('workspaces').values({ id: 'T0COUNT01' }).execute();
    const result = await database.db
      .updateTable('workspaces')
      .set({ name: 'x' })
      .where('id', '=', 'T0COUNT01')
      .executeTakeFirst();
    expect(result.numUpdatedRows).toBe(1n);
  });

  it('is a no-op to migrate an up-to-date database', async () => {
    expect(await migrateToLatest(database.db, database.schema ? { schema: database.schema } : {})).toEqual({
      applied: [],
    });
  });

  it('claims an event id once', async () => {
    expect(await claimEvent(database.db, 'Ev0ONCE001', 'T0COUNT01')).toBe(true);
    expect(await claimEvent(database.db, 'Ev0ONCE001', 'T0COUNT01')).toBe(false);
  });

  it("keeps a person's own language when Slack's profile is refreshed, and deletes them with the workspace", async () => {
    const users = createPgUserRepository(database.db);
    const profile = {
      workspaceId: 'T0USERS01',
      userId: 'U0KARI001',
      tz: 'Europe/Oslo',
      slackLocale: 'en-US',
      isAdmin: false,
      isOwner: false,
      isBot: false,
      isDeleted: false,
      profileFetchedAt: new Date('2026-11-01T00:00:00Z'),
    };
    await users.saveSlackProfile(profile);
    await database.db
      .updateTable('users')
      .set({ language_choice: 'nb', language: 'nb' })
      .where('slack_user_id', '=', 'U0KARI001')
      .execute();
    const refreshed = await users.saveSlackProfile({ ...profile, tz: 'America/New_York' });
    expect(refreshed).toMatchObject({ language: 'nb', tz: 'America/New_York' });
    expect(await deleteWorkspace(database.db, 'T0USERS01')).toBe(true);
    expect(await users.find('T0USERS01', 'U0KARI001')).toBeUndefined();
    expect(await deleteWorkspace(database.db, 'T0USERS01')).toBe(false);
  });
});

describe.runIf(testDatabaseUrl)('migrations on real PostgreSQL', () => {
  it('apply once when several instances start together', async () => {
    const url = testDatabaseUrl as string;
    const schema = `race_${Date.now().toString(36)}`;
    const admin = openPostgres({ url, maxConnections: 1 });
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    const instances = Array.from({ length: 4 }, () => openPostgres({ url, schema, maxConnections: 2 }));
    try {
      const outcomes = await Promise.all(instances.map((i) => migrateToLatest(i.db, { schema })));
      const applied = outcomes.flatMap((o) => o.applied);
      expect(applied.length).toBeGreaterThan(0);
      expect(new Set(applied).size).toBe(applied.length);
    } finally {
      for (const instance of instances) await instance.close();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.close();
    }
  });
});
