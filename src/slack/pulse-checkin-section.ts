import type { PulseBallotBox } from '../domain/pulse/ballot-box.ts';
import type { RoundKey } from '../domain/pulse/pulse.ts';
import { personKey } from '../domain/schedule/weekly-send.ts';
import { messages } from '../i18n/index.ts';
import type { Db } from '../persistence/database.ts';
import { createPgCheckinPageReads } from '../persistence/pg-checkin-page.repository.ts';
import type { CheckinSection } from './checkin-composer.ts';
import { availableRound } from './listeners/pulse/pulse-round.ts';
import { buildPulseCheckinSection, type PulseCheckinEntry } from './views/pulse.view.ts';

/** The check-in's pulse: a rating button per team round still open to the person, or why there is none. */
export function createPulseCheckinSection(db: Db, pulse: PulseBallotBox): CheckinSection {
  const reads = createPgCheckinPageReads(db);
  return async (page) => {
    // The page's teams (and their sizes) are read at once; whether a round is closed once per round.
    const teamsOf = await reads.teamsOf(page);
    const members = new Set<string>();
    const sizes = new Map<string, number>();
    for (const [key, teams] of teamsOf) {
      for (const { team, memberCount } of teams) {
        members.add(`${team.id}:${key}`);
        sizes.set(team.id, memberCount);
      }
    }
    const closed = new Map<string, Promise<boolean>>();
    const pagePulse = {
      hasRated: pulse.hasRated.bind(pulse),
      isClosed: (round: RoundKey) => {
        const key = `${round.teamId}:${round.week.weekYear}:${round.week.weekNumber}`;
        const known = closed.get(key) ?? pulse.isClosed(round);
        closed.set(key, known);
        return known;
      },
    };
    const blocks = [];
    for (const { workspaceId, userId, language, now } of page) {
      const key = personKey({ workspaceId, userId });
      const teams = {
        isMember: async (teamId: string) => members.has(`${teamId}:${key}`),
        memberCount: async (teamId: string) => sizes.get(teamId) ?? 0,
      };
      const entries: PulseCheckinEntry[] = [];
      for (const { team } of teamsOf.get(key) ?? []) {
        const available = await availableRound({ teams, pulse: pagePulse, now }, team, userId);
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
