import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { PULSE_ITEMS, type PulseScores, type RoundKey, roundLabel } from './pulse.ts';

// A sealed ballot: one person's four scores, stored at once and opened only by the round close.
// AES-256-GCM under a key derived from PULSE_SECRET (never in the database) with a purpose label of
// its own, a random 96-bit IV, the round (workspace, team, week) as associated data, so a ballot
// copied into another round does not open. The plaintext has a fixed length, so every ballot has
// the same size whatever the scores. Layout: iv (12) | ciphertext (16) | tag (16).

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Format byte, four scores, zero padding: room for more items without changing the size. */
const PLAIN_BYTES = 16;
const FORMAT = 1;
export const BALLOT_BYTES = IV_BYTES + PLAIN_BYTES + TAG_BYTES;

const BALLOT_LABEL = 'trust-habits/pulse-ballot/aes-256-gcm/v1';
const FOLLOWUP_LABEL = 'trust-habits/pulse-followup-key/hmac-sha256/v1';

/**
 * What the pulse derives from PULSE_SECRET (and PULSE_SECRET_PREVIOUS while a rotation is under way).
 * The participation marks keep using the secret itself as their HMAC key (so marks written before
 * ballots existed still match); the ballot and follow-up keys are HKDF outputs with their own
 * labels, so no two purposes share a key.
 */
export interface PulseKeys {
  /** HMAC keys for participation marks, current first. */
  markSecrets: string[];
  /** AES-256 keys that open ballots, current first; ballots are sealed with the first. */
  ballotKeys: Buffer[];
  /** HMAC key for follow-up idempotency keys (current secret only). */
  followupKey: Buffer;
}

function derive(secret: string, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), label, 32));
}

export function pulseKeys(secret: string, previous?: string): PulseKeys {
  const secrets = previous && previous !== secret ? [secret, previous] : [secret];
  return {
    markSecrets: secrets,
    ballotKeys: secrets.map((s) => derive(s, BALLOT_LABEL)),
    followupKey: derive(secret, FOLLOWUP_LABEL),
  };
}

function associatedData(workspaceId: string, round: RoundKey): Buffer {
  return Buffer.from(['pulse-ballot', workspaceId, round.teamId, roundLabel(round)].join('|'), 'utf8');
}

export function sealBallot(
  keys: PulseKeys,
  workspaceId: string,
  round: RoundKey,
  scores: PulseScores,
): Buffer {
  const key = keys.ballotKeys[0];
  if (!key) throw new Error('no ballot key');
  const plain = Buffer.alloc(PLAIN_BYTES);
  plain[0] = FORMAT;
  PULSE_ITEMS.forEach((item, i) => {
    plain[i + 1] = scores[item];
  });
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(workspaceId, round));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

/** The scores in a ballot, or undefined when no key opens it (or it was tampered with). */
export function openBallot(
  keys: PulseKeys,
  workspaceId: string,
  round: RoundKey,
  sealed: Uint8Array,
): PulseScores | undefined {
  if (sealed.length !== BALLOT_BYTES) return undefined;
  const bytes = Buffer.from(sealed);
  const iv = bytes.subarray(0, IV_BYTES);
  const body = bytes.subarray(IV_BYTES, IV_BYTES + PLAIN_BYTES);
  const tag = bytes.subarray(IV_BYTES + PLAIN_BYTES);
  for (const key of keys.ballotKeys) {
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(associatedData(workspaceId, round));
      decipher.setAuthTag(tag);
      plain = Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      continue;
    }
    return plain[0] === FORMAT ? scoresIn(plain) : undefined;
  }
  return undefined;
}

function scoresIn(plain: Buffer): PulseScores | undefined {
  const scores = {} as PulseScores;
  for (const [i, item] of PULSE_ITEMS.entries()) {
    const score = plain[i + 1] ?? 0;
    if (score < 1 || score > 5) return undefined;
    scores[item] = score;
  }
  return scores;
}

/** A round's ballots opened and counted: readable ones as scores, the rest only as a number. */
export function openBallots(
  keys: PulseKeys,
  workspaceId: string,
  round: RoundKey,
  sealed: Uint8Array[],
): { opened: PulseScores[]; unreadable: number } {
  const opened: PulseScores[] = [];
  let unreadable = 0;
  for (const ballot of sealed) {
    const scores = openBallot(keys, workspaceId, round, ballot);
    if (scores) opened.push(scores);
    else unreadable += 1;
  }
  return { opened, unreadable };
}

/** A keyed hash of a person in a follow-up's idempotency key: stable, but not the user id in clear. */
export function followupPersonTag(
  keys: PulseKeys,
  workspaceId: string,
  userId: string,
  week: string,
): string {
  return createHmac('sha256', keys.followupKey)
    .update([workspaceId, userId, week].join('|'))
    .digest('base64url')
    .slice(0, 32);
}
