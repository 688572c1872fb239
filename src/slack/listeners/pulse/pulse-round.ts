import type { PulseBallotBox } from '../../../domain/pulse/ballot-box.ts';
import { roundAt, roundLabel } from '../../../domain/pulse/pulse.ts';
import type { TeamRepository } from '../../../domain/teams/ports.ts';
import { isPulseOffered, type Team } from '../../../domain/teams/team.ts';
import type { PulseRoundValue } from '../../blocks/pulse.blocks.ts';

export type RoundAvailability =
  | { kind: 'open'; value: PulseRoundValue }
  | { kind: 'not_member' | 'rated' | 'closed' }
  | { kind: 'not_offered'; minGroupSize: number };

/** Whether a person may rate a team's current round now, and which round that is. */
export async function availableRound(
  deps: {
    teams: Pick<TeamRepository, 'isMember' | 'memberCount'>;
    pulse: Pick<PulseBallotBox, 'hasRated' | 'isClosed'>;
    now: Date;
  },
  team: Team,
  userId: string,
): Promise<RoundAvailability> {
  if (!(await deps.teams.isMember(team.id, userId))) return { kind: 'not_member' };
  if (!isPulseOffered(team, await deps.teams.memberCount(team.id))) {
    return { kind: 'not_offered', minGroupSize: team.minGroupSize };
  }
  const round = roundAt(team.id, deps.now, team.timeZone);
  if (await deps.pulse.hasRated(team.workspaceId, round, userId)) return { kind: 'rated' };
  if (await deps.pulse.isClosed(round)) return { kind: 'closed' };
  return { kind: 'open', value: { t: team.id, w: roundLabel(round) } };
}
