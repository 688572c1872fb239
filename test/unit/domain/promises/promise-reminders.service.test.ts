import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../../../src/domain/outbox/outgoing-message.ts';
import type {
  PromiseNotifications,
  PromiseScheduleRepository,
} from '../../../../src/domain/promises/ports.ts';
import { reminderSchedule, type TrustPromise } from '../../../../src/domain/promises/promise.ts';
import { queueDueReminders } from '../../../../src/domain/promises/promise-reminders.service.ts';
import { promiseEnvelope } from '../../../../src/domain/outbox/message-kinds.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const t0 = new Date('2026-11-23T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

function aPromise(overrides: Partial<TrustPromise> = {}): TrustPromise {
  return {
    id: 'p1',
    workspaceId: 'T1',
    ownerId: 'UOWNER',
    recipientId: 'URECIP',
    text: 'send the Q3 numbers',
    dueAt: at(4 * DAY),
    state: 'open',
    createdAt: t0,
    keptAt: null,
    keptBy: null,
    releasedAt: null,
    releaseNote: null,
    dueChanges: [],
    ...overrides,
  };
}

/** One promise with its stored next step; `queued` holds every message key, `interfere` races the owner. */
function schedule(promise: TrustPromise) {
  const state = { promise, next: reminderSchedule(promise)[0], queued: [] as string[], interfere: false };
  const repo: PromiseScheduleRepository = {
    async findDueSteps(now) {
      const { next } = state;
      return next && next.at <= now ? [{ promise: state.promise, step: next }] : [];
    },
    async advance(input) {
      if (state.interfere || input.from.at.getTime() !== state.next?.at.getTime()) return false;
      state.promise = { ...state.promise, state: input.state };
      state.next = input.next;
      state.queued.push(...input.messages.map((m) => m.idempotencyKey));
      return true;
    },
  };
  return { state, repo };
}

const notifications: PromiseNotifications = {
  async prepare(notice, workspaceId, readerId) {
    return (promise): OutgoingMessage[] => [
      { ...promiseEnvelope(notice, promise, readerId), workspaceId, text: '' },
    ];
  },
};

const run = (repo: PromiseScheduleRepository, now: Date, catchUpMs = 6 * HOUR) =>
  queueDueReminders({ schedule: repo, notifications, catchUpMs }, now);

describe('the promise reminder run', () => {
  it('sends each reminder once, at its moment, to the owner', async () => {
    const { state, repo } = schedule(aPromise());
    for (let h = 0; h <= 6 * 24; h += 1) await run(repo, at(h * HOUR));
    expect(state.queued).toEqual([
      'promise:T1:p1:midpoint:2026-11-27T10:00:00.000Z:r0',
      'promise:T1:p1:day_before:2026-11-27T10:00:00.000Z:r0',
      'promise:T1:p1:due:2026-11-27T10:00:00.000Z:r0',
      'promise:T1:p1:overdue:2026-11-27T10:00:00.000Z:r0',
    ]);
  });

  it('after downtime sends only the latest reminder that came, if it is within the catch-up window', async () => {
    const { state, repo } = schedule(aPromise());
    expect(await run(repo, at(4 * DAY + HOUR))).toEqual({ reminded: 1, skippedLate: 0, missed: 0, raced: 0 });
    expect(state.queued).toEqual(['promise:T1:p1:due:2026-11-27T10:00:00.000Z:r0']);
  });

  it('skips a reminder more than the catch-up window late, but not the overdue one', async () => {
    const { state, repo } = schedule(aPromise());
    expect(await run(repo, at(4 * DAY + 7 * HOUR))).toMatchObject({ reminded: 0, skippedLate: 1 });
    expect(await run(repo, at(8 * DAY))).toMatchObject({ reminded: 1 });
    expect(state.queued).toEqual(['promise:T1:p1:overdue:2026-11-27T10:00:00.000Z:r0']);
  });

  it('marks the promise missed 7 days after it was due, and schedules nothing more', async () => {
    const { state, repo } = schedule(aPromise());
    expect(await run(repo, at(12 * DAY))).toMatchObject({ missed: 1, reminded: 0 });
    expect(state.promise.state).toBe('missed');
    expect(state.next).toBeUndefined();
    expect(state.queued).toEqual([]);
  });

  it('queues nothing when the owner acted between reading and saving', async () => {
    const { state, repo } = schedule(aPromise());
    state.interfere = true;
    expect(await run(repo, at(2 * DAY))).toEqual({ reminded: 0, skippedLate: 0, missed: 0, raced: 1 });
    expect(state.queued).toEqual([]);
  });
});
