import { promiseEnvelope, promiseMessageKey } from '../../../../src/domain/outbox/message-kinds.ts';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../src/domain/clock.ts';
import type {
  DueChoice,
  PromiseNotice,
  PromiseNotifications,
  PromiseRepository,
} from '../../../../src/domain/promises/ports.ts';
import type { TrustPromise } from '../../../../src/domain/promises/promise.ts';
import {
  createPromise,
  findForOwnerAction,
  keepPromise,
  listMyPromises,
  listMyPromisesDueBy,
  type PromiseServiceDeps,
  releasePromise,
  renegotiatePromise,
  teamPromiseCounts,
} from '../../../../src/domain/promises/promise.service.ts';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-11-23T10:00:00Z');
const inDays = (days: number) => new Date(now.getTime() + days * DAY);

/**
 * Stores promises in a map and what would be queued with them in `sent` (by idempotency key);
 * `beforeSave` lets a test slip in a concurrent change.
 */
function inMemoryPromises(): PromiseRepository & {
  rows: Map<string, TrustPromise>;
  sent: string[];
  beforeSave?: () => void;
} {
  const rows = new Map<string, TrustPromise>();
  const sent: string[] = [];
  const choices = new Map<string, DueChoice>();
  const repo: PromiseRepository & {
    rows: Map<string, TrustPromise>;
    sent: string[];
    beforeSave?: () => void;
  } = {
    rows,
    sent,
    async create(input, messages) {
      const promise: TrustPromise = {
        ...input,
        id: `p${rows.size + 1}`,
        state: 'open',
        keptAt: null,
        keptBy: null,
        releasedAt: null,
        releaseNote: null,
        dueChanges: [],
      };
      rows.set(promise.id, promise);
      sent.push(...messages(promise).map((m) => m.idempotencyKey));
      return promise;
    },
    async saveDueChoice(choice) {
      const id = `c${choices.size + 1}`;
      choices.set(id, { ...choice, id, chosenAt: null });
      return id;
    },
    async findDueChoice(workspaceId, id) {
      const choice = choices.get(id);
      return choice?.workspaceId === workspaceId ? choice : undefined;
    },
    async createFromChoice(choiceId, input, messages) {
      const choice = choices.get(choiceId);
      if (!choice || choice.chosenAt) return undefined;
      choice.chosenAt = input.createdAt;
      return repo.create(input, messages);
    },
    async find(workspaceId, id) {
      const row = rows.get(id);
      return row?.workspaceId === workspaceId ? row : undefined;
    },
    async listActiveFor(workspaceId, userId) {
      return [...rows.values()].filter(
        (p) =>
          p.workspaceId === workspaceId &&
          (p.state === 'open' || p.state === 'renegotiated') &&
          (p.ownerId === userId || p.recipientId === userId),
      );
    },
    async listOwnedSince(workspaceId, ownerIds, _since) {
      return [...rows.values()].filter((p) => p.workspaceId === workspaceId && ownerIds.includes(p.ownerId));
    },
    async saveTransition(next, expected, messages) {
      repo.beforeSave?.();
      const stored = rows.get(next.id);
      if (!stored || stored.state !== expected.state || stored.dueAt.getTime() !== expected.dueAt.getTime()) {
        return false;
      }
      rows.set(next.id, next);
      sent.push(...messages(next).map((m) => m.idempotencyKey));
      return true;
    },
  };
  return repo;
}

/** Labels each message by what it tells whom, e.g. `kept:p1:owner>URECIP`. */
function labellingNotifications(): PromiseNotifications {
  const detail = (notice: PromiseNotice, p: TrustPromise) => {
    if (notice === 'renegotiated') return `:${p.dueChanges.at(-1)?.to.toISOString()}`;
    if (notice === 'released') return `:${p.releaseNote ?? ''}`;
    if (notice === 'kept') return `:${p.keptBy}`;
    return '';
  };
  return {
    async prepare(notice, workspaceId, readerId) {
      return (p) => [
        {
          ...promiseEnvelope(notice, p, readerId),
          workspaceId,
          idempotencyKey: `${notice}:${p.id}${detail(notice, p)}>${readerId}`,
          text: notice,
        },
      ];
    },
  };
}

function setup() {
  const promises = inMemoryPromises();
  const deps: PromiseServiceDeps = {
    promises,
    notifications: labellingNotifications(),
    clock: fixedClock(now),
  };
  return { deps, promises, notifications: { sent: promises.sent } };
}

const newPromise = {
  workspaceId: 'T1',
  ownerId: 'UOWNER',
  recipientId: 'URECIP',
  recipientIsBot: false,
  recipientIsDeleted: false,
  text: '  send the Q3 numbers  ',
  dueAt: inDays(4),
};

async function made(deps: PromiseServiceDeps): Promise<TrustPromise> {
  const outcome = await createPromise(deps, newPromise);
  if (!outcome.ok) throw new Error('setup failed');
  return outcome.promise;
}

const action = (promiseId: string, actorId: string) => ({ workspaceId: 'T1', promiseId, actorId });

describe('the promise service', () => {
  it('records a promise and tells the recipient', async () => {
    const { deps, notifications } = setup();
    const promise = await made(deps);
    expect(promise).toMatchObject({ state: 'open', text: 'send the Q3 numbers', createdAt: now });
    expect(notifications.sent).toEqual(['made:p1>URECIP']);
  });

  it('saves nothing and tells no one when the promise is invalid', async () => {
    const { deps, promises, notifications } = setup();
    const outcome = await createPromise(deps, { ...newPromise, recipientId: 'UOWNER', text: '' });
    expect(outcome).toEqual({ ok: false, errors: ['self_promise', 'empty_text'] });
    expect(promises.rows.size).toBe(0);
    expect(notifications.sent).toEqual([]);
  });

  it('keeps a promise once, however often the button is clicked', async () => {
    const { deps, notifications } = setup();
    const { id } = await made(deps);
    expect(await keepPromise(deps, action(id, 'UOWNER'))).toMatchObject({
      ok: true,
      promise: { state: 'kept' },
    });
    expect(await keepPromise(deps, action(id, 'UOWNER'))).toEqual({ ok: false, error: 'already_kept' });
    expect(notifications.sent).toEqual(['made:p1>URECIP', 'kept:p1:owner>URECIP']);
  });

  it('judges a racing click against what was stored first', async () => {
    const { deps, promises } = setup();
    const { id } = await made(deps);
    promises.beforeSave = () => {
      promises.beforeSave = undefined;
      const stored = promises.rows.get(id);
      if (stored) promises.rows.set(id, { ...stored, state: 'kept', keptAt: now, keptBy: 'recipient' });
    };
    expect(await keepPromise(deps, action(id, 'UOWNER'))).toEqual({ ok: false, error: 'already_kept' });
  });

  it('lets the recipient confirm kept, and tells the owner', async () => {
    const { deps, notifications } = setup();
    const { id } = await made(deps);
    await keepPromise(deps, action(id, 'URECIP'));
    expect(notifications.sent).toContain('kept:p1:recipient>UOWNER');
  });

  it('refuses a forged action by someone else, or from another workspace', async () => {
    const { deps, promises } = setup();
    const { id } = await made(deps);
    expect(await releasePromise(deps, action(id, 'URECIP'), null)).toEqual({ ok: false, error: 'not_owner' });
    expect(await keepPromise(deps, { ...action(id, 'UOWNER'), workspaceId: 'T2' })).toEqual({
      ok: false,
      error: 'not_found',
    });
    expect(promises.rows.get(id)?.state).toBe('open');
  });

  it('renegotiates with a trimmed note and tells the recipient the new date', async () => {
    const { deps, notifications } = setup();
    const { id } = await made(deps);
    const outcome = await renegotiatePromise(deps, action(id, 'UOWNER'), { dueAt: inDays(6), note: '  ' });
    expect(outcome).toMatchObject({ ok: true, promise: { state: 'renegotiated', dueAt: inDays(6) } });
    expect(outcome.ok && outcome.promise.dueChanges[0]?.note).toBeNull();
    expect(notifications.sent).toContain(`renegotiated:p1:${inDays(6).toISOString()}>URECIP`);
  });

  it('releases with a note for the recipient', async () => {
    const { deps, notifications } = setup();
    const { id } = await made(deps);
    await releasePromise(deps, action(id, 'UOWNER'), ' Priorities changed ');
    expect(notifications.sent).toContain('released:p1:Priorities changed>URECIP');
  });

  it('tells no one when the recipient has left (forget-me)', async () => {
    const { deps, promises, notifications } = setup();
    const { id } = await made(deps);
    const stored = promises.rows.get(id);
    if (stored) promises.rows.set(id, { ...stored, recipientId: null });
    await releasePromise(deps, action(id, 'UOWNER'), null);
    expect(notifications.sent).toEqual(['made:p1>URECIP']);
  });

  it('lists my open promises, made and received, soonest first, with my keep rate', async () => {
    const { deps } = setup();
    await createPromise(deps, { ...newPromise, dueAt: inDays(5) });
    await createPromise(deps, { ...newPromise, dueAt: inDays(2) });
    await createPromise(deps, { ...newPromise, ownerId: 'URECIP', recipientId: 'UOWNER' });
    const mine = await listMyPromises(deps, 'T1', 'UOWNER');
    expect(mine.made.map((p) => p.dueAt)).toEqual([inDays(2), inDays(5)]);
    expect(mine.received).toHaveLength(1);
    expect(mine.keepRate).toBeNull();
  });

  it('lets only the owner open New date or Release, and only while it is open', async () => {
    const { deps } = setup();
    const { id } = await made(deps);
    expect(await findForOwnerAction(deps, action(id, 'UOWNER'))).toMatchObject({ ok: true, promise: { id } });
    expect(await findForOwnerAction(deps, action(id, 'URECIP'))).toEqual({ ok: false, error: 'not_owner' });
    expect(await findForOwnerAction(deps, action('nope', 'UOWNER'))).toEqual({
      ok: false,
      error: 'not_found',
    });
    await keepPromise(deps, action(id, 'UOWNER'));
    expect(await findForOwnerAction(deps, action(id, 'UOWNER'))).toEqual({
      ok: false,
      error: 'already_kept',
    });
  });

  it('lists what is due by a moment, overdue included, for the check-in', async () => {
    const { deps } = setup();
    await createPromise(deps, { ...newPromise, dueAt: inDays(9) });
    await createPromise(deps, { ...newPromise, dueAt: inDays(3) });
    await createPromise(deps, { ...newPromise, ownerId: 'URECIP', recipientId: 'UOWNER', dueAt: inDays(1) });
    const due = await listMyPromisesDueBy(deps, 'T1', 'UOWNER', inDays(7));
    expect(due.made.map((p) => p.dueAt)).toEqual([inDays(3)]);
    expect(due.received.map((p) => p.dueAt)).toEqual([inDays(1)]);
  });

  it('keys reminders by kind and due date, so a new date gets fresh ones', async () => {
    const { deps } = setup();
    const promise = await made(deps);
    const moved = await renegotiatePromise(deps, action(promise.id, 'UOWNER'), {
      dueAt: inDays(6),
      note: null,
    });
    if (!moved.ok) throw new Error('not moved');
    expect(promiseMessageKey('due', promise)).not.toBe(promiseMessageKey('due', moved.promise));
    expect(promiseMessageKey('due', moved.promise)).toContain(inDays(6).toISOString());
    expect(promiseMessageKey('made', moved.promise)).toBe(promiseMessageKey('made', promise));
  });

  it('counts a team’s promises for the digest', async () => {
    const { deps } = setup();
    await made(deps);
    const counts = await teamPromiseCounts(deps, 'T1', ['UOWNER'], { from: inDays(-7), to: inDays(1) });
    expect(counts).toEqual({ made: 1, keptOnTime: 0, renegotiated: 0, overdue: 0 });
  });
});
