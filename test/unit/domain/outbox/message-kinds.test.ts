import { describe, expect, it } from 'vitest';
import {
  checkinEnvelope,
  checkinKey,
  digestEnvelope,
  digestNowKey,
  habitNudgeEnvelope,
  habitNudgeKey,
  promiseEnvelope,
  promiseMessageKey,
  pulseFollowupEnvelope,
  pulseFollowupKey,
  pulseResultEnvelope,
  pulseResultKey,
  pulseStepEnvelope,
  pulseStepKey,
  replyEnvelope,
  replyKey,
  scheduledDigestKey,
} from '../../../../src/domain/outbox/message-kinds.ts';
import type { TrustPromise } from '../../../../src/domain/promises/promise.ts';

const PROMISE_ID = '0b5d2c1e-4f4e-4d3a-9a52-2b1c9d7e8f60';
const TEAM_ID = '7f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f';

function promise(overrides: Partial<TrustPromise> = {}): TrustPromise {
  return {
    id: PROMISE_ID,
    workspaceId: 'T1',
    ownerId: 'U0OWNER',
    recipientId: 'U0RECIP',
    dueAt: new Date('2027-01-08T15:00:00Z'),
    dueChanges: [],
    ...overrides,
  } as TrustPromise;
}

// Rows queued before an upgrade must dedupe against the keys built after it: these formats are
// frozen. Change one only with a migration that rewrites the queued rows' keys.
describe('idempotency key formats', () => {
  it('keeps every kind’s key exactly as rows already queued hold it', () => {
    expect(checkinKey('T1', 'U1', '2026-W48')).toBe('checkin:T1:U1:2026-W48');
    expect(habitNudgeKey('T1', 'U1', '2026-W48')).toBe('habit-nudge:T1:U1:2026-W48');
    expect(pulseFollowupKey('T1', 'tagABC', '2026-W48')).toBe('pulse-followup:T1:tagABC:2026-W48');
    expect(pulseStepKey('T1', 'tagABC', '2026-W48', TEAM_ID)).toBe(
      `pulse-step:T1:${TEAM_ID}:tagABC:2026-W48`,
    );
    expect(pulseResultKey(TEAM_ID, '2026-W48', 'U0MGR')).toBe(`pulse-result:${TEAM_ID}:2026-W48:U0MGR`);
    expect(scheduledDigestKey(TEAM_ID, '2026-W48')).toBe(`digest:${TEAM_ID}:2026-W48`);
    expect(digestNowKey(TEAM_ID, 'trig.123')).toBe(`digest-now:${TEAM_ID}:trig.123`);
    expect(replyKey('checkin_pause', 'T1', 'V0VIEW')).toBe('reply:checkin_pause:T1:V0VIEW');
  });

  it('keys promise messages once per promise, per new date, or per reminder and due date', () => {
    const p = promise();
    expect(promiseMessageKey('made', p)).toBe(`promise:T1:${PROMISE_ID}:made`);
    expect(promiseMessageKey('kept', p)).toBe(`promise:T1:${PROMISE_ID}:kept`);
    expect(promiseMessageKey('released', p)).toBe(`promise:T1:${PROMISE_ID}:released`);
    const moved = promise({ dueChanges: [{}, {}] as TrustPromise['dueChanges'] });
    expect(promiseMessageKey('renegotiated', moved)).toBe(`promise:T1:${PROMISE_ID}:renegotiated:r2`);
    expect(promiseMessageKey('due', p)).toBe(`promise:T1:${PROMISE_ID}:due:2027-01-08T15:00:00.000Z:r0`);
    expect(promiseMessageKey('day_before', moved)).toBe(
      `promise:T1:${PROMISE_ID}:day_before:2027-01-08T15:00:00.000Z:r2`,
    );
  });

  it('never puts a user id in a pulse follow-up’s or a workflow ask’s key', () => {
    expect(pulseFollowupEnvelope('T1', 'U0RATER', 'tagABC', '2026-W48').idempotencyKey).not.toContain(
      'U0RATER',
    );
    expect(pulseStepEnvelope('T1', 'U0RATER', 'tagABC', '2026-W48', TEAM_ID).idempotencyKey).not.toContain(
      'U0RATER',
    );
  });
});

describe('whom each kind of message concerns', () => {
  const none = { personId: null, promiseId: null, teamId: null };

  it('names the reader of every direct message, as its channel', () => {
    const dms = [
      checkinEnvelope('T1', 'U1', '2026-W48'),
      habitNudgeEnvelope('T1', 'U1', '2026-W48'),
      pulseFollowupEnvelope('T1', 'U1', 'tag', '2026-W48'),
      pulseStepEnvelope('T1', 'U1', 'tag', '2026-W48', TEAM_ID),
      pulseResultEnvelope('T1', TEAM_ID, '2026-W48', 'U1'),
      promiseEnvelope('made', promise(), 'U1'),
      promiseEnvelope('overdue', promise(), 'U1'),
      replyEnvelope('export', 'T1', 'U1', 'trig'),
    ];
    for (const dm of dms) {
      expect(dm.channel, dm.kind).toBe('U1');
      expect(dm.about.personId, dm.kind).toBe('U1');
      expect(dm.workspaceId, dm.kind).toBe('T1');
    }
  });

  it('names the promise, the team, or nothing more, kind by kind', () => {
    expect(checkinEnvelope('T1', 'U1', 'w').about).toEqual({ ...none, personId: 'U1' });
    expect(habitNudgeEnvelope('T1', 'U1', 'w').about).toEqual({ ...none, personId: 'U1' });
    // A follow-up may cover several teams' rounds; which ones the person had not rated stays out.
    expect(pulseFollowupEnvelope('T1', 'U1', 'tag', 'w').about).toEqual({ ...none, personId: 'U1' });
    expect(pulseStepEnvelope('T1', 'U1', 'tag', 'w', TEAM_ID).about).toEqual({
      ...none,
      personId: 'U1',
      teamId: TEAM_ID,
    });
    expect(pulseResultEnvelope('T1', TEAM_ID, 'w', 'U1').about).toEqual({
      ...none,
      personId: 'U1',
      teamId: TEAM_ID,
    });
    expect(promiseEnvelope('kept', promise(), 'U0OWNER').about).toEqual({
      ...none,
      personId: 'U0OWNER',
      promiseId: PROMISE_ID,
    });
    const digest = digestEnvelope({ id: TEAM_ID, workspaceId: 'T1', channelId: 'C1' }, 'digest:x:w');
    expect(digest).toMatchObject({ channel: 'C1', kind: 'channel_digest', idempotencyKey: 'digest:x:w' });
    expect(digest.about).toEqual({ ...none, teamId: TEAM_ID });
  });

  it('tells promise notices apart by kind, every reminder as one kind', () => {
    const p = promise();
    expect(promiseEnvelope('made', p, 'U1').kind).toBe('promise_made');
    expect(promiseEnvelope('renegotiated', p, 'U1').kind).toBe('promise_renegotiated');
    expect(promiseEnvelope('released', p, 'U1').kind).toBe('promise_released');
    expect(promiseEnvelope('kept', p, 'U1').kind).toBe('promise_kept');
    for (const reminder of ['midpoint', 'day_before', 'due', 'overdue'] as const)
      expect(promiseEnvelope(reminder, p, 'U1').kind).toBe('promise_reminder');
  });
});
