import type { ClosedRound, PulseScores, RoundKey } from './pulse.ts';

export type MarkOutcome = 'recorded' | 'duplicate' | 'closed';

export interface OpenRound extends RoundKey {
  workspaceId: string;
  channelId: string;
  zone: string;
  language: 'en' | 'nb';
  minGroupSize: number;
}

export interface PulseRepository {
  /** Opens the round if needed and records the mark; 'duplicate' when it was there already. */
  markParticipation(round: RoundKey, mark: Uint8Array): Promise<MarkOutcome>;
  hasParticipated(round: RoundKey, mark: Uint8Array): Promise<boolean>;
  isClosed(round: RoundKey): Promise<boolean>;
  /**
   * Adds a batch as count increments, in a transaction that touches no participation row.
   * Returns false (and writes nothing) when the round has closed.
   */
  addTallies(round: RoundKey, batch: PulseScores[]): Promise<boolean>;
  /** Forgets that these people rated (their ratings were never written). */
  deleteMarks(round: RoundKey, marks: Uint8Array[]): Promise<void>;
  /**
   * In one transaction: adds the last ratings, counts respondents, keeps only that count when it is
   * below k, records the team size and deletes every participation mark. Undefined if already closed.
   */
  closeRound(input: {
    round: RoundKey;
    pending: PulseScores[];
    minGroupSize: number;
    members: number;
  }): Promise<{ respondents: number } | undefined>;
  openRounds(): Promise<OpenRound[]>;
  /** The last `limit` closed rounds of a team, newest first. */
  closedRounds(teamId: string, limit: number): Promise<ClosedRound[]>;
}

/**
 * Before a round closes, every running instance writes the ratings it still holds for it, so a
 * rating given before the close is never lost while the app is up.
 */
export interface PulseFlushCoordinator {
  /** Asks every live instance to flush this round and waits for them, within a bound. */
  requestFlush(round: RoundKey): Promise<{ asked: number; answered: number }>;
}
