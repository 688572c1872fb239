import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../../src/app.ts';
import { parseConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/logger.ts';
import { runTick } from '../../../src/scheduler/scheduler.ts';
import { pulseActionIds, pulseCallbackIds } from '../../../src/slack/ids.ts';
import { pulseItemBlockIds } from '../../../src/slack/blocks/pulse.blocks.ts';
import { commandReply } from '../../support/command-reply.ts';
import { ALICE_ID, DEMO_TEAM_ID } from '../../support/slack-emulator/seed.ts';
import { SlackDriver } from '../../support/slack-emulator/slack-driver.ts';
import { TestClock } from '../../support/test-clock.ts';
import { startTestApp, TEST_SIGNING_SECRET, type TestApp } from '../../support/test-app.ts';
import { addPeople, createTeamOf } from '../../support/team-steps.ts';

// The anonymity guarantees of the pulse (issue 6, A1–A8; sealed ballots since issue 14), against
// the real app and database. More (polling readers, two instances, SIGKILL, rotation):
// sealed-ballots.test.ts.

let t: TestApp;
const logLines: string[] = [];
const clock = new TestClock('2027-01-06T11:00:00Z'); // Wednesday of 2027-W01 in Oslo
const WEEK = '2027-W01';
const AFTER_WEEK = new Date('2027-01-10T23:00:00Z'); // Monday 00:00 in Oslo

beforeAll(async () => {
  t = await startTestApp({
    clock,
    // Bodies too (LOG_SLACK_BODIES=1): even then no answer reaches the log.
    env: { LOG_LEVEL: 'debug', LOG_SLACK_BODIES: '1' },
    logDestination: { write: (line) => void logLines.push(line) },
  });
});
afterAll(async () => {
  await t.close();
});

let seq = 0;
/** A channel that is a team of `size` people (the first is its manager) with minimum group size k. */
async function makeTeam(size: number, k: number) {
  seq += 1;
  const people = addPeople(t.emulator, `U0P${seq}X`, size);
  const made = await createTeamOf({ emulator: t.emulator, db: t.database.db, clock }, people, k, 'C0PULSE');
  return { ...made, people };
}

function ratingState(score: number, varied = false) {
  const values: Record<string, Record<string, unknown>> = {};
  Object.values(pulseItemBlockIds).forEach((id, i) => {
    const value = String(varied ? ((score + i - 1) % 5) + 1 : score);
    values[id] = {
      [id]: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: value }, value } },
    };
  });
  return { values } as never;
}

async function rate(
  userId: string,
  teamId: string,
  score: number,
  driver: SlackDriver = t.driver,
  week = WEEK,
) {
  return driver.viewSubmission({
    teamId: DEMO_TEAM_ID,
    userId,
    view: {
      callback_id: pulseCallbackIds.rate,
      private_metadata: JSON.stringify({ t: teamId, w: week }),
      state: ratingState(score, true),
    },
  });
}

const noticeOf = (response: { json?: unknown }) => JSON.stringify(response.json);

async function tallyTotal(teamId: string) {
  const row = await t.database.db
    .selectFrom('pulse_tallies')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('count'), eb.lit(0)).as('n'))
    .where('team_id', '=', teamId)
    .where('item', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function ballots(teamId: string) {
  return t.database.db.selectFrom('pulse_ballots').selectAll().where('team_id', '=', teamId).execute();
}

async function participation(teamId: string) {
  return (
    await t.database.db.selectFrom('pulse_participation').selectAll().where('team_id', '=', teamId).execute()
  ).length;
}

describe('the anonymous pulse', () => {
  it('A1: rating tables (ballots too) have no timestamp, serial, identity, default or text column', async () => {
    const columns = await sql<{
      table_name: string;
      column_name: string;
      data_type: string;
      column_default: string | null;
      is_identity: string;
    }>`select table_name, column_name, data_type, column_default, is_identity
       from information_schema.columns
       where table_schema = current_schema()
         and table_name in ('pulse_rounds', 'pulse_tallies', 'pulse_participation', 'pulse_ballots')`.execute(
      t.database.db,
    );
    expect(new Set(columns.rows.map((c) => c.table_name)).size).toBe(4);
    for (const c of columns.rows) {
      expect(c.data_type, `${c.table_name}.${c.column_name}`).not.toMatch(
        /text|char|time|date|interval|json/,
      );
      expect(c.column_default, `${c.table_name}.${c.column_name}`).toBeNull();
      expect(c.is_identity).toBe('NO');
      expect(c.column_name).not.toMatch(/user|created|updated|_at$|^id$/);
    }
    // A ballot row is the round and the ciphertext, nothing else.
    expect(
      columns.rows
        .filter((c) => c.table_name === 'pulse_ballots')
        .map((c) => c.column_name)
        .sort(),
    ).toEqual(['sealed', 'team_id', 'week_number', 'week_year']);
  });

  it('A8: answers every rating with the same bytes, whatever the scores, and writes no count while the round is open', async () => {
    const { team, people } = await makeTeam(6, 3);
    const answers: string[] = [];
    for (const [i, person] of people.slice(0, 5).entries()) {
      answers.push(noticeOf(await rate(person, team.id, i + 1)));
      // No count exists for an open round, however many have rated; each rating is one sealed ballot.
      expect(await tallyTotal(team.id)).toBe(0);
      expect(await ballots(team.id)).toHaveLength(i + 1);
    }
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toContain('Thank you. Your answers are counted anonymously.');
    expect(await participation(team.id)).toBe(5);
    // Five different score sets, five ballots of one size.
    expect(new Set((await ballots(team.id)).map((b) => b.sealed.length))).toEqual(new Set([44]));
  });

  it('A2: a join on xmin, ctid or row order ties a mark only to a sealed ballot, never to a count', async () => {
    const { team, people } = await makeTeam(12, 3);
    for (const [i, person] of people.slice(0, 11).entries()) await rate(person, team.id, (i % 5) + 1);
    const marks = await sql<{ x: string }>`
      select xmin::text as x from pulse_participation where team_id = ${team.id}`.execute(t.database.db);
    const sealed = await sql<{ x: string; sealed: Uint8Array }>`
      select xmin::text as x, sealed from pulse_ballots where team_id = ${team.id}
      order by ctid`.execute(t.database.db);
    expect(marks.rows).toHaveLength(11);
    // Each ballot was written with its mark (same transaction), so xmin pairs them one to one; the
    // mark is a keyed hash and the ballot is sealed, so the pair names no one and holds no score.
    expect(sealed.rows.map((r) => r.x).sort()).toEqual(marks.rows.map((r) => r.x).sort());
    // In physical order too, the ballots are ciphertexts of one length, none repeated.
    expect(new Set(sealed.rows.map((r) => r.sealed.length))).toEqual(new Set([44]));
    expect(new Set(sealed.rows.map((r) => Buffer.from(r.sealed).toString('hex'))).size).toBe(11);
    // No count to join with.
    const tallies = await sql`select xmin from pulse_tallies where team_id = ${team.id}`.execute(
      t.database.db,
    );
    expect(tallies.rows).toHaveLength(0);
  });

  it('A3: a double click on two app instances, and a replayed payload, count once', async () => {
    const { team, people } = await makeTeam(4, 3);
    const env = {
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_BOT_TOKEN: t.emulator.botToken(DEMO_TEAM_ID),
      SLACK_API_URL: t.emulator.apiUrl,
      PORT: '0',
      METRICS_PORT: '0',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'trust-habits-second-')),
      PULSE_SECRET: 'test-pulse-secret-0123456789abcdef',
      SCHEDULER: 'off',
      LOG_LEVEL: 'silent',
    };
    const { config, secrets } = parseConfig(env);
    const second: RunningApp = await startApp({
      config,
      secrets,
      logger: createLogger('silent'),
      database: t.database,
      clock,
    });
    try {
      const otherDriver = new SlackDriver({
        appUrl: `${second.url}/slack/events`,
        signingSecret: TEST_SIGNING_SECRET,
        emulator: t.emulator,
      });
      const person = people[1] ?? '';
      const [a, b] = await Promise.all([rate(person, team.id, 5), rate(person, team.id, 1, otherDriver)]);
      const replay = await rate(person, team.id, 2);
      const texts = [noticeOf(a), noticeOf(b), noticeOf(replay)];
      expect(texts.filter((x) => x.includes('counted anonymously'))).toHaveLength(1);
      expect(texts.filter((x) => x.includes('already rated'))).toHaveLength(2);
      expect(await participation(team.id)).toBe(1);
      expect(await ballots(team.id)).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });

  it('refuses politely a rating for a team the person is not in, or for a closed round', async () => {
    const { team } = await makeTeam(3, 3);
    const stranger = await rate(ALICE_ID, team.id, 4);
    expect(noticeOf(stranger)).toContain('only rate teams you are a member of');
    const { team: other, people } = await makeTeam(3, 3);
    const late = await rate(people[0] ?? '', other.id, 4, t.driver, '2026-W52');
    expect(noticeOf(late)).toContain('round has closed');
    expect(await participation(other.id)).toBe(0);
  });

  it('A6: a restart loses no rating and changes nothing: the ballots and marks stay, no one rates twice', async () => {
    const { team, people } = await makeTeam(5, 3);
    await rate(people[0] ?? '', team.id, 2);
    await rate(people[1] ?? '', team.id, 3);
    const before = (await ballots(team.id)).map((b) => Buffer.from(b.sealed).toString('hex')).sort();
    await t.restart();
    expect(await participation(team.id)).toBe(2);
    expect((await ballots(team.id)).map((b) => Buffer.from(b.sealed).toString('hex')).sort()).toEqual(before);
    expect(await tallyTotal(team.id)).toBe(0);
    expect(noticeOf(await rate(people[0] ?? '', team.id, 2))).toContain('already rated');
    expect(await ballots(team.id)).toHaveLength(2);
  });

  it('offers the rating in the check-in and with /trust pulse, and not again once rated', async () => {
    const { team, people, channelId } = await makeTeam(3, 3);
    const person = people[2] ?? '';
    const before = t.emulator.responses().length;
    const ack = await t.driver.command({
      teamId: DEMO_TEAM_ID,
      userId: person,
      channelId,
      text: 'checkin',
    });
    await commandReply(t.emulator, ack, before);
    await t.app.outbox.idle();
    const dm = await t.emulator.waitFor(() => t.emulator.dmsTo(person).at(-1));
    expect(JSON.stringify(dm.blocks)).toContain(pulseActionIds.rate);
    expect(JSON.stringify(dm.blocks)).toContain('Rate team trust (anonymous)');
    const views = t.emulator.views(person).length;
    await t.driver.command({ teamId: DEMO_TEAM_ID, userId: person, channelId, text: 'pulse' });
    const modal = await t.emulator.waitFor(() => t.emulator.views(person)[views]);
    expect(modal.body.callback_id).toBe(pulseCallbackIds.rate);
    expect(JSON.stringify(modal.body)).toContain('anonymous');
    await rate(person, team.id, 4);
    const again = t.emulator.responses().length;
    const second = await t.driver.command({ teamId: DEMO_TEAM_ID, userId: person, channelId, text: 'pulse' });
    expect((await commandReply(t.emulator, second, again)).body.text).toContain('rated all your teams');
  });

  it('A4, A5: closing a round keeps only the count below k, and no participation survives', async () => {
    const big = await makeTeam(6, 3);
    const small = await makeTeam(6, 5);
    for (const [i, p] of big.people.slice(0, 5).entries()) await rate(p, big.team.id, i + 1);
    for (const p of small.people.slice(0, 4)) await rate(p, small.team.id, 5);
    await runTick(t.app.scheduler, AFTER_WEEK);
    const rounds = await t.database.db
      .selectFrom('pulse_rounds')
      .selectAll()
      .where('team_id', 'in', [big.team.id, small.team.id])
      .execute();
    const byTeam = Object.fromEntries(rounds.map((r) => [r.team_id, r]));
    expect(byTeam[big.team.id]).toMatchObject({ closed: true, respondents: 5, members: 6 });
    expect(byTeam[small.team.id]).toMatchObject({ closed: true, respondents: 4, members: 6 });
    expect(await tallyTotal(big.team.id)).toBe(5);
    expect(await tallyTotal(small.team.id)).toBe(0);
    // Every count of the round was written by one transaction of the close.
    const xmins = await sql<{ x: string }>`
      select distinct xmin::text as x from pulse_tallies where team_id = ${big.team.id}`.execute(
      t.database.db,
    );
    expect(xmins.rows).toHaveLength(1);
    expect(await t.database.db.selectFrom('pulse_participation').selectAll().execute()).toHaveLength(0);
    expect(await t.database.db.selectFrom('pulse_ballots').selectAll().execute()).toHaveLength(0);
    await t.app.outbox.idle();
    const bigResult = await t.emulator.waitFor(() => t.emulator.dmsTo(big.people[0] ?? '').at(-1));
    expect(bigResult.text).toContain('Trust index');
    expect(bigResult.text).toContain('5 of 6 responded');
    const smallResult = await t.emulator.waitFor(() => t.emulator.dmsTo(small.people[0] ?? '').at(-1));
    expect(smallResult.text).toContain('Not enough responses');
    expect(smallResult.text).not.toContain('Trust index');
  });

  it('never logs a score, even at debug level', () => {
    const all = logLines.join('\n');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain('selected_option');
    expect(all).not.toMatch(/"scores?":\s*[{[\d]/);
    // The modal's definition may be logged by the Web API client at debug; answers never are.
    expect(all).toContain('pulse_rate');
  });
});
