import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../../src/app.ts';
import { parseConfig } from '../../../src/config.ts';
import { openBallots, pulseKeys } from '../../../src/domain/pulse/ballot.ts';
import { PULSE_ITEMS, type PulseScores, roundEnd } from '../../../src/domain/pulse/pulse.ts';
import { isoWeekOf, weekLabel } from '../../../src/domain/schedule/local-time.ts';
import { createLogger } from '../../../src/logger.ts';
import { type DatabaseHandle, openPostgres } from '../../../src/persistence/database.ts';
import { createPgTeamRepository } from '../../../src/persistence/pg-team.repository.ts';
import { runTick } from '../../../src/scheduler/scheduler.ts';
import { pulseCallbackIds } from '../../../src/slack/ids.ts';
import { pulseItemBlockIds } from '../../../src/slack/blocks/pulse.blocks.ts';
import { eventually } from '../../support/eventually.ts';
import { freePort } from '../../support/free-port.ts';
import { DEMO_TEAM_ID } from '../../support/slack-emulator/seed.ts';
import { SlackDriver } from '../../support/slack-emulator/slack-driver.ts';
import { addPeople, createTeamOf } from '../../support/team-steps.ts';
import { startTestApp, TEST_SIGNING_SECRET, type TestApp } from '../../support/test-app.ts';
import { TestClock } from '../../support/test-clock.ts';
import { testDatabaseUrl } from '../../support/test-database.ts';
import { urlWithSearchPath } from '../../support/tick-harness.ts';
import { type PollingResult, startPollingReader } from '../../support/polling-reader.ts';

// Issue 14: a rating is stored at once as a sealed ballot with its participation mark, and counted
// only by the round's close, in one transaction. What a reader of the database can see, at any
// moment, is what these tests (and A1–A8 in pulse-anonymity.test.ts) pin down; docs/privacy.md
// maps each line of the threat model to them.

const SECRET = 'test-pulse-secret-0123456789abcdef';
const DAY = 24 * 60 * 60_000;
/** Wednesday 12:00 in Oslo of ISO week `n` of 2027 (weeks 1–11 are all in winter time). */
const midWeek = (n: number) => new Date(Date.parse('2027-01-06T11:00:00Z') + (n - 1) * 7 * DAY);
/** A few minutes after the week ended in Oslo (Monday 00:00 local). */
const afterWeek = (n: number) => new Date(Date.parse('2027-01-10T23:05:00Z') + (n - 1) * 7 * DAY);
const label = (n: number) => `2027-W${String(n).padStart(2, '0')}`;

const clock = new TestClock(midWeek(5).toISOString());
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

interface Instance {
  app: RunningApp;
  driver: SlackDriver;
  logs: string[];
  stop(): Promise<void>;
}

/** Another app instance on the same database (its own pool on real PostgreSQL), scheduler off. */
async function startInstance(env: Record<string, string> = {}, ownPool = false): Promise<Instance> {
  const logs: string[] = [];
  const { config, secrets } = parseConfig({
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_BOT_TOKEN: t.emulator.botToken(DEMO_TEAM_ID),
    SLACK_API_URL: t.emulator.apiUrl,
    PORT: '0',
    METRICS_PORT: '0',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'trust-habits-ballots-')),
    PULSE_SECRET: SECRET,
    SCHEDULER: 'off',
    SEND_RATE_PER_SECOND: '200',
    SEND_BURST: '50',
    LOG_LEVEL: 'info',
    ...env,
  });
  let database: DatabaseHandle = t.database;
  if (ownPool && testDatabaseUrl && t.database.schema) {
    database = openPostgres({ url: testDatabaseUrl, schema: t.database.schema });
  }
  const app = await startApp({
    config,
    secrets,
    logger: createLogger('info', { write: (line) => void logs.push(line) }),
    database,
    clock,
  });
  const driver = new SlackDriver({
    appUrl: `${app.url}/slack/events`,
    signingSecret: TEST_SIGNING_SECRET,
    emulator: t.emulator,
  });
  return {
    app,
    driver,
    logs,
    async stop() {
      await app.stop();
      if (database !== t.database) await database.close();
    },
  };
}

let seq = 0;
async function makeTeam(size: number, k: number) {
  seq += 1;
  const people = addPeople(t.emulator, `U0SB${seq}X`, size);
  const made = await createTeamOf({ emulator: t.emulator, db: t.database.db, clock }, people, k, 'C0SEAL');
  return { ...made, people, manager: people[0] ?? '' };
}

function stateOf(scores: PulseScores) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const item of PULSE_ITEMS) {
    const id = pulseItemBlockIds[item];
    const value = String(scores[item]);
    values[id] = {
      [id]: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: value }, value } },
    };
  }
  return { values } as never;
}

const same = (score: number): PulseScores => ({
  credibility: score,
  reliability: score,
  intimacy: score,
  selfOrientation: score,
});

async function rate(driver: SlackDriver, userId: string, teamId: string, scores: PulseScores, week: string) {
  const response = await driver.viewSubmission({
    teamId: DEMO_TEAM_ID,
    userId,
    view: {
      callback_id: pulseCallbackIds.rate,
      private_metadata: JSON.stringify({ t: teamId, w: week }),
      state: stateOf(scores),
    },
  });
  return JSON.stringify(response.json);
}

async function ballotsOf(teamId: string) {
  return t.database.db.selectFrom('pulse_ballots').selectAll().where('team_id', '=', teamId).execute();
}

async function marksOf(teamId: string) {
  return t.database.db.selectFrom('pulse_participation').selectAll().where('team_id', '=', teamId).execute();
}

async function roundOf(teamId: string) {
  return t.database.db
    .selectFrom('pulse_rounds')
    .select(['closed', 'respondents', 'members', 'unreadable'])
    .where('team_id', '=', teamId)
    .executeTakeFirstOrThrow();
}

async function talliesOf(teamId: string) {
  return t.database.db
    .selectFrom('pulse_tallies')
    .select(['item', 'score', 'count'])
    .where('team_id', '=', teamId)
    .orderBy('item')
    .orderBy('score')
    .execute();
}

/** Every row of every table of the schema as text (bytea as hex): what a dump would hold. */
async function dumpText(): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.database.db);
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{
      j: string;
    }>`select row_to_json(x)::text as j from ${sql.id(table_name)} x`.execute(t.database.db);
    parts.push(`${table_name}: ${rows.rows.map((r) => r.j).join('\n')}`);
  }
  return parts.join('\n');
}

/** The ballot's plaintext for these scores, as hex (format byte, four scores, zero padding). */
const plaintextHex = (s: PulseScores) =>
  Buffer.from([1, ...PULSE_ITEMS.map((item) => s[item]), ...new Array(11).fill(0)]).toString('hex');

const sortScores = (list: PulseScores[]) => list.map((s) => JSON.stringify(s)).sort();

describe('sealed pulse ballots', () => {
  it('seals every rating into a ballot of one size, and a dump of an open round holds no score', async () => {
    clock.set(midWeek(5).toISOString());
    const { team, people } = await makeTeam(6, 5);
    const given: PulseScores[] = [
      same(1),
      same(5),
      { credibility: 2, reliability: 4, intimacy: 3, selfOrientation: 1 },
      same(3),
    ];
    for (const [i, scores] of given.entries()) {
      expect(await rate(t.driver, people[i] ?? '', team.id, scores, label(5))).toContain(
        'counted anonymously',
      );
    }

    const ballots = await ballotsOf(team.id);
    expect(ballots).toHaveLength(4);
    expect(new Set(ballots.map((b) => b.sealed.length))).toEqual(new Set([44]));
    expect(await marksOf(team.id)).toHaveLength(4);
    expect(await talliesOf(team.id)).toEqual([]);
    expect(await roundOf(team.id)).toMatchObject({ closed: false, respondents: null });

    // The dump: neither the plaintext of any ballot nor a count of this round, in any table.
    const dump = await dumpText();
    expect(dump).toContain('pulse_ballots: {');
    for (const scores of given) expect(dump).not.toContain(plaintextHex(scores));
    expect(dump).not.toContain('selected_option');
    // The ballots do hold the ratings: the key derived from PULSE_SECRET opens them, another does not.
    const sealed = ballots.map((b) => b.sealed);
    const round = { teamId: team.id, week: { weekYear: 2027, weekNumber: 5 } };
    const opened = openBallots(pulseKeys(SECRET), DEMO_TEAM_ID, round, sealed);
    expect(sortScores(opened.opened)).toEqual(sortScores(given));
    expect(openBallots(pulseKeys('another-secret-0123456789'), DEMO_TEAM_ID, round, sealed)).toEqual({
      opened: [],
      unreadable: 4,
    });
    // The round is associated data: the same ballots do not open as another team's or week's.
    const elsewhere = { teamId: team.id, week: { weekYear: 2027, weekNumber: 6 } };
    expect(openBallots(pulseKeys(SECRET), DEMO_TEAM_ID, elsewhere, sealed).unreadable).toBe(4);

    // The close counts them (4 < k = 5: only the count), and leaves no ballot and no mark.
    await runTick(t.app.scheduler, afterWeek(5));
    expect(await roundOf(team.id)).toMatchObject({ closed: true, respondents: 4, members: 6, unreadable: 0 });
    expect(await talliesOf(team.id)).toEqual([]);
    expect(await ballotsOf(team.id)).toHaveLength(0);
    expect(await marksOf(team.id)).toHaveLength(0);
  });

  it('writes nothing but the mark and the ballot for a rating: no profile refresh, no outbox row', async () => {
    clock.set(midWeek(6).toISOString());
    const { team, people, channelId } = await makeTeam(4, 3);
    const [first, person] = people;
    // The person is known, with a profile Slack would be asked again for (fetched three days ago).
    await t.driver.command({ teamId: DEMO_TEAM_ID, userId: person ?? '', channelId, text: 'help' });
    await eventually(
      () =>
        t.database.db
          .selectFrom('users')
          .select('slack_user_id')
          .where('slack_user_id', '=', person ?? '')
          .executeTakeFirst(),
      { description: 'profile stored' },
    );
    await t.app.slack.home.flush();
    await t.database.db
      .updateTable('users')
      .set({ profile_fetched_at: new Date(clock.now().getTime() - 3 * DAY) })
      .where('slack_user_id', '=', person ?? '')
      .execute();
    // An instance that has not seen the person yet (no cached profile).
    const fresh = await startInstance();
    try {
      await rate(fresh.driver, first ?? '', team.id, same(4), label(6)); // opens the round
      await fresh.app.slack.home.flush();
      await t.app.outbox.idle();
      const before = await tableVersions();
      const lookups = t.emulator.calls('users.info').length;

      expect(await rate(fresh.driver, person ?? '', team.id, same(2), label(6))).toContain(
        'counted anonymously',
      );
      await fresh.app.slack.home.flush();
      await fresh.app.outbox.idle();

      const after = await tableVersions();
      const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
      expect(changed.sort()).toEqual(['pulse_ballots', 'pulse_participation']);
      expect(t.emulator.calls('users.info').length).toBe(lookups);
    } finally {
      await fresh.stop();
    }
  });

  it('re-checks at submission that the team still has k members, and stores nothing if not', async () => {
    clock.set(midWeek(6).toISOString());
    const { team, people } = await makeTeam(3, 3);
    // The modal was opened while the team had 3 people; one left before the answer was sent.
    await createPgTeamRepository(t.database.db).replaceMembers(team.id, people.slice(0, 2), clock.now());
    const answer = await rate(t.driver, people[0] ?? '', team.id, same(5), label(6));
    expect(answer).toContain('at least 3');
    expect(answer).not.toContain('counted anonymously');
    expect(await ballotsOf(team.id)).toHaveLength(0);
    expect(await marksOf(team.id)).toHaveLength(0);
  });

  it('counts every ballot of a round that spans a rotation of PULSE_SECRET, and no one twice', async () => {
    clock.set(midWeek(7).toISOString());
    const { team, people } = await makeTeam(5, 5);
    const given = [same(1), same(2), same(3), same(4), same(5)];
    // Two rate under the old secret …
    for (const i of [0, 1]) await rate(t.driver, people[i] ?? '', team.id, given[i] ?? same(1), label(7));
    // … then every instance runs with the new one, the old one kept as PULSE_SECRET_PREVIOUS.
    const rotated = await startInstance({
      PULSE_SECRET: 'rotated-pulse-secret-9876543210fedcba',
      PULSE_SECRET_PREVIOUS: SECRET,
      SCHEDULER: 'on',
    });
    try {
      expect(await rate(rotated.driver, people[0] ?? '', team.id, same(5), label(7))).toContain(
        'already rated',
      );
      for (const i of [2, 3, 4]) {
        expect(await rate(rotated.driver, people[i] ?? '', team.id, given[i] ?? same(1), label(7))).toContain(
          'counted anonymously',
        );
      }
      expect(await ballotsOf(team.id)).toHaveLength(5);
      // Rating logged no line naming a rater (at info level; scores are checked at debug in A-tests).
      expect(rotated.logs.length).toBeGreaterThan(0);
      for (const person of people) expect(rotated.logs.join('\n')).not.toContain(person);
      await runTick(rotated.app.scheduler, afterWeek(7));
      expect(await roundOf(team.id)).toMatchObject({ closed: true, respondents: 5, unreadable: 0 });
      const item1 = (await talliesOf(team.id)).filter((r) => r.item === 1);
      expect(item1.map((r) => [r.score, r.count])).toEqual([
        [1, 1],
        [2, 1],
        [3, 1],
        [4, 1],
        [5, 1],
      ]);
    } finally {
      await rotated.stop();
    }
  });

  it('counts a ballot no key opens as unreadable, logs only how many, and never lets it make up k', async () => {
    clock.set(midWeek(8).toISOString());
    const { team, people } = await makeTeam(5, 3);
    // One rating under a secret that is then lost (rotated without PULSE_SECRET_PREVIOUS).
    const lost = await startInstance({ PULSE_SECRET: 'lost-pulse-secret-0123456789abcdefgh' });
    try {
      await rate(lost.driver, people[0] ?? '', team.id, same(5), label(8));
    } finally {
      await lost.stop();
    }
    for (const i of [1, 2]) await rate(t.driver, people[i] ?? '', team.id, same(3), label(8));
    expect(await ballotsOf(team.id)).toHaveLength(3);

    const closer = await startInstance({ SCHEDULER: 'on' });
    try {
      await runTick(closer.app.scheduler, afterWeek(8));
    } finally {
      await closer.stop();
    }
    // Two readable ballots are fewer than k = 3: only the count, although three people rated.
    expect(await roundOf(team.id)).toMatchObject({ closed: true, respondents: 2, unreadable: 1 });
    expect(await talliesOf(team.id)).toEqual([]);
    expect(await ballotsOf(team.id)).toHaveLength(0);
    const warning = closer.logs.find((line) => line.includes('no key opens'));
    expect(warning).toBeDefined();
    expect(JSON.parse(warning ?? '{}')).toMatchObject({ unreadable: 1, teamId: team.id, week: label(8) });
    expect(warning).not.toMatch(/sealed|score|U0SB/);
  });
});

/** Per table, a fingerprint of its rows' versions: it changes when any row is written or deleted. */
async function tableVersions(): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.database.db);
  const out: Record<string, string> = {};
  for (const { table_name } of tables.rows) {
    const result = await sql<{ v: string | null }>`
      select string_agg(xmin::text || '/' || ctid::text, ',' order by ctid) as v
      from ${sql.id(table_name)}`.execute(t.database.db);
    out[table_name] = result.rows[0]?.v ?? '';
  }
  return out;
}

describe.runIf(testDatabaseUrl)('sealed ballots with two instances on one PostgreSQL', () => {
  it('a reader polling the tables sees no count, then the final one, written at once; below k never any', async () => {
    clock.set(midWeek(9).toISOString());
    const big = await makeTeam(7, 3);
    const small = await makeTeam(7, 5);
    const a = await startInstance({ SCHEDULER: 'on' }, true);
    const b = await startInstance({ SCHEDULER: 'on' }, true);
    // Per team: its tally rows (item:score:count@xmin) and how many ballots it has.
    const reader = await startPollingReader<{ team_id: string; v: string | null; n: number }>(
      urlWithSearchPath(testDatabaseUrl ?? '', t.database.schema ?? ''),
      `select r.team_id,
              (select string_agg(item || ':' || score || ':' || count || '@' || xmin::text, ','
                                 order by item, score)
                 from pulse_tallies t where t.team_id = r.team_id) as v,
              (select count(*)::int from pulse_ballots p where p.team_id = r.team_id) as n
         from (select unnest($1::uuid[]) as team_id) r order by r.team_id`,
      [[big.team.id, small.team.id]],
    );
    let polled: PollingResult<{ team_id: string; v: string | null; n: number }> | undefined;
    try {
      const instances = [a, b];
      for (const [i, person] of big.people.slice(0, 6).entries()) {
        const answer = await rate(
          instances[i % 2]?.driver ?? a.driver,
          person,
          big.team.id,
          same((i % 5) + 1),
          label(9),
        );
        expect(answer).toContain('counted anonymously');
      }
      for (const [i, person] of small.people.slice(0, 4).entries()) {
        await rate(instances[i % 2]?.driver ?? a.driver, person, small.team.id, same(4), label(9));
      }
      // Both instances close at once (two different minutes, so both run the job).
      const [first, second] = await Promise.all([
        runTick(a.app.scheduler, afterWeek(9)),
        runTick(b.app.scheduler, new Date(afterWeek(9).getTime() + 60_000)),
      ]);
      const closedBy = [first, second].map((r) => Number(r.jobs['pulse-rounds']?.closed ?? 0));
      expect(closedBy.reduce((x, y) => x + y, 0)).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      polled = await reader.stop();
    }
    try {
      const { polls, elapsedMs, maxGapMs } = polled;
      const distinct = (list: string[]) => list.filter((v, i) => list[i - 1] !== v);
      const of = (teamId: string) => polled?.seen.map((rows) => rows.find((r) => r.team_id === teamId)) ?? [];
      const seen = {
        big: distinct(of(big.team.id).map((r) => r?.v ?? '')),
        small: distinct(of(small.team.id).map((r) => r?.v ?? '')),
        ballots: of(big.team.id)
          .map((r) => r?.n ?? 0)
          .filter((n, i, all) => all[i - 1] !== n),
      };
      console.info(
        `polling reader: ${polls} polls in ${Math.round(elapsedMs)} ms (${(elapsedMs / polls).toFixed(2)} ms apart on average, longest gap ${maxGapMs.toFixed(1)} ms); big team's ballots seen ${seen.ballots.join(' → ')}`,
      );
      // About a millisecond apart on an idle machine; bounded loosely for a loaded one. What matters
      // is that the reader is faster than the ratings: it saw every single ballot arrive (below).
      expect(elapsedMs / polls).toBeLessThan(10);
      // Big team: no row at all, then the final counts; every row of them written by one transaction.
      expect(seen.big).toHaveLength(2);
      expect(seen.big[0]).toBe('');
      const final = (seen.big[1] ?? '').split(',');
      expect(
        final
          .filter((r) => r.startsWith('1:'))
          .reduce((n, r) => n + Number(r.split(':')[2]?.split('@')[0]), 0),
      ).toBe(6);
      expect(new Set(final.map((r) => r.split('@')[1])).size).toBe(1);
      // Small team (4 < k = 5): never a row.
      expect(seen.small).toEqual(['']);
      // One ballot per rating as it came, then all gone with the close.
      expect(seen.ballots).toEqual([0, 1, 2, 3, 4, 5, 6, 0]);
      expect(await roundOf(big.team.id)).toMatchObject({ closed: true, respondents: 6 });
      expect(await roundOf(small.team.id)).toMatchObject({ closed: true, respondents: 4 });
      // Each manager is told once.
      await a.app.outbox.idle();
      await b.app.outbox.idle();
      await t.app.outbox.idle();
      const results = (id: string) => t.emulator.dmsTo(id).filter((m) => (m.text ?? '').includes(label(9)));
      expect(results(big.manager)).toHaveLength(1);
      expect(results(small.manager)).toHaveLength(1);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('a duplicate click on two instances is counted once', async () => {
    clock.set(midWeek(10).toISOString());
    const { team, people } = await makeTeam(4, 3);
    const a = await startInstance({}, true);
    const b = await startInstance({}, true);
    try {
      const person = people[1] ?? '';
      const answers = await Promise.all([
        rate(a.driver, person, team.id, same(5), label(10)),
        rate(b.driver, person, team.id, same(1), label(10)),
        rate(a.driver, person, team.id, same(2), label(10)),
        rate(b.driver, person, team.id, same(3), label(10)),
      ]);
      expect(answers.filter((x) => x.includes('counted anonymously'))).toHaveLength(1);
      expect(answers.filter((x) => x.includes('already rated'))).toHaveLength(3);
      expect(await ballotsOf(team.id)).toHaveLength(1);
      expect(await marksOf(team.id)).toHaveLength(1);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('SIGKILL mid-week loses no ballot; a restart changes nothing; the close counts every one', async () => {
    // A real `npm start` process (the system clock: this week's round), killed without warning.
    const now = new Date();
    const week = weekLabel(isoWeekOf(now, 'Europe/Oslo'));
    const { team, people } = await makeTeam(5, 3);
    const port = await freePort();
    const env = {
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_BOT_TOKEN: t.emulator.botToken(DEMO_TEAM_ID),
      SLACK_API_URL: t.emulator.apiUrl,
      DATABASE_URL: urlWithSearchPath(testDatabaseUrl ?? '', t.database.schema ?? ''),
      PULSE_SECRET: SECRET,
      PORT: String(port),
      METRICS_PORT: '0',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'trust-habits-killed-')),
      SCHEDULER: 'off',
      LOG_LEVEL: 'error',
    };
    const driver = new SlackDriver({
      appUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: TEST_SIGNING_SECRET,
      emulator: t.emulator,
    });
    const first = await spawnApp(env, port);
    try {
      for (const i of [0, 1, 2]) {
        expect(await rate(driver, people[i] ?? '', team.id, same(i + 2), week)).toContain(
          'counted anonymously',
        );
      }
    } finally {
      first.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
    }
    expect(await ballotsOf(team.id)).toHaveLength(3);
    expect(await marksOf(team.id)).toHaveLength(3);

    const second = await spawnApp(env, port);
    try {
      expect(await ballotsOf(team.id)).toHaveLength(3);
      expect(await rate(driver, people[0] ?? '', team.id, same(5), week)).toContain('already rated');
      expect(await rate(driver, people[3] ?? '', team.id, same(5), week)).toContain('counted anonymously');
    } finally {
      second.kill('SIGKILL');
      await second.exited;
    }
    const end = roundEnd({ teamId: team.id, week: isoWeekOf(now, 'Europe/Oslo') }, 'Europe/Oslo');
    await runTick(t.app.scheduler, new Date(end.getTime() + 5 * 60_000));
    expect(await roundOf(team.id)).toMatchObject({ closed: true, respondents: 4, unreadable: 0 });
    const item1 = (await talliesOf(team.id)).filter((r) => r.item === 1);
    expect(item1.map((r) => [r.score, r.count])).toEqual([
      [2, 1],
      [3, 1],
      [4, 1],
      [5, 1],
    ]);
  }, 120_000);
});

/** `npm start` as its own OS process (node with tsx's loader, so a signal reaches it), once healthy. */
async function spawnApp(env: Record<string, string>, port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited early: ${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the app did not become healthy: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { kill: (signal: NodeJS.Signals) => child.kill(signal), exited };
}
