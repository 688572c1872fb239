import type { TeamRepository } from '../teams/ports.ts';
import type { OpenRound, PulseFlushCoordinator, PulseRepository } from './ports.ts';
import { roundEnd, type RoundResult, roundResults } from './pulse.ts';
import type { PulseCollector } from './pulse-collector.ts';

export interface PulseRoundsDeps {
  pulse: PulseRepository;
  collector: PulseCollector;
  teams: Pick<TeamRepository, 'memberCount'>;
  /** Other instances' buffers (PostgreSQL); absent on the single-process embedded database. */
  flush?: PulseFlushCoordinator;
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
    await deps.flush?.requestFlush(round);
    const outcome = await deps.collector.closeRound(round, round.minGroupSize, members);
    if (outcome) closed.push({ ...round, respondents: outcome.respondents, members });
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
