import { followupPersonTag, openBallots, type PulseKeys, sealBallot } from './ballot.ts';
import { participationMark } from './participation-mark.ts';
import type { MarkOutcome, PulseRepository } from './ports.ts';
import type { PulseScores, RoundKey } from './pulse.ts';

export type SubmitOutcome = 'counted' | 'duplicate' | 'closed';

/**
 * The pulse's ballot box. A rating is stored at once as a sealed ballot, in the same transaction as
 * the person's participation mark; nothing is held in memory, so any instance can close a round and
 * a crash loses nothing. No count exists while a round is open: the close opens and counts the
 * ballots in one transaction.
 */
export class PulseBallotBox {
  constructor(private readonly deps: { pulse: PulseRepository; keys: PulseKeys }) {}

  async submit(input: {
    workspaceId: string;
    round: RoundKey;
    userId: string;
    scores: PulseScores;
  }): Promise<SubmitOutcome> {
    const sealed = sealBallot(this.deps.keys, input.workspaceId, input.round, input.scores);
    const outcome: MarkOutcome = await this.deps.pulse.castBallot(
      input.round,
      this.marks(input.workspaceId, input.round, input.userId),
      sealed,
    );
    return outcome === 'recorded' ? 'counted' : outcome;
  }

  async hasRated(workspaceId: string, round: RoundKey, userId: string): Promise<boolean> {
    return this.deps.pulse.hasParticipated(round, this.marks(workspaceId, round, userId));
  }

  /** Which of these people have a mark for the round: one read for a page of people. */
  async ratedAmong(workspaceId: string, round: RoundKey, userIds: readonly string[]): Promise<Set<string>> {
    const byMark = new Map<string, string>();
    const marks: Uint8Array[] = [];
    for (const userId of userIds) {
      for (const mark of this.marks(workspaceId, round, userId)) {
        marks.push(mark);
        byMark.set(Buffer.from(mark).toString('hex'), userId);
      }
    }
    const recorded = await this.deps.pulse.recordedMarks(round, marks);
    return new Set(recorded.flatMap((mark) => byMark.get(Buffer.from(mark).toString('hex')) ?? []));
  }

  async isClosed(round: RoundKey): Promise<boolean> {
    return this.deps.pulse.isClosed(round);
  }

  /** Counts a round once: idempotent, safe with several closers. Undefined if already closed. */
  async closeRound(round: RoundKey & { workspaceId: string }, minGroupSize: number, members: number) {
    return this.deps.pulse.closeRound({
      round,
      minGroupSize,
      members,
      open: (sealed) => openBallots(this.deps.keys, round.workspaceId, round, sealed),
    });
  }

  /** Stands for the person in a follow-up's idempotency key (a keyed hash, not the user id). */
  followupTag(workspaceId: string, userId: string, week: string): string {
    return followupPersonTag(this.deps.keys, workspaceId, userId, week);
  }

  /** The person's mark under the current secret, then under the previous one during a rotation. */
  private marks(workspaceId: string, round: RoundKey, userId: string): Uint8Array[] {
    return this.deps.keys.markSecrets.map((secret) => participationMark(secret, workspaceId, round, userId));
  }
}
