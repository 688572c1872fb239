import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { teamReflections } from '../../../src/domain/habits/habit.service.ts';
import { createPgHabitRepository } from '../../../src/persistence/pg-habit.repository.ts';
import { runTick } from '../../../src/scheduler/scheduler.ts';
import { habitActionIds, habitBlockIds } from '../../../src/slack/ids.ts';
import { commandReply } from '../../support/command-reply.ts';
import { DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { TestClock } from '../../support/test-clock.ts';
import { useFileTestApp } from '../../support/file-test-app.ts';

const clock = new TestClock('2027-01-04T07:00:00Z'); // Monday 08:00 in Oslo, ISO week 2027-W01

const t = useFileTestApp({ clock });
beforeEach(() => {
  clock.set('2027-01-04T07:00:00Z');
});

let seq = 0;
function newPerson(zone = 'Europe/Oslo', locale = 'en-US'): string {
  seq += 1;
  const userId = `U0HAB${String(seq).padStart(4, '0')}`;
  t.emulator.addUser(DEMO_TEAM_ID, { id: userId, name: `hab${seq}`, tz: zone, locale });
  return userId;
}

async function trust(userId: string, text: string) {
  const before = t.emulator.responses().length;
  const ack = await t.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId: TEAM_CHANNEL_ID, text });
  return commandReply(t.emulator, ack, before);
}

async function checkinOf(userId: string) {
  await trust(userId, 'checkin');
  await t.app.outbox.idle();
  return t.emulator.waitFor(() => t.emulator.dmsTo(userId).at(-1), { description: 'check-in DM' });
}

async function clickReflection(userId: string, message: { channel: string; ts: string }, actionId: string) {
  return t.driver.blockAction({
    teamId: DEMO_TEAM_ID,
    userId,
    actionId,
    blockId: habitBlockIds.reflection,
    value: JSON.stringify({ w: '2027-W01' }),
    container: { type: 'message', channelId: message.channel, messageTs: message.ts },
  });
}

async function reflections(userId: string) {
  return t.database.db.selectFrom('habit_reflections').selectAll().where('user_id', '=', userId).execute();
}

async function seedReflections(userId: string, answers: Array<[string, 'often' | 'sometimes' | 'not_yet']>) {
  for (const [week, answer] of answers) {
    await t.database.db
      .insertInto('habit_reflections')
      .values({
        workspace_id: DEMO_TEAM_ID,
        user_id: userId,
        week,
        habit_id: 'assume_best',
        answer,
        answered_at: new Date(),
      })
      .execute();
  }
}

const blocksText = (blocks: unknown) => JSON.stringify(blocks);

describe('habits in the weekly check-in', () => {
  it('shows this week’s focus with a tip, and asks about last week’s focus', async () => {
    const userId = newPerson();
    const message = await checkinOf(userId);
    const text = blocksText(message.blocks);
    // Without a team, the shared rotation: 2026-W53 was "assume the best", 2027-W01 "stand up".
    expect(text).toContain('This week’s focus: Stand up for others when they are right');
    expect(text).toContain('Try this week:');
    expect(text).toContain('Last week’s focus was Assume the best.');
    for (const id of Object.values(habitActionIds).filter((id) => id.startsWith('habit_reflect')))
      expect(text).toContain(id);
  });

  it('is written in Bokmål for Norwegian readers', async () => {
    const userId = newPerson('Europe/Oslo', 'nb-NO');
    const text = blocksText((await checkinOf(userId)).blocks);
    expect(text).toContain('Ukens fokus: Støtt andre når de har rett');
    expect(text).toContain('Forrige ukes fokus var Tro det beste om andre.');
    expect(text).toContain('Ikke ennå');
  });

  it('keeps one answer per week, changes it on a later click, and updates the message in place', async () => {
    const userId = newPerson();
    const message = await checkinOf(userId);
    await clickReflection(userId, message, habitActionIds.reflectOften);
    await t.emulator.waitFor(() =>
      blocksText(t.emulator.message(message.channel, message.ts)?.blocks).includes('Your answer: *Often*')
        ? true
        : undefined,
    );
    await clickReflection(userId, message, habitActionIds.reflectSometimes);
    const updated = await t.emulator.waitFor(() => {
      const now = t.emulator.message(message.channel, message.ts);
      return blocksText(now?.blocks).includes('Your answer: *Sometimes*') ? now : undefined;
    });
    const rows = await reflections(userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ week: '2027-W01', answer: 'sometimes', habit_id: 'assume_best' });
    // The rest of the check-in is still there, and no second message was posted.
    expect(blocksText(updated.blocks)).toContain('checkin_controls');
    expect(blocksText(updated.blocks)).toContain('1 week');
    expect(t.emulator.dmsTo(userId)).toHaveLength(1);
  });

  it('refuses to change an answer once the week has ended', async () => {
    const userId = newPerson();
    const message = await checkinOf(userId);
    await clickReflection(userId, message, habitActionIds.reflectOften);
    await t.emulator.waitFor(async () => ((await reflections(userId)).length === 1 ? true : undefined));
    clock.set('2027-01-10T23:30:00Z'); // Monday 00:30 in Oslo: week 2 has begun
    await clickReflection(userId, message, habitActionIds.reflectNotYet);
    await t.emulator.waitFor(() =>
      t.emulator.responses().find((r) => blocksText(r.body).includes('That week has ended')),
    );
    expect((await reflections(userId))[0]?.answer).toBe('often');
  });
});

describe('/trust habits', () => {
  it('lists the four habits, this week’s focus, a tip and my streak', async () => {
    const userId = newPerson();
    await trust(userId, 'help');
    await seedReflections(userId, [
      ['2026-W51', 'often'],
      ['2026-W52', 'sometimes'],
      ['2026-W53', 'often'],
    ]);
    const reply = await trust(userId, 'habits');
    const text = blocksText(reply.body.blocks);
    for (const name of ['Assume the best', 'Stand up for others', 'Refuse to gossip', 'Keep promises'])
      expect(text).toContain(name);
    expect(text).toContain('*Stand up for others when they are right* (this week)');
    expect(text).toContain('Try this week:');
    expect(text).toContain('3 weeks in a row');
  });

  it('shows this week’s focus, a tip and my streak on the App Home too', async () => {
    const userId = newPerson();
    await trust(userId, 'help');
    await seedReflections(userId, [
      ['2026-W52', 'often'],
      ['2026-W53', 'sometimes'],
    ]);
    await t.driver.appHomeOpened({ teamId: DEMO_TEAM_ID, userId });
    const home = await t.emulator.waitFor(() => t.emulator.homeView(userId));
    const text = blocksText(home.body.blocks);
    expect(text).toContain('This week’s focus: Stand up for others when they are right');
    expect(text).toContain('Try this week:');
    expect(text).toContain('2 weeks in a row');
  });

  it('shows the same tip as the check-in for the same week', async () => {
    const userId = newPerson();
    const tipOf = (text: string) => /Try this week:\*\s([^"]+)"/.exec(text)?.[1];
    const fromCommand = tipOf(blocksText((await trust(userId, 'habits')).body.blocks));
    const fromCheckin = tipOf(blocksText((await checkinOf(userId)).blocks));
    expect(fromCommand).toBeDefined();
    expect(fromCommand).toBe(fromCheckin);
  });

  it('breaks the streak after a skipped week', async () => {
    const userId = newPerson();
    await trust(userId, 'help');
    await seedReflections(userId, [
      ['2026-W50', 'often'],
      ['2026-W51', 'often'],
      ['2026-W53', 'often'],
    ]);
    const text = blocksText((await trust(userId, 'habits')).body.blocks);
    expect(text).toContain(':fire: 1 week');
    expect(text).not.toContain('3 weeks');
  });

  it('follows the rotation of the person’s team, from the team’s start week', async () => {
    const userId = newPerson();
    const team = await t.database.db
      .insertInto('teams')
      .values({
        workspace_id: DEMO_TEAM_ID,
        channel_id: `C0HAB${seq}`,
        created_by: userId,
        time_zone: 'Europe/Oslo',
        language: 'en',
        min_group_size: 3,
        checkin_weekday: 1,
        checkin_time: '10:00',
        digest_enabled: true,
        digest_weekday: 1,
        digest_time: '09:00',
        created_at: new Date('2026-12-22T12:00:00Z'), // 2026-W52: rotation starts there
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db.insertInto('team_members').values({ team_id: team.id, user_id: userId }).execute();
    // W52 assume the best, W53 stand up, 2027-W01 refuse to gossip.
    const text = blocksText((await trust(userId, 'habits')).body.blocks);
    expect(text).toContain('This week’s focus: Refuse to gossip');
  });
});

describe('a keep-promises week', () => {
  it('shows my open promises in /trust habits', async () => {
    clock.set('2027-01-18T07:00:00Z'); // 2027-W03: keep promises in the shared rotation
    const userId = newPerson();
    await trust(userId, 'help');
    await t.database.db
      .insertInto('promises')
      .values({
        workspace_id: DEMO_TEAM_ID,
        owner_id: userId,
        recipient_id: null,
        text: 'send the <Q3> numbers',
        due_at: new Date('2027-01-22T14:00:00Z'),
        state: 'open',
        created_at: new Date('2027-01-18T07:00:00Z'),
        kept_at: null,
        kept_by: null,
        released_at: null,
        release_note: null,
        next_reminder_at: null,
        next_reminder_kind: null,
      })
      .execute();
    const text = blocksText((await trust(userId, 'habits')).body.blocks);
    expect(text).toContain('This week’s focus: Keep promises');
    expect(text).toContain('Your open promises:');
    expect(text).toContain('send the &lt;Q3&gt; numbers');
  });
});

describe('team reflection counts', () => {
  it('are withheld below k and shown from k respondents on', async () => {
    const members = Array.from({ length: 4 }, () => newPerson());
    for (const userId of members) await trust(userId, 'help');
    const team = await t.database.db
      .insertInto('teams')
      .values({
        workspace_id: DEMO_TEAM_ID,
        channel_id: 'C0HABCOUNT',
        created_by: members[0] ?? '',
        time_zone: 'Europe/Oslo',
        language: 'en',
        min_group_size: 3,
        checkin_weekday: 1,
        checkin_time: '10:00',
        digest_enabled: true,
        digest_weekday: 1,
        digest_time: '09:00',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('team_members')
      .values(members.map((user_id) => ({ team_id: team.id, user_id })))
      .execute();
    const deps = { habits: createPgHabitRepository(t.database.db) };
    const k = { id: team.id, minGroupSize: 3 };
    await seedReflections(members[0] ?? '', [['2026-W40', 'often']]);
    await seedReflections(members[1] ?? '', [['2026-W40', 'not_yet']]);
    expect(await teamReflections(deps, k, '2026-W40')).toEqual({ kind: 'too_few', minGroupSize: 3 });
    await seedReflections(members[2] ?? '', [['2026-W40', 'often']]);
    expect(await teamReflections(deps, k, '2026-W40')).toEqual({
      kind: 'counts',
      respondents: 3,
      counts: { often: 2, sometimes: 0, notYet: 1 },
    });
  });
});

describe('the mid-week nudge', () => {
  async function tick(at: Date) {
    clock.set(at);
    return runTick(t.app.scheduler, at, { budgetMs: 30_000 });
  }
  const nudgesTo = (userId: string) =>
    t.emulator
      .dmsTo(userId)
      .filter((m) => m.text.includes('Mid-week nudge') || m.text.includes('midt i uken'));

  it('comes once per ISO week on Wednesday 14:00 local time across DST in two zones', async () => {
    clock.set('2027-03-01T00:00:00Z');
    const zones = ['America/New_York', 'Europe/Oslo'];
    const people = zones.map((zone) => newPerson(zone));
    for (const userId of people) await trust(userId, 'help');
    // Hourly ticks through both zones' spring-forward (14 and 28 March), noting when each nudge arrives.
    const arrivals: Date[][] = people.map(() => []);
    const end = new Date('2027-04-08T00:00:00Z').getTime();
    for (let at = new Date('2027-03-01T00:00:00Z').getTime(); at <= end; at += 3_600_000) {
      // Hourly on Wednesday (UTC) covers Wednesday 14:00 in both zones; every 4 hours on Tuesday
      // and Thursday, so a nudge a day early or late still arrives at a wrong local hour and fails
      // the test. The other days only make the test slower (a tick on them would have nothing due).
      const day = new Date(at).getUTCDay();
      if (day !== 3 && !([2, 4].includes(day) && at % (4 * 3_600_000) === 0)) continue;
      await tick(new Date(at));
      await t.app.outbox.idle();
      people.forEach((userId, i) => {
        const seen = arrivals[i] ?? [];
        if (nudgesTo(userId).length > seen.length) seen.push(new Date(at));
      });
    }
    // Running the last minute again sends nothing more.
    await tick(new Date(end));
    await t.app.outbox.idle();
    zones.forEach((zone, i) => {
      expect(nudgesTo(people[i] ?? '')).toHaveLength(6); // 3, 10, 17, 24, 31 March and 7 April
      const local = (arrivals[i] ?? []).map((at) => DateTime.fromJSDate(at, { zone }));
      expect(local).toHaveLength(6);
      expect(new Set(local.map((d) => `${d.weekYear}-${d.weekNumber}`)).size).toBe(6);
      for (const d of local) expect([d.weekday, d.hour, d.minute]).toEqual([3, 14, 0]);
    });
    const keys = await t.database.db
      .selectFrom('outbox')
      .select('idempotency_key')
      .where('kind', '=', 'habit_nudge')
      .where('channel', 'in', people)
      .execute();
    expect(keys).toHaveLength(12);
  }, 90_000);

  it('can be turned off from /trust habits, which redraws that answer', async () => {
    const userId = newPerson();
    await trust(userId, 'help');
    await trust(userId, 'habits');
    const shown = await t.emulator.waitFor(() => t.emulator.ephemerals(userId).at(-1), {
      description: 'answer',
    });
    expect(blocksText(shown.blocks)).toContain('nudges are on');
    await t.driver.blockAction({
      teamId: DEMO_TEAM_ID,
      userId,
      actionId: habitActionIds.nudges,
      blockId: habitBlockIds.nudges,
      value: JSON.stringify({ on: false }),
      container: { type: 'message', channelId: shown.channel, messageTs: shown.ts, isEphemeral: true },
    });
    await t.emulator.waitFor(() =>
      blocksText(t.emulator.ephemeral(userId, shown.ts)?.blocks).includes('nudges are off')
        ? true
        : undefined,
    );
    const row = await t.database.db
      .selectFrom('habit_nudge_schedules')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ habit_nudges: false, next_due_at: null });
  });

  it('can be turned off from the nudge itself', async () => {
    clock.set('2027-05-03T00:00:00Z');
    const userId = newPerson();
    await trust(userId, 'help');
    await tick(new Date('2027-05-03T00:00:00Z'));
    await tick(new Date('2027-05-05T12:00:00Z')); // Wednesday 14:00 in Oslo
    const nudge = await t.emulator.waitFor(() => nudgesTo(userId).at(-1), { description: 'nudge' });
    await t.driver.blockAction({
      teamId: DEMO_TEAM_ID,
      userId,
      actionId: habitActionIds.nudges,
      blockId: habitBlockIds.nudges,
      value: JSON.stringify({ on: false }),
      container: { type: 'message', channelId: nudge.channel, messageTs: nudge.ts },
    });
    await t.emulator.waitFor(() =>
      blocksText(t.emulator.message(nudge.channel, nudge.ts)?.blocks).includes('nudges are off')
        ? true
        : undefined,
    );
    await tick(new Date('2027-05-12T12:00:00Z'));
    expect(nudgesTo(userId)).toHaveLength(1);
  });
});
