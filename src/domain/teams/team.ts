import type { Language } from '../users/language.ts';
import { isValidZone, parseTime, type WeeklyTarget } from '../schedule/local-time.ts';

/** Never below this, whatever a manager or the environment asks: smaller groups expose individuals. */
export const MIN_GROUP_SIZE_FLOOR = 3;

export interface TeamSettings {
  timeZone: string;
  /** A default for members whose Slack locale we don't speak; null: "each person's Slack language". */
  language: Language | null;
  /** k: the smallest number of people a pulse result may describe. */
  minGroupSize: number;
  checkin: WeeklyTarget;
  digest: { enabled: boolean; target: WeeklyTarget };
  /** The mid-week habit nudge for members; absent means on. */
  habitNudges?: boolean;
}

export interface Team extends TeamSettings {
  id: string;
  workspaceId: string;
  channelId: string;
  createdBy: string;
}

export type TeamSettingsProblem = 'min_group_size_too_small' | 'invalid_zone' | 'invalid_time';

export function defaultTeamSettings(input: {
  minGroupSize: number;
  timeZone: string | null;
  language?: Language | null;
}): TeamSettings {
  return {
    timeZone: input.timeZone && isValidZone(input.timeZone) ? input.timeZone : 'UTC',
    language: input.language ?? null,
    minGroupSize: Math.max(MIN_GROUP_SIZE_FLOOR, input.minGroupSize),
    checkin: { weekday: 1, time: '10:00' },
    digest: { enabled: true, target: { weekday: 1, time: '09:00' } },
    habitNudges: true,
  };
}

/** Every problem with a settings form, keyed by what is wrong. */
export function checkTeamSettings(settings: TeamSettings): TeamSettingsProblem[] {
  const problems: TeamSettingsProblem[] = [];
  if (!Number.isInteger(settings.minGroupSize) || settings.minGroupSize < MIN_GROUP_SIZE_FLOOR) {
    problems.push('min_group_size_too_small');
  }
  if (!isValidZone(settings.timeZone)) problems.push('invalid_zone');
  for (const time of [settings.checkin.time, settings.digest.target.time]) {
    try {
      parseTime(time);
    } catch {
      problems.push('invalid_time');
      break;
    }
  }
  return problems;
}

/** Whether a team is big enough for an anonymous pulse. */
export function isPulseOffered(team: Pick<Team, 'minGroupSize'>, memberCount: number): boolean {
  return memberCount >= team.minGroupSize;
}
