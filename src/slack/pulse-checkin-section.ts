import type { PulseBallotBox } from '../domain/pulse/ballot-box.ts';
import { messages } from '../i18n/index.ts';
import type { Db } from '../persistence/database.ts';
import { createPgTeamRepository } from '../persistence/pg-team.repository.ts';
import type { CheckinSection } from './checkin-composer.ts';
import { availableRound } from './listeners/pulse/pulse-round.ts';
import { buildPulseCheckinSection, type PulseCheckinEntry } from './blocks/pulse.blocks.ts';

/** The check-in's pulse: a rating button per team round still open to the person, or why there is none. */
export function createPulseCheckinSection(db: Db, pulse: PulseBallotBox): CheckinSection {
  const teams = createPgTeamRepository(db);
  return async ({ workspaceId, userId, language, now }) => {
    const entries: PulseCheckinEntry[] = [];
    for (const { team } of await teams.teamsOf(workspaceId, userId)) {
      const available = await availableRound({ teams, pulse, now }, team, userId);
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
    return buildPulseCheckinSection(messages(language), entries);
  };
}
