import { createHmac } from 'node:crypto';
import type { RoundKey } from './pulse.ts';
import { roundLabel } from './pulse.ts';

/**
 * Who rated a round, as HMAC(secret, workspace|team|round|user). Without the secret (never in the
 * database) a mark cannot be tied to a person; with it, only "has this person rated" can be asked.
 */
export function participationMark(
  secret: string,
  workspaceId: string,
  round: RoundKey,
  userId: string,
): Uint8Array {
  return createHmac('sha256', secret)
    .update([workspaceId, round.teamId, roundLabel(round), userId].join('|'))
    .digest();
}
