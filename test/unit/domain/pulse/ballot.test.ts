import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BALLOT_BYTES,
  followupPersonTag,
  openBallot,
  openBallots,
  pulseKeys,
  sealBallot,
} from '../../../../src/domain/pulse/ballot.ts';
import type { PulseScores } from '../../../../src/domain/pulse/pulse.ts';

const OLD = 'old-pulse-secret-0123456789';
const NEW = 'new-pulse-secret-9876543210';
const round = { teamId: '7d0c2b1e-0000-4000-8000-000000000001', week: { weekYear: 2027, weekNumber: 5 } };
const scores = (c: number, r: number, i: number, s: number): PulseScores => ({
  credibility: c,
  reliability: r,
  intimacy: i,
  selfOrientation: s,
});

describe('sealed ballots', () => {
  it('have one size whatever the scores, and never repeat for the same scores', () => {
    const keys = pulseKeys(NEW);
    const sealed = [scores(1, 1, 1, 1), scores(5, 5, 5, 5), scores(2, 4, 3, 1), scores(5, 5, 5, 5)].map((s) =>
      sealBallot(keys, 'T1', round, s),
    );
    expect(new Set(sealed.map((b) => b.length))).toEqual(new Set([BALLOT_BYTES]));
    expect(BALLOT_BYTES).toBe(44);
    expect(new Set(sealed.map((b) => b.toString('hex'))).size).toBe(4);
  });

  it('open only with a key from the same secret, for the same workspace, team and week', () => {
    const keys = pulseKeys(NEW);
    const given = scores(2, 4, 3, 1);
    const sealed = sealBallot(keys, 'T1', round, given);
    expect(openBallot(keys, 'T1', round, sealed)).toEqual(given);
    expect(openBallot(pulseKeys(OLD), 'T1', round, sealed)).toBeUndefined();
    expect(openBallot(keys, 'T2', round, sealed)).toBeUndefined();
    expect(openBallot(keys, 'T1', { ...round, teamId: 'other' }, sealed)).toBeUndefined();
    expect(
      openBallot(keys, 'T1', { ...round, week: { weekYear: 2027, weekNumber: 6 } }, sealed),
    ).toBeUndefined();
    const tampered = Buffer.from(sealed);
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    expect(openBallot(keys, 'T1', round, tampered)).toBeUndefined();
    expect(openBallot(keys, 'T1', round, sealed.subarray(0, 40))).toBeUndefined();
  });

  it('during a rotation are sealed with the new secret and opened under either', () => {
    const before = sealBallot(pulseKeys(OLD), 'T1', round, scores(1, 2, 3, 4));
    const rotating = pulseKeys(NEW, OLD);
    const after = sealBallot(rotating, 'T1', round, scores(4, 3, 2, 1));
    expect(openBallot(pulseKeys(NEW), 'T1', round, after)).toEqual(scores(4, 3, 2, 1));
    expect(openBallots(rotating, 'T1', round, [before, after, Buffer.alloc(44)])).toEqual({
      opened: [scores(1, 2, 3, 4), scores(4, 3, 2, 1)],
      unreadable: 1,
    });
  });

  it('use keys of their own: not the participation HMAC key, nor the follow-up key', () => {
    const keys = pulseKeys(NEW);
    const [ballotKey] = keys.ballotKeys;
    expect(ballotKey?.length).toBe(32);
    expect(ballotKey?.equals(Buffer.from(NEW))).toBe(false);
    expect(ballotKey?.equals(keys.followupKey)).toBe(false);
    expect(keys.markSecrets).toEqual([NEW]);
    expect(pulseKeys(NEW, NEW).markSecrets).toEqual([NEW]);
  });

  it('follow-up tags are stable per person and week, and are not the user id', () => {
    const keys = pulseKeys(NEW);
    const tag = followupPersonTag(keys, 'T1', 'U123', '2027-W05');
    expect(tag).toBe(followupPersonTag(keys, 'T1', 'U123', '2027-W05'));
    expect(tag).not.toBe(followupPersonTag(keys, 'T1', 'U124', '2027-W05'));
    expect(tag).not.toBe(followupPersonTag(keys, 'T1', 'U123', '2027-W06'));
    expect(tag).not.toContain('U123');
    // Not the unkeyed hash a reader could compute for every member.
    const unkeyed = createHmac('sha256', '').update('T1|U123|2027-W05').digest('base64url').slice(0, 32);
    expect(tag).not.toBe(unkeyed);
  });
});
