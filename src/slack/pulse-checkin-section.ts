import type { CheckinCompositionInput, CheckinPageReads } from '../domain/checkins/ports.ts';
import type { PulseBallotBox } from '../domain/pulse/ballot-box.ts';
import { type RoundKey, roundAt, roundLabel } from '../domain/pulse/pulse.ts';
import { personKey } from '../domain/schedule/weekly-send.ts';
import type { Team } from '../domain/teams/team.ts';
import { messages } from '../i18n/index.ts';
import type { CheckinSection } from './checkin-composer.ts';
import { availableRound } from './listeners/pulse/pulse-round.ts';
import { buildPulseCheckinSection, type PulseCheckinEntry } from './blocks/pulse.blocks.ts';

/** The check-in's pulse: a rating button per team round still open to the person, or why there is none. */
export function createPulseCheckinSection(
  reads: Pick<CheckinPageReads, 'teamsOf'>,
  pulse: PulseBallotBox,
): CheckinSection {
  return async (page) => {
    // The page's teams and sizes are read at once; then per team (not per person) whether its
    // round is closed and which of the page's members rated it.
    const teamsOf = await reads.teamsOf(page);
    const teams = new Map<string, { team: Team; memberCount: number; members: string[] }>();
    for (const { workspaceId, userId } of page) {
      for (const { team, memberCount } of teamsOf.get(personKey({ workspaceId, userId })) ?? []) {
        const entry = teams.get(team.id) ?? { team, memberCount, members: [] };
        entry.members.push(userId);
        teams.set(team.id, entry);
      }
    }
    const rounds = await pageRounds(pulse, [...teams.values()], page);
    const pagePulse = {
      hasRated: async (workspaceId: string, round: RoundKey, userId: string) =>
        rounds.get(roundId(round))?.rated.has(userId) ?? pulse.hasRated(workspaceId, round, userId),
      isClosed: async (round: RoundKey) => rounds.get(roundId(round))?.closed ?? pulse.isClosed(round),
    };
    const pageTeams = {
      isMember: async (teamId: string, userId: string) =>
        teams.get(teamId)?.members.includes(userId) ?? false,
      memberCount: async (teamId: string) => teams.get(teamId)?.memberCount ?? 0,
    };
    const blocks = [];
    for (const { workspaceId, userId, language, now } of page) {
      const entries: PulseCheckinEntry[] = [];
      for (const { team } of teamsOf.get(personKey({ workspaceId, userId })) ?? []) {
        const available = await availableRound({ teams: pageTeams, pulse: pagePulse, now }, team, userId);
        if (available.kind === 'open')
          entries.push({ kind: 'rate', channelId: team.channelId, value: available.value });
        if (available.kind === 'not_offered') {
          entries.push({
            kind: 'not_offered',
            channelId: team.channelId,
            minGroupSize: available.minGroupSize,
          });
        }
      }
      blocks.push(buildPulseCheckinSection(messages(language), entries));
    }
    return blocks;
  };
}

function roundId(round: RoundKey): string {
  return `${round.teamId}:${roundLabel(round)}`;
}

/** Each team's current round (as of the page's time): whether it is closed, and who of the page rated it. */
async function pageRounds(
  pulse: PulseBallotBox,
  teams: ReadonlyArray<{ team: Team; members: string[] }>,
  page: ReadonlyArray<CheckinCompositionInput>,
): Promise<Map<string, { closed: boolean; rated: Set<string> }>> {
  const now = page[0]?.now;
  if (!now) return new Map();
  return new Map(
    await Promise.all(
      teams.map(async ({ team, members }) => {
        const round = roundAt(team.id, now, team.timeZone);
        const [closed, rated] = await Promise.all([
          pulse.isClosed(round),
          pulse.ratedAmong(team.workspaceId, round, members),
        ]);
        return [roundId(round), { closed, rated }] as const;
      }),
    ),
  );
}
