import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../src/persistence/migrator.ts';
import { createTestDatabase, migrateTestDatabaseTo, type TestDatabase } from '../../support/test-database.ts';

// Migration 20261205T180000-outbox-subjects: rows queued before it get their subject columns from
// the key formats of the time, once; `down` drops the columns again.

let database: TestDatabase;
let db: Kysely<any>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(async () => {
  await database.close();
});

const PROMISE = '0b5d2c1e-4f4e-4d3a-9a52-2b1c9d7e8f60';
const TEAM = '7f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f';

async function columnsOfOutbox(): Promise<string[]> {
  const { rows } = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_name = 'outbox' and table_schema = current_schema()`.execute(db);
  return rows.map((r) => r.column_name);
}

describe('the outbox-subjects migration', () => {
  it('fills whom each queued message concerns from the old keys, and steps down again', async () => {
    const down = await migrateTestDatabaseTo(database, '20261205T160000-fanout-indexes');
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => r.migrationName)).toContain('20261205T180000-outbox-subjects');
    expect(await columnsOfOutbox()).not.toContain('person_id');

    await db.insertInto('workspaces').values({ id: 'T0MIGS' }).execute();
    const rows: Array<[key: string, kind: string, channel: string]> = [
      ['checkin:T0MIGS:U0ALICE:2027-W01', 'checkin', 'U0ALICE'],
      ['habit-nudge:T0MIGS:U0ALICE:2027-W01', 'habit_nudge', 'U0ALICE'],
      ['pulse-followup:T0MIGS:tagXYZ:2027-W01', 'pulse_followup', 'U0BOB'],
      [`pulse-step:T0MIGS:${TEAM}:tagXYZ:2027-W01`, 'pulse_step', 'U0BOB'],
      [`pulse-result:${TEAM}:2027-W01:U0MGR`, 'pulse_result', 'U0MGR'],
      [`promise:T0MIGS:${PROMISE}:made`, 'promise_made', 'U0RECIP'],
      [`promise:T0MIGS:${PROMISE}:due:2027-01-08T15:00:00.000Z:r0`, 'promise_reminder', 'U0OWNER'],
      [`digest:${TEAM}:2027-W01`, 'channel_digest', 'C0TEAM'],
      [`digest-now:${TEAM}:70001.80002.abc`, 'channel_digest', 'C0TEAM'],
      ['something:else:entirely', 'unknown_kind', 'C0OTHER'],
    ];
    await db
      .insertInto('outbox')
      .values(
        rows.map(([idempotency_key, kind, channel]) => ({
          workspace_id: 'T0MIGS',
          idempotency_key,
          kind,
          channel,
          message: JSON.stringify({ text: 'queued before the upgrade' }),
        })),
      )
      .execute();

    const up = await migrateTestDatabaseTo(database, '20261205T180000-outbox-subjects');
    expect(up.error).toBeUndefined();
    const stored = await db
      .selectFrom('outbox')
      .select(['idempotency_key', 'person_id', 'promise_id', 'team_id'])
      .where('workspace_id', '=', 'T0MIGS')
      .execute();
    const subject = (key: string) => {
      const row = stored.find((r) => r.idempotency_key === key);
      return { personId: row?.person_id, promiseId: row?.promise_id, teamId: row?.team_id };
    };
    const none = { personId: null, promiseId: null, teamId: null };
    expect(subject('checkin:T0MIGS:U0ALICE:2027-W01')).toEqual({ ...none, personId: 'U0ALICE' });
    expect(subject('habit-nudge:T0MIGS:U0ALICE:2027-W01')).toEqual({ ...none, personId: 'U0ALICE' });
    expect(subject('pulse-followup:T0MIGS:tagXYZ:2027-W01')).toEqual({ ...none, personId: 'U0BOB' });
    expect(subject(`pulse-step:T0MIGS:${TEAM}:tagXYZ:2027-W01`)).toEqual({
      ...none,
      personId: 'U0BOB',
      teamId: TEAM,
    });
    expect(subject(`pulse-result:${TEAM}:2027-W01:U0MGR`)).toEqual({
      ...none,
      personId: 'U0MGR',
      teamId: TEAM,
    });
    expect(subject(`promise:T0MIGS:${PROMISE}:made`)).toEqual({
      ...none,
      personId: 'U0RECIP',
      promiseId: PROMISE,
    });
    expect(subject(`promise:T0MIGS:${PROMISE}:due:2027-01-08T15:00:00.000Z:r0`)).toEqual({
      ...none,
      personId: 'U0OWNER',
      promiseId: PROMISE,
    });
    expect(subject(`digest:${TEAM}:2027-W01`)).toEqual({ ...none, teamId: TEAM });
    expect(subject(`digest-now:${TEAM}:70001.80002.abc`)).toEqual({ ...none, teamId: TEAM });
    expect(subject('something:else:entirely')).toEqual(none);

    const again = await migrateTestDatabaseTo(database, '20261205T160000-fanout-indexes');
    expect(again.error).toBeUndefined();
    expect(await columnsOfOutbox()).not.toContain('person_id');
    expect(
      await db.selectFrom('outbox').select('id').where('workspace_id', '=', 'T0MIGS').execute(),
    ).toHaveLength(rows.length);
    await migrateToLatest(db, database.schema ? { schema: database.schema } : {});
    expect(await columnsOfOutbox()).toEqual(expect.arrayContaining(['person_id', 'promise_id', 'team_id']));
  });
});
