import { createPgTeamRepository } from '../../src/persistence/pg-team.repository.ts';
import type { Clock } from '../../src/domain/clock.ts';
import type { Db } from '../../src/persistence/database.ts';
import type { SlackEmulator } from './slack-emulator/slack-emulator.ts';
import { DEMO_TEAM_ID } from './slack-emulator/seed.ts';

let channels = 0;

/**
 * A channel the app is in whose members are `people`, stored as a team set up by the first of
 * them (Oslo, English, check-in Monday 10:00, digest Monday 09:00) with minimum group size `k`.
 * The people must already be in the emulator's directory (see `addPeople`).
 */
export async function createTeamOf(
  env: { emulator: SlackEmulator; db: Db; clock: Clock },
  people: string[],
  k: number,
  channelPrefix = 'C0TEAM',
) {
  channels += 1;
  const channelId = `${channelPrefix}${String(channels).padStart(3, '0')}`;
  env.emulator.addChannel({
    id: channelId,
    teamId: DEMO_TEAM_ID,
    name: `team-${channelId.toLowerCase()}`,
    members: people,
    botIsMember: true,
  });
  const teams = createPgTeamRepository(env.db);
  const team = await teams.create({
    workspaceId: DEMO_TEAM_ID,
    channelId,
    createdBy: people[0] ?? '',
    settings: {
      timeZone: 'Europe/Oslo',
      language: 'en',
      minGroupSize: k,
      checkin: { weekday: 1, time: '10:00' },
      digest: { enabled: true, target: { weekday: 1, time: '09:00' } },
    },
  });
  if (!team) throw new Error('team not created');
  await teams.replaceMembers(team.id, people, env.clock.now());
  return { team, channelId };
}

/** `count` people in Oslo with English Slack, ids `${prefix}000`, `${prefix}001`, … */
export function addPeople(emulator: SlackEmulator, prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `${prefix}${String(i).padStart(3, '0')}`;
    emulator.addUser(DEMO_TEAM_ID, { id, name: id.toLowerCase(), tz: 'Europe/Oslo', locale: 'en-US' });
    return id;
  });
}
