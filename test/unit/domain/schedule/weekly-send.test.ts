import { checkinEnvelope } from '../../../../src/domain/outbox/message-kinds.ts';
import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../../../src/domain/outbox/outgoing-message.ts';
import {
  type DueWeek,
  personKey,
  runWeeklySend,
  WEEKLY_SEND_PAGE,
  type WeeklySend,
  type WeekRecord,
  weekKey,
} from '../../../../src/domain/schedule/weekly-send.ts';

const HOUR = 3_600_000;
const now = new Date('2026-11-23T10:00:00Z'); // Monday, week 2026-W48 in UTC
const catchUpMs = 6 * HOUR;

/** An in-memory ledger and schedule: what the PostgreSQL ledger does, minus the transaction. */
function fakeSource(people: DueWeek[], handledBefore: string[] = []) {
  const handled = new Set(handledBefore);
  const schedule = new Map(people.map((p) => [personKey(p), p.dueAt as Date | null]));
  const queued: OutgoingMessage[] = [];
  const pages: number[] = [];
  const order = (a: DueWeek, b: DueWeek) =>
    a.dueAt.getTime() - b.dueAt.getTime() || personKey(a).localeCompare(personKey(b));
  return {
    queued,
    pages,
    schedule,
    source: {
      async findDue(at: Date, limit: number, after?: DueWeek) {
        const due = people
          .filter((p) => {
            const next = schedule.get(personKey(p));
            return next !== null && next !== undefined && next <= at;
          })
          .map((p) => ({ ...p, dueAt: schedule.get(personKey(p)) as Date }))
          .sort(order)
          .filter((p) => !after || order(p, after) > 0)
          .slice(0, limit);
        pages.push(due.length);
        return due;
      },
      async handledWeeks(workspaceId: string, userId: string, fromWeek: string) {
        return new Set(
          [...handled]
            .filter((k) => k.startsWith(`${workspaceId}:${userId}:`))
            .map((k) => k.split(':')[2] ?? '')
            .filter((w) => w >= fromWeek),
        );
      },
      async handledWeeksOf(list: ReadonlyArray<{ workspaceId: string; userId: string; fromWeek: string }>) {
        return new Map(
          await Promise.all(
            list.map(
              async (p) =>
                [personKey(p), await this.handledWeeks(p.workspaceId, p.userId, p.fromWeek)] as const,
            ),
          ),
        );
      },
      async recordWeeks(records: ReadonlyArray<WeekRecord>) {
        const recorded = new Set<string>();
        for (const record of records) {
          if (!handled.has(weekKey(record))) {
            handled.add(weekKey(record));
            recorded.add(weekKey(record));
            if (record.message) queued.push(record.message);
          }
          if (record.nextDueAt !== undefined) schedule.set(personKey(record), record.nextDueAt);
        }
        return recorded;
      },
    },
  };
}

function person(n: number, dueAt: Date): DueWeek {
  return { workspaceId: 'T1', userId: `U${String(n).padStart(5, '0')}`, dueAt, zone: 'UTC' };
}

function message(p: DueWeek, week: string): OutgoingMessage {
  return {
    ...checkinEnvelope(p.workspaceId, p.userId, week),
    text: week,
  };
}

function weeklySend(source: WeeklySend<DueWeek>['source'], overrides: Partial<WeeklySend<DueWeek>> = {}) {
  return {
    source,
    catchUpMs,
    compose: async (page: ReadonlyArray<{ person: DueWeek; week: string }>) =>
      page.map(({ person: p, week }) => message(p, week)),
    nextDue: (_p: DueWeek, isWeekHandled: (week: string) => boolean) =>
      isWeekHandled('2026-W48') ? new Date('2026-11-30T10:00:00Z') : now,
    ...overrides,
  };
}

describe('the weekly send', () => {
  it('sends to everybody due, page by page, once each, and moves every schedule past the week', async () => {
    const people = Array.from({ length: 2 * WEEKLY_SEND_PAGE + 50 }, (_, i) => person(i, now));
    const fake = fakeSource(people);
    const summary = await runWeeklySend(weeklySend(fake.source), now);
    expect(summary).toEqual({ queued: people.length, skippedLate: 0, notNeeded: 0, alreadyHandled: 0 });
    expect(fake.pages).toEqual([WEEKLY_SEND_PAGE, WEEKLY_SEND_PAGE, 50]);
    expect(new Set(fake.queued.map((m) => m.idempotencyKey)).size).toBe(people.length);
    expect([...fake.schedule.values()].every((d) => d?.toISOString() === '2026-11-30T10:00:00.000Z')).toBe(
      true,
    );
    expect(await runWeeklySend(weeklySend(fake.source), now)).toEqual({
      queued: 0,
      skippedLate: 0,
      notNeeded: 0,
      alreadyHandled: 0,
    });
  });

  it('skips a week whose due time is past the catch-up window, without a message', async () => {
    const fake = fakeSource([person(1, new Date(now.getTime() - catchUpMs - 1)), person(2, now)]);
    const summary = await runWeeklySend(weeklySend(fake.source), now);
    expect(summary).toMatchObject({ queued: 1, skippedLate: 1 });
    expect(fake.queued.map((m) => m.channel)).toEqual(['U00002']);
  });

  it('counts a week another instance handled, and queues nothing for it', async () => {
    const fake = fakeSource([person(1, now), person(2, now)], ['T1:U00001:2026-W48']);
    const summary = await runWeeklySend(weeklySend(fake.source), now);
    expect(summary).toMatchObject({ queued: 1, alreadyHandled: 1 });
    expect(fake.queued.map((m) => m.channel)).toEqual(['U00002']);
  });

  it('records a week with nothing to say as decided, and composes only for those it sends to', async () => {
    const fake = fakeSource([
      person(1, now),
      person(2, now),
      person(3, new Date(now.getTime() - 2 * catchUpMs)),
    ]);
    const composed: string[] = [];
    const summary = await runWeeklySend(
      weeklySend(fake.source, {
        compose: async (page) =>
          page.map(({ person: p, week }) => {
            composed.push(p.userId);
            return p.userId === 'U00001' ? message(p, week) : null;
          }),
      }),
      now,
    );
    expect(summary).toEqual({ queued: 1, skippedLate: 1, notNeeded: 1, alreadyHandled: 0 });
    expect(composed).toEqual(['U00001', 'U00002']);
  });

  it('fails the run when a page cannot be recorded, after the pages before it', async () => {
    const people = Array.from({ length: 3 * WEEKLY_SEND_PAGE }, (_, i) => person(i, now));
    const fake = fakeSource(people);
    let calls = 0;
    const source = {
      ...fake.source,
      recordWeeks: async (records: ReadonlyArray<WeekRecord>) => {
        calls += 1;
        if (calls === 2) throw new Error('database gone');
        return fake.source.recordWeeks(records);
      },
    };
    await expect(runWeeklySend(weeklySend(source), now)).rejects.toThrow('database gone');
    expect(fake.queued).toHaveLength(WEEKLY_SEND_PAGE);
  });
});
