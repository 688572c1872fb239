import type { ClosedRound, PulseScores, RoundKey } from './pulse.ts';

export type MarkOutcome = 'recorded' | 'duplicate' | 'closed';

export interface OpenRound extends RoundKey {
  workspaceId: string;
  channelId: string;
  zone: string;
  language: 'en' | 'nb';
  minGroupSize: number;
}

/** A round's ballots, opened by the app inside the close's transaction. */
export type BallotOpener = (sealed: Uint8Array[]) => { opened: PulseScores[]; unreadable: number };

export interface PulseRepository {
  /**
   * In one transaction: opens the round if needed, records the participation mark (the first of
   * `marks`) and stores the sealed ballot, and nothing else. 'duplicate' (nothing written) when any
   * of `marks` is there already; 'closed' when the round has closed.
   */
  castBallot(round: RoundKey, marks: Uint8Array[], sealed: Uint8Array): Promise<MarkOutcome>;
  /** Whether any of these marks (one person under the current and the previous secret) is recorded. */
  hasParticipated(round: RoundKey, marks: Uint8Array[]): Promise<boolean>;
  /** Which of these marks are recorded for the round (one query for a page of people). */
  recordedMarks(round: RoundKey, marks: Uint8Array[]): Promise<Uint8Array[]>;
  isClosed(round: RoundKey): Promise<boolean>;
  /**
   * In one transaction, holding the round's row so no other closer counts it too: opens the
   * round's ballots with `open`, writes every tally row at once when at least k were readable
   * (otherwise none), records respondents, unreadable ballots and the team size, and deletes the
   * ballots and participation marks. Undefined if the round is unknown or already closed.
   */
  closeRound(input: {
    round: RoundKey;
    minGroupSize: number;
    members: number;
    open: BallotOpener;
  }): Promise<{ respondents: number; unreadable: number } | undefined>;
  openRounds(): Promise<OpenRound[]>;
  /** The last `limit` closed rounds of a team, newest first. */
  closedRounds(teamId: string, limit: number): Promise<ClosedRound[]>;
}
