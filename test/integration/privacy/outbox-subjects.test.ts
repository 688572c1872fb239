import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkinEnvelope,
  digestEnvelope,
  digestNowKey,
  habitNudgeEnvelope,
  type MessageEnvelope,
  type MessageKind,
  promiseEnvelope,
  pulseFollowupEnvelope,
  pulseResultEnvelope,
  pulseStepEnvelope,
  replyEnvelope,
  scheduledDigestKey,
} from '../../../src/domain/outbox/message-kinds.ts';
import type { TrustPromise } from '../../../src/domain/promises/promise.ts';
import { enqueueMessages } from '../../../src/persistence/pg-outbox.repository.ts';
import { createPgPrivacyRepository, purgeWorkspace } from '../../../src/persistence/pg-privacy.repository.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

// Data rights depend on every queued message saying whom it concerns. Each kind is built here
// through its own builder; the Record below stops compiling when a kind is added without a case.

let database: TestDatabase;
const db = () => database.db;
const WS = 'T0SUBJ';

beforeAll(async () => {
  database = await createTestDatabase();
  await db().insertInto('workspaces').values({ id: WS }).execute();
});
afterAll(async () => {
  await database.close();
});

async function insertPromise(ownerId: string, recipientId: string): Promise<TrustPromise> {
  const row = await db()
    .insertInto('promises')
    .values({
      workspace_id: WS,
      owner_id: ownerId,
      recipient_id: recipientId,
      text: 'a promise',
      due_at: new Date('2027-01-08T15:00:00Z'),
      state: 'open',
      created_at: new Date('2027-01-04T07:00:00Z'),
    })
    .returning(['id', 'due_at'])
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    workspaceId: WS,
    ownerId,
    recipientId,
    dueAt: row.due_at,
    dueChanges: [],
  } as unknown as TrustPromise;
}

interface Party {
  userId: string;
  /** A promise this person made (to the other party). */
  promise: TrustPromise;
  teamId: string;
}

/** What each kind concerns, and the message of that kind about `p` (sent to `other` where the kind allows). */
const kinds: Record<
  MessageKind,
  { concerns: 'person' | 'promise' | 'team'; build(p: Party, other: Party): MessageEnvelope }
> = {
  checkin: { concerns: 'person', build: (p) => checkinEnvelope(WS, p.userId, '2027-W01') },
  habit_nudge: { concerns: 'person', build: (p) => habitNudgeEnvelope(WS, p.userId, '2027-W01') },
  pulse_followup: {
    concerns: 'person',
    build: (p) => pulseFollowupEnvelope(WS, p.userId, `tag${p.userId}`, '2027-W01'),
  },
  pulse_step: {
    concerns: 'person',
    build: (p) => pulseStepEnvelope(WS, p.userId, `tag${p.userId}`, '2027-W01', p.teamId),
  },
  pulse_result: { concerns: 'person', build: (p) => pulseResultEnvelope(WS, p.teamId, '2027-W01', p.userId) },
  // Notices about a person's promise go to the other party: they must go with the promise.
  promise_made: {
    concerns: 'promise',
    build: (p, other) => promiseEnvelope('made', p.promise, other.userId),
  },
  promise_renegotiated: {
    concerns: 'promise',
    build: (p, other) => promiseEnvelope('renegotiated', p.promise, other.userId),
  },
  promise_released: {
    concerns: 'promise',
    build: (p, other) => promiseEnvelope('released', p.promise, other.userId),
  },
  promise_kept: {
    concerns: 'promise',
    build: (p, other) => promiseEnvelope('kept', p.promise, other.userId),
  },
  promise_reminder: {
    concerns: 'promise',
    build: (p, other) => promiseEnvelope('due', p.promise, other.userId),
  },
  channel_digest: {
    concerns: 'team',
    build: (p) =>
      digestEnvelope(
        { id: p.teamId, workspaceId: WS, channelId: `C0SUBJ${p.teamId.slice(0, 1)}` },
        scheduledDigestKey(p.teamId, 'w'),
      ),
  },
  reply_team_settings: {
    concerns: 'person',
    build: (p) => replyEnvelope('team_settings', WS, p.userId, `v${p.userId}`),
  },
  reply_checkin_pause: {
    concerns: 'person',
    build: (p) => replyEnvelope('checkin_pause', WS, p.userId, `v${p.userId}`),
  },
  reply_checkin_time: {
    concerns: 'person',
    build: (p) => replyEnvelope('checkin_time', WS, p.userId, `v${p.userId}`),
  },
  reply_personal_settings: {
    concerns: 'person',
    build: (p) => replyEnvelope('personal_settings', WS, p.userId, `v${p.userId}`),
  },
  reply_settings_open: {
    concerns: 'person',
    build: (p) => replyEnvelope('settings_open', WS, p.userId, `t${p.userId}`),
  },
  reply_export: { concerns: 'person', build: (p) => replyEnvelope('export', WS, p.userId, `t${p.userId}`) },
};

async function subjectsOf(keys: string[]) {
  return db()
    .selectFrom('outbox')
    .select(['idempotency_key', 'kind', 'channel', 'person_id', 'promise_id', 'team_id'])
    .where('idempotency_key', 'in', keys)
    .execute();
}

describe('whom a queued message concerns', () => {
  it('is stored for every kind, and forget-me removes by it what concerns the person', async () => {
    const me: Party = {
      userId: 'U0SUBJME',
      promise: await insertPromise('U0SUBJME', 'U0SUBJOT'),
      teamId: '',
    };
    const other: Party = {
      userId: 'U0SUBJOT',
      promise: await insertPromise('U0SUBJOT', 'U0SUBJME'),
      teamId: '',
    };
    me.teamId = '11111111-1111-4111-8111-111111111111';
    other.teamId = '22222222-2222-4222-8222-222222222222';
    const content = { text: 'hello' };
    const mine = Object.values(kinds).map((k) => ({ ...k.build(me, other), ...content }));
    const theirs = Object.values(kinds).map((k) => ({ ...k.build(other, me), ...content }));
    expect(await enqueueMessages(db(), [...mine, ...theirs])).toBe(mine.length + theirs.length);

    const stored = new Map((await subjectsOf(mine.map((m) => m.idempotencyKey))).map((r) => [r.kind, r]));
    for (const [kind, { concerns }] of Object.entries(kinds)) {
      const row = stored.get(kind);
      expect(row, kind).toBeDefined();
      if (concerns === 'person') expect(row?.person_id, kind).toBe(me.userId);
      if (concerns === 'promise') expect(row?.promise_id, kind).toBe(me.promise.id);
      if (concerns === 'team') expect(row?.team_id, kind).toBe(me.teamId);
      // Every direct message names its reader, whatever else it is about.
      if (row?.channel.startsWith('U')) expect(row.person_id, kind).toBe(row.channel);
    }
    // A follow-up names its reader only: nothing says which team's round they had not rated.
    expect(stored.get('pulse_followup')).toMatchObject({ team_id: null, promise_id: null });

    await createPgPrivacyRepository(db()).forgetPerson(WS, me.userId, () => 'a former member');

    const left = await subjectsOf([...mine, ...theirs].map((m) => m.idempotencyKey));
    const leftKeys = new Set(left.map((r) => r.idempotency_key));
    for (const [i, [kind, { concerns }]] of Object.entries(kinds).entries()) {
      const key = mine[i]?.idempotencyKey ?? '';
      // A team's digest is no one's personal data: it stays.
      expect(leftKeys.has(key), `${kind} about me`).toBe(concerns === 'team');
    }
    // Everyone else's messages stay, except those to me about their promise (I was their reader).
    const toMe = theirs.filter((m) => m.about.personId === me.userId).map((m) => m.idempotencyKey);
    for (const m of theirs)
      expect(leftKeys.has(m.idempotencyKey), m.kind).toBe(!toMe.includes(m.idempotencyKey));
    for (const row of left) expect(JSON.stringify(row)).not.toContain(me.userId);
  });

  it('goes with the workspace on uninstall, whatever the kind', async () => {
    const them: Party = {
      userId: 'U0SUBJUN',
      promise: await insertPromise('U0SUBJUN', 'U0SUBJOT'),
      teamId: '',
    };
    them.teamId = '33333333-3333-4333-8333-333333333333';
    const other: Party = { userId: 'U0SUBJOT', promise: them.promise, teamId: them.teamId };
    const messages = Object.values(kinds).map((k) => ({ ...k.build(them, other), text: 'hello' }));
    messages.push({
      ...digestEnvelope(
        { id: them.teamId, workspaceId: WS, channelId: 'C0NOW' },
        digestNowKey(them.teamId, 'trig'),
      ),
      text: 'now',
    });
    await enqueueMessages(db(), messages);
    expect(await purgeWorkspace(db(), WS, undefined)).toBe(true);
    expect(await db().selectFrom('outbox').select('id').where('workspace_id', '=', WS).execute()).toEqual([]);
  });
});
