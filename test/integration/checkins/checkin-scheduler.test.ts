import { describe, expect, it } from 'vitest';
import { updateSchedule } from '../../../src/domain/checkins/checkin.service.ts';
import { createPgCheckinRepository } from '../../../src/persistence/pg-checkin.repository.ts';
import { runTick } from '../../../src/scheduler/scheduler.ts';
import { commandReply } from '../../support/command-reply.ts';
import { DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { TestClock } from '../../support/test-clock.ts';
import { useFileTestApp } from '../../support/file-test-app.ts';

const clock = new TestClock('2027-03-01T00:00:00Z');

const t = useFileTestApp({ clock });

let seq = 0;
/** A person in `zone` whom the app has met (which creates their schedule), with a target slot. */
async function person(zone: string, target: { weekday: number; time: string }): Promise<string> {
  seq += 1;
  const id = `U0CHK${String(seq).padStart(4, '0')}`;
  t.emulator.addUser(DEMO_TEAM_ID, { id, name: `person${seq}`, tz: zone, locale: 'en-US' });
  const before = t.emulator.responses().length;
  const ack = await t.driver.command({
    teamId: DEMO_TEAM_ID,
    userId: id,
    channelId: TEAM_CHANNEL_ID,
    text: 'help',
  });
  await commandReply(t.emulator, ack, before);
  await updateSchedule(
    { checkins: createPgCheckinRepository(t.database.db), clock },
    { workspaceId: DEMO_TEAM_ID, userId: id, zone },
    { target, optedOut: false, pausedUntil: null },
  );
  return id;
}

async function tick(at: string | Date) {
  clock.set(at);
  return runTick(t.app.scheduler, new Date(at), { budgetMs: 30_000 });
}

const HOUR = 60 * 60_000;

/**
 * Ticks hourly through each weekend, Saturday 12:00 to Monday 03:00 UTC, when every person below
 * is due, as the minute cron would (coarser, same rules); every 4 hours on the other days, inside
 * the 6-hour catch-up window, so a check-in put on a wrong day still goes out and is counted.
 */
async function tickThroughWeekends(from: string, to: string) {
  for (let at = new Date(from).getTime(); at <= new Date(to).getTime(); at += HOUR) {
    if (onWeekend(new Date(at)) || at % (4 * HOUR) === 0) await tick(new Date(at));
  }
}

function onWeekend(at: Date): boolean {
  const day = at.getUTCDay();
  const hour = at.getUTCHours();
  return (day === 6 && hour >= 12) || day === 0 || (day === 1 && hour <= 3);
}

function checkinsTo(userId: string) {
  return t.emulator
    .dmsTo(userId)
    .filter((m) => m.text.includes('weekly check-in') || m.text.includes('innsjekk'));
}

async function outboxKeys(userId: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('outbox')
    .select('idempotency_key')
    .where('kind', '=', 'checkin')
    .where('channel', '=', userId)
    .execute();
  return rows.map((r) => r.idempotency_key);
}

describe('weekly check-ins through the scheduler', () => {
  it('sends one check-in per person per ISO week across DST changes in five zones', async () => {
    clock.set('2027-03-05T00:00:00Z');
    const sunday0230 = { weekday: 7, time: '02:30' };
    const sunday0130 = { weekday: 7, time: '01:30' };
    const people = [
      await person('America/New_York', sunday0230), // gap on 2027-03-14
      await person('Europe/Oslo', sunday0230), // gap on 2027-03-28
      await person('Asia/Tokyo', { weekday: 1, time: '10:00' }),
      await person('Australia/Lord_Howe', sunday0130), // 30-minute overlap on 2027-04-04
      await person('Pacific/Chatham', { weekday: 7, time: '02:50' }), // overlap on 2027-04-04
    ];
    await tickThroughWeekends('2027-03-05T00:00:00Z', '2027-04-06T00:00:00Z');
    for (const id of people) {
      const keys = await outboxKeys(id);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBeGreaterThanOrEqual(4);
      expect(keys.length).toBeLessThanOrEqual(5);
      expect(checkinsTo(id)).toHaveLength(keys.length);
    }
    // About 330 scheduler passes: over the default 30 s on a loaded machine, and a timed-out loop
    // would go on ticking under the next tests.
  }, 120_000);

  it('does not send twice when the clock moves back an hour', async () => {
    clock.set('2027-05-01T00:00:00Z');
    const id = await person('Europe/Oslo', { weekday: 1, time: '10:00' });
    await tick('2027-05-03T08:01:00Z'); // 10:01 in Oslo
    await tick('2027-05-03T07:05:00Z'); // the clock went back
    await tick('2027-05-03T08:02:00Z');
    await tick('2027-05-03T08:01:00Z'); // the same instant again, as npm run tick twice
    expect(checkinsTo(id)).toHaveLength(1);
  });

  it('sends once, late, after 50 minutes of downtime', async () => {
    clock.set('2027-06-01T00:00:00Z');
    const id = await person('America/New_York', { weekday: 2, time: '10:00' });
    await tick('2027-06-01T14:50:00Z'); // due 14:00Z; back 50 minutes later
    await tick('2027-06-01T14:51:00Z');
    expect(checkinsTo(id)).toHaveLength(1);
  });

  it('skips the week after 14 hours of downtime, and sends the next week on time', async () => {
    clock.set('2027-07-01T00:00:00Z');
    const id = await person('Asia/Tokyo', { weekday: 1, time: '10:00' });
    await tick('2027-07-05T15:00:00Z'); // due 01:00Z; 14 hours late
    expect(checkinsTo(id)).toHaveLength(0);
    const skipped = await t.database.db
      .selectFrom('checkins')
      .select(['week', 'outcome'])
      .where('user_id', '=', id)
      .execute();
    expect(skipped).toEqual([{ week: '2027-W27', outcome: 'skipped_late' }]);
    await tick('2027-07-12T01:00:00Z');
    expect(checkinsTo(id)).toHaveLength(1);
  });

  it('sends this week’s check-in on /trust checkin, and then not the scheduled one', async () => {
    clock.set('2027-08-02T06:00:00Z'); // Monday 08:00 in Oslo, before the 10:00 check-in
    const id = await person('Europe/Oslo', { weekday: 1, time: '10:00' });
    const before = t.emulator.responses().length;
    const ack = await t.driver.command({
      teamId: DEMO_TEAM_ID,
      userId: id,
      channelId: TEAM_CHANNEL_ID,
      text: 'checkin',
    });
    const reply = await commandReply(t.emulator, ack, before);
    expect(JSON.stringify(reply.body)).toContain('scheduled one will not come this week');
    await t.app.outbox.idle();
    expect(checkinsTo(id)).toHaveLength(1);
    await tick('2027-08-02T08:01:00Z');
    expect(checkinsTo(id)).toHaveLength(1);
    const responsesBefore = t.emulator.responses().length;
    const again = await t.driver.command({
      teamId: DEMO_TEAM_ID,
      userId: id,
      channelId: TEAM_CHANNEL_ID,
      text: 'checkin',
    });
    expect(JSON.stringify((await commandReply(t.emulator, again, responsesBefore)).body)).toContain(
      'already had this week',
    );
  });
});

describe('time zones kept current without a user_change event', () => {
  it('re-reads a person’s zone weekly and moves their next check-in to the new local time', async () => {
    clock.set('2027-09-01T00:00:00Z');
    const id = await person('Europe/Oslo', { weekday: 1, time: '10:00' });
    t.emulator.updateUser(id, { tz: 'America/New_York' });
    await tick('2027-09-09T00:00:00Z'); // eight days later: the profile is due a refresh
    const row = await t.database.db
      .selectFrom('checkin_schedules')
      .select('next_due_at')
      .where('user_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.next_due_at?.toISOString()).toBe('2027-09-13T14:00:00.000Z'); // Monday 10:00 in New York
  });
});
