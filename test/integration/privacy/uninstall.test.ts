import { beforeAll, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../../src/scheduler/outbox-dispatcher.ts';
import type { WorkspacePacer } from '../../../src/slack/runtime/paced-client.ts';
import { eventually } from '../../support/eventually.ts';
import { scanSchema, TEXT_TYPES } from '../../support/schema-scan.ts';
import { DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { TestClock } from '../../support/test-clock.ts';
import { useFileTestApp } from '../../support/file-test-app.ts';

const clock = new TestClock('2027-01-04T07:00:00Z'); // Monday 08:00 in Oslo

const t = useFileTestApp({ clock });

const db = () => t.database.db;

/** Rows of one workspace in every table the app has, inserted directly; returns its identifiers. */
async function seedWorkspace(workspaceId: string): Promise<string[]> {
  t.emulator.addWorkspace({ id: workspaceId, name: `ws ${workspaceId}` });
  const [a, b] = [`U${workspaceId}A`, `U${workspaceId}B`];
  await db()
    .insertInto('workspaces')
    .values({ id: workspaceId, name: 'seeded', bot_user_id: `U${workspaceId}BOT` })
    .execute();
  await db()
    .insertInto('users')
    .values(
      [a, b].map((id) => ({
        workspace_id: workspaceId,
        slack_user_id: id,
        tz: 'Europe/Oslo',
        language: 'en' as const,
      })),
    )
    .execute();
  await db()
    .insertInto('checkin_schedules')
    .values(
      [a, b].map((user_id) => ({
        workspace_id: workspaceId,
        user_id,
        next_due_at: new Date('2027-01-11T09:00:00Z'),
      })),
    )
    .execute();
  await db()
    .insertInto('checkins')
    .values({
      workspace_id: workspaceId,
      user_id: a,
      week: '2027-W01',
      outcome: 'queued',
      due_at: new Date(),
    })
    .execute();
  await db()
    .insertInto('habit_reflections')
    .values({
      workspace_id: workspaceId,
      user_id: a,
      week: '2027-W01',
      habit_id: 'no_gossip',
      answer: 'often',
      answered_at: new Date(),
    })
    .execute();
  await db()
    .insertInto('habit_nudge_schedules')
    .values({ workspace_id: workspaceId, user_id: a, zone: 'Europe/Oslo' })
    .execute();
  await db()
    .insertInto('habit_nudges')
    .values({ workspace_id: workspaceId, user_id: a, week: '2027-W01', outcome: 'queued' })
    .execute();
  await db()
    .insertInto('promises')
    .values({
      workspace_id: workspaceId,
      owner_id: a,
      recipient_id: b,
      text: 'ship it',
      due_at: new Date('2027-01-08T12:00:00Z'),
      state: 'open',
      created_at: new Date(),
    })
    .execute();
  const team = await db()
    .insertInto('teams')
    .values({
      workspace_id: workspaceId,
      channel_id: `C${workspaceId}`,
      created_by: a,
      time_zone: 'Europe/Oslo',
      language: 'en',
      min_group_size: 5,
      checkin_weekday: 1,
      checkin_time: '10:00',
      digest_enabled: true,
      digest_weekday: 5,
      digest_time: '14:00',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db()
    .insertInto('team_members')
    .values([a, b].map((user_id) => ({ team_id: team.id, user_id })))
    .execute();
  await db().insertInto('team_managers').values({ team_id: team.id, user_id: a, granted_by: a }).execute();
  const round = { team_id: team.id, week_year: 2027, week_number: 1 };
  await db()
    .insertInto('pulse_rounds')
    .values({ ...round, closed: false, respondents: null, members: 2 })
    .execute();
  await db()
    .insertInto('pulse_tallies')
    .values({ ...round, item: 1, score: 4, count: 5 })
    .execute();
  await db()
    .insertInto('pulse_participation')
    .values({ ...round, mark: new Uint8Array([1, 2, 3]) })
    .execute();
  await db()
    .insertInto('pulse_ballots')
    .values({ ...round, sealed: new Uint8Array(44).fill(7) })
    .execute();
  await db()
    .insertInto('team_digests')
    .values({
      idempotency_key: `digest:${team.id}:2027-W01`,
      team_id: team.id,
      workspace_id: workspaceId,
      week: '2027-W01',
      trigger: 'schedule',
      chart: null,
    })
    .execute();
  await db()
    .insertInto('outbox')
    .values({
      workspace_id: workspaceId,
      idempotency_key: `test:${workspaceId}:1`,
      kind: 'test',
      channel: a,
      message: JSON.stringify({ text: 'queued' }),
      available_at: new Date('2030-01-01T00:00:00Z'),
    })
    .execute();
  await db()
    .insertInto('processed_events')
    .values({ event_id: `Ev${workspaceId}SEED`, workspace_id: workspaceId })
    .execute();
  await db()
    .insertInto('installations')
    .values({
      workspace_id: workspaceId,
      bot_token: 'encrypted',
      bot_user_id: `U${workspaceId}BOT`,
      bot_scopes: 'chat:write',
      installer_user_id: a,
    })
    .execute();
  return [workspaceId, team.id, a, b];
}

/** Every text, JSON or uuid column of every table, searched for the workspace's identifiers. */
async function rowsOfWorkspace(identifiers: string[]) {
  return scanSchema(db(), identifiers, { dataTypes: [...TEXT_TYPES, 'uuid'] });
}

async function event(workspaceId: string, eventId: string, body: Record<string, unknown>, retryNum?: number) {
  const response = await t.driver.event({
    teamId: workspaceId,
    event: body,
    eventId,
    ...(retryNum === undefined ? {} : { retryNum, retryReason: 'http_timeout' }),
  });
  expect(response.status).toBe(200);
}

const uninstalled = { type: 'app_uninstalled', event_ts: '1800000000.000100' };
const botTokenRevoked = (workspaceId: string) => ({
  type: 'tokens_revoked',
  tokens: { oauth: [], bot: [`U${workspaceId}BOT`] },
  event_ts: '1800000000.000200',
});

async function purged(identifiers: string[]) {
  return eventually(
    async () => {
      const scan = await rowsOfWorkspace(identifiers);
      return Object.keys(scan.hits).length === 0 ? scan : undefined;
    },
    { description: 'workspace purged' },
  );
}

describe('uninstall', () => {
  let bystander: string[];
  let bystanderRows: Record<string, number>;

  beforeAll(async () => {
    bystander = await seedWorkspace('T0BYSTAND');
    bystanderRows = (await rowsOfWorkspace(bystander)).hits;
  });

  it('app_uninstalled deletes every row of the workspace; its retry is dropped; tokens_revoked after finds nothing', async () => {
    const ids = await seedWorkspace('T0UNINST1');
    const seeded = await rowsOfWorkspace(ids);
    for (const table of [
      'workspaces',
      'users',
      'outbox',
      'processed_events',
      'team_members',
      'pulse_rounds',
      'pulse_tallies',
      'pulse_participation',
      'pulse_ballots',
      'team_digests',
      'installations',
    ])
      expect(seeded.hits[table], table).toBeGreaterThan(0);

    await event('T0UNINST1', 'Ev0UNINST1A', uninstalled);
    const scan = await purged(ids);
    expect(scan.columns.length).toBeGreaterThan(30);

    // A retry is a no-op: a workspace row made after the purge (say, a reinstall) survives it.
    await db().insertInto('workspaces').values({ id: 'T0UNINST1' }).execute();
    await event('T0UNINST1', 'Ev0UNINST1A', uninstalled, 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      await db().selectFrom('workspaces').select('id').where('id', '=', 'T0UNINST1').execute(),
    ).toHaveLength(1);

    await event('T0UNINST1', 'Ev0UNINST1B', botTokenRevoked('T0UNINST1'));
    await purged(ids);
    await event('T0UNINST1', 'Ev0UNINST1B', botTokenRevoked('T0UNINST1'), 1);
    expect((await rowsOfWorkspace(ids)).hits).toEqual({});
    expect((await rowsOfWorkspace(bystander)).hits).toEqual(bystanderRows);
  });

  it('tokens_revoked first does the same, and app_uninstalled after finds nothing', async () => {
    const ids = await seedWorkspace('T0UNINST2');
    await event('T0UNINST2', 'Ev0UNINST2A', botTokenRevoked('T0UNINST2'));
    await purged(ids);
    await event('T0UNINST2', 'Ev0UNINST2B', uninstalled);
    await event('T0UNINST2', 'Ev0UNINST2B', uninstalled, 1);
    await event('T0UNINST2', 'Ev0UNINST2A', botTokenRevoked('T0UNINST2'), 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await rowsOfWorkspace(ids)).hits).toEqual({});
    expect((await rowsOfWorkspace(bystander)).hits).toEqual(bystanderRows);
  });

  it('keeps everything when only user tokens are revoked', async () => {
    const ids = await seedWorkspace('T0UNINST3');
    const before = (await rowsOfWorkspace(ids)).hits;
    await event('T0UNINST3', 'Ev0UNINST3A', { type: 'tokens_revoked', tokens: { oauth: ['UX'], bot: [] } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Only the event itself is recorded, as every event is.
    expect((await rowsOfWorkspace(ids)).hits).toEqual({
      ...before,
      processed_events: (before.processed_events ?? 0) + 1,
    });
  });

  // Last: it uninstalls the workspace the app itself runs in.
  it('stops a check-in fan-out already queued and in flight: nothing more is sent', async () => {
    const people: string[] = [];
    for (let i = 1; i <= 6; i += 1) {
      const id = `U0FAN${i}`;
      t.emulator.addUser(DEMO_TEAM_ID, { id, name: `fan${i}`, tz: 'Europe/Oslo', locale: 'en-US' });
      await t.driver.command({ teamId: DEMO_TEAM_ID, userId: id, channelId: TEAM_CHANNEL_ID, text: 'help' });
      people.push(id);
    }
    await eventually(
      async () =>
        (
          await db()
            .selectFrom('checkin_schedules')
            .select('user_id')
            .where('user_id', 'in', people)
            .execute()
        ).length === 6,
      { description: 'schedules' },
    );
    // Monday 10:00 in Oslo: every check-in is queued, none sent yet.
    const checkins = t.app.scheduler.jobs.find((j) => j.name === 'checkins');
    expect(checkins).toBeDefined();
    await checkins?.run(new Date('2027-01-04T09:00:00Z'));
    const queued = await db()
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('channel', 'in', people)
      .execute();
    expect(queued).toHaveLength(6);

    // Two senders claim a message each and wait for the workspace's pacer.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const pacer = {
      delayFor: () => 0,
      waitingWorkspaces: () => [],
      take: () => gate,
      pause: () => {},
    } as unknown as WorkspacePacer;
    const draining = drainOutbox(
      { ...t.app.scheduler.dispatcher, pacer },
      { concurrency: 2, budgetMs: 10_000 },
    );
    await eventually(
      async () =>
        (
          await db()
            .selectFrom('outbox')
            .select('id')
            .where('status', '=', 'sending')
            .where('channel', 'in', people)
            .execute()
        ).length === 2,
      { description: 'two messages in flight' },
    );

    const identifiers = [DEMO_TEAM_ID, ...people];
    await event(DEMO_TEAM_ID, 'Ev0UNINSTDEMO', uninstalled);
    await purged(identifiers);
    release();
    const inFlight = await draining;
    const rest = await drainOutbox(t.app.scheduler.dispatcher, { budgetMs: 5_000 });
    expect(inFlight.sent + rest.sent).toBe(0);
    for (const person of people) expect(t.emulator.dmsTo(person)).toHaveLength(0);
    expect((await rowsOfWorkspace(identifiers)).hits).toEqual({});
    expect((await rowsOfWorkspace(bystander)).hits).toEqual(bystanderRows);
  });
});
