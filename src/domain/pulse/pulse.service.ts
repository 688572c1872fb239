import type { TeamRepository } from '../teams/ports.ts';
import type { PulseBallotBox } from './ballot-box.ts';
import type { OpenRound, PulseRepository } from './ports.ts';
import { roundEnd, type RoundResult, roundResults } from './pulse.ts';

export interface PulseRoundsDeps {
  pulse: PulseRepository;
  ballots: Pick<PulseBallotBox, 'closeRound'>;
  teams: Pick<TeamRepository, 'memberCount'>;
  /** Told how many ballots of a round no key opened (never which, never their content). */
  onUnreadable?: (round: OpenRound, unreadable: number) => void;
}

export interface ClosedNow extends OpenRound {
  respondents: number;
  members: number;
}

/** Closes every round whose week has ended in its team's zone. */
export async function closeDueRounds(deps: PulseRoundsDeps, now: Date): Promise<ClosedNow[]> {
  const closed: ClosedNow[] = [];
  for (const round of await deps.pulse.openRounds()) {
    if (roundEnd(round, round.zone) > now) continue;
    const members = await deps.teams.memberCount(round.teamId);
    const outcome = await deps.ballots.closeRound(round, round.minGroupSize, members);
    if (!outcome) continue;
    if (outcome.unreadable > 0) deps.onUnreadable?.(round, outcome.unreadable);
    closed.push({ ...round, respondents: outcome.respondents, members });
  }
  return closed;
}

/** The last `count` closed rounds of a team, newest first, for the digest and App Home. */
export async function lastClosedResults(
  deps: Pick<PulseRoundsDeps, 'pulse'>,
  teamId: string,
  count: number,
): Promise<RoundResult[]> {
  // One more than shown, so the oldest shown still has its change.
  const closed = await deps.pulse.closedRounds(teamId, count + 1);
  return roundResults(closed).slice(0, count);
}
