import { beforeAll, describe, expect, it } from 'vitest';
import { updateSchedule } from '../../../src/domain/checkins/checkin.service.ts';
import { createPgCheckinRepository } from '../../../src/persistence/pg-checkin.repository.ts';
import { runTick } from '../../../src/scheduler/scheduler.ts';
import { commandReply } from '../../support/command-reply.ts';
import { DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { TestClock } from '../../support/test-clock.ts';
import { useFileTestApp } from '../../support/file-test-app.ts';

// Issue 19: once a team has three closed rounds with results, its weekly habit focus follows the
// weakest part of the Trust Equation, through the scheduler's check-ins and nudges and /trust habits.

const clock = new TestClock('2027-01-04T07:00:00Z'); // Monday 08:00 in Oslo, 2027-W01

const t = useFileTestApp({ clock });

let seq = 0;
/** Someone the app has met in Oslo, with their check-in on Monday 10:00. */
async function person(locale = 'en-US'): Promise<string> {
  seq += 1;
  const userId = `U0HFP${String(seq).padStart(4, '0')}`;
  t.emulator.addUser(DEMO_TEAM_ID, { id: userId, name: `hfp${seq}`, tz: 'Europe/Oslo', locale });
  await trust(userId, 'help');
  await updateSchedule(
    { checkins: createPgCheckinRepository(t.database.db), clock },
    { workspaceId: DEMO_TEAM_ID, userId, zone: 'Europe/Oslo' },
    { target: { weekday: 1, time: '10:00' }, optedOut: false, pausedUntil: null },
  );
  return userId;
}

async function trust(userId: string, text: string) {
  const before = t.emulator.responses().length;
  const ack = await t.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId: TEAM_CHANNEL_ID, text });
  return commandReply(t.emulator, ack, before);
}

/** A team set up at `createdAt` (its rotation starts that week) with these members. */
async function team(members: string[], createdAt: string) {
  seq += 1;
  const row = await t.database.db
    .insertInto('teams')
    .values({
      workspace_id: DEMO_TEAM_ID,
      channel_id: `C0HFP${seq}`,
      created_by: members[0] ?? '',
      time_zone: 'Europe/Oslo',
      language: 'en',
      min_group_size: 3,
      checkin_weekday: 1,
      checkin_time: '10:00',
      digest_enabled: false,
      digest_weekday: 1,
      digest_time: '09:00',
      created_at: new Date(createdAt),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.database.db
    .insertInto('team_members')
    .values(members.map((user_id) => ({ team_id: row.id, user_id })))
    .execute();
  return row.id;
}

/** A closed round in which `respondents` people all answered (C, R, I, S); a count only below k. */
async function round(teamId: string, week: string, respondents: number, answers: number[]) {
  const [weekYear, weekNumber] = week.split('-W').map(Number) as [number, number];
  await t.database.db
    .insertInto('pulse_rounds')
    .values({
      team_id: teamId,
      week_year: weekYear,
      week_number: weekNumber,
      closed: true,
      respondents,
      members: 5,
    })
    .execute();
  if (respondents < 3) return;
  await t.database.db
    .insertInto('pulse_tallies')
    .values(
      answers.map((score, i) => ({
        team_id: teamId,
        week_year: weekYear,
        week_number: weekNumber,
        item: i + 1,
        score,
        count: respondents,
      })),
    )
    .execute();
}

async function tick(at: string) {
  clock.set(at);
  await runTick(t.app.scheduler, new Date(at), { budgetMs: 30_000 });
  await t.app.outbox.idle();
}

const text = (value: unknown) => JSON.stringify(value);
const lastDm = (userId: string, like: RegExp) =>
  t.emulator
    .dmsTo(userId)
    .filter((m) => like.test(m.text))
    .at(-1);
const LOW_RELIABILITY = [4, 2, 4, 2];

let anna: string;
let kari: string;
let ola: string;
let solo: string;

beforeAll(async () => {
  anna = await person();
  kari = await person('nb-NO');
  ola = await person();
  solo = await person();
  // Set up in 2026-W50: the rotation would give W50 assume the best … W53 keep promises, 2027-W01
  // assume the best again. Reliability is lowest in W51–W53 (W50 below k): from 2027-W01 on, the
  // focus follows the pulse.
  const first = await team([anna, kari, ola], '2026-12-08T12:00:00Z');
  await round(first, '2026-W50', 2, LOW_RELIABILITY);
  for (const week of ['2026-W51', '2026-W52', '2026-W53']) await round(first, week, 4, LOW_RELIABILITY);
  // Anna is in a second, later team whose pulse says intimacy: she follows her first team.
  const second = await team([anna, solo, ola], '2026-12-15T12:00:00Z');
  for (const week of ['2026-W50', '2026-W51', '2026-W52', '2026-W53'])
    await round(second, week, 4, [4, 4, 1, 2]);
  // Solo's first team has only two rounds with results (two more below k): the plain rotation.
  const few = await team([solo], '2026-12-08T11:00:00Z');
  await round(few, '2026-W50', 4, LOW_RELIABILITY);
  await round(few, '2026-W51', 1, LOW_RELIABILITY);
  await round(few, '2026-W52', 2, LOW_RELIABILITY);
  await round(few, '2026-W53', 4, LOW_RELIABILITY);
});

describe('a habit focus that follows the team’s pulse', () => {
  it('puts keep promises in the scheduled check-in and says why, in English and Bokmål', async () => {
    await tick('2027-01-04T09:00:00Z'); // Monday 10:00 in Oslo
    const en = text(lastDm(anna, /check-in/)?.blocks);
    expect(en).toContain('This week’s focus: Keep promises');
    expect(en).toContain('Your team’s pulse shows reliability as the part to work on');
    // Last week's (W53) focus was keep promises by the rotation, before the pulse had three rounds.
    expect(en).toContain('Last week’s focus was Keep promises.');
    const nb = text(lastDm(kari, /innsjekk/)?.blocks);
    expect(nb).toContain('Ukens fokus: Hold det du lover');
    expect(nb).toContain('Teamets tillitsmåling viser at pålitelighet er det dere bør jobbe med');
  });

  it('keeps the plain rotation, without a reason, below three rounds with results', async () => {
    const shown = text(lastDm(solo, /check-in/)?.blocks);
    // Solo's first team started in W50 as well: 2027-W01 is assume the best by the rotation.
    expect(shown).toContain('This week’s focus: Assume the best');
    expect(shown).not.toContain('pulse shows');
    expect(shown).not.toContain('habit_focus_reason');
  });

  it('nudges mid-week about the same habit, with the same reason', async () => {
    await tick('2027-01-06T13:00:00Z'); // Wednesday 14:00 in Oslo
    const nudge = lastDm(anna, /Mid-week nudge/);
    expect(nudge?.text).toContain('Keep promises');
    expect(text(nudge?.blocks)).toContain('Your team’s pulse shows reliability as the part to work on');
    const nb = lastDm(kari, /midt i uken/i);
    expect(text(nb?.blocks)).toContain('Teamets tillitsmåling viser at pålitelighet');
  });

  it('moves on to the next habit after two weeks running, and says so in /trust habits', async () => {
    clock.set('2027-01-11T08:00:00Z'); // 2027-W02: W53 and W01 were both keep promises
    const shown = text((await trust(anna, 'habits')).body.blocks);
    expect(shown).toContain('This week’s focus: Assume the best');
    expect(shown).toContain('After two weeks of Keep promises, this week’s focus is the next habit');
    clock.set('2027-01-18T08:00:00Z'); // 2027-W03: back to the weakest part's habit
    expect(text((await trust(ola, 'habits')).body.blocks)).toContain('This week’s focus: Keep promises');
  });
});
