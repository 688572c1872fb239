import type { CheckinScheduleState } from '../checkins/ports.ts';
import type { WeeklyTarget } from '../schedule/local-time.ts';
import type { Language } from '../users/language.ts';

/** What the app holds about a person's preferences, with where each value came from. */
export interface PersonSettingsState {
  /** The zone in use (override, else Slack's). */
  zone: string | null;
  slackZone: string | null;
  zoneOverride: string | null;
  languageChoice: Language | null;
  teamLanguage: Language | null;
  reachable: boolean;
  schedule: (CheckinScheduleState & { custom: boolean }) | undefined;
  nudges: { enabled: boolean; teamEnabled: boolean } | undefined;
}

/** A team's defaults for its members. */
export interface DefaultsTeam {
  id: string;
  checkin: WeeklyTarget;
  /** null: each member's Slack language. */
  language: Language | null;
  habitNudges: boolean;
}

export interface TeamDefaultsChange {
  teamLanguage: Language | null;
  /** A new check-in day and time (the schedule is not the person's own). */
  checkin?: { target: WeeklyTarget; nextDueAt: Date | null };
  /** The team switch for nudges changed. */
  nudges?: { teamEnabled: boolean; zone: string | null; nextDueAt: Date | null };
}

export interface PersonalSettingsChange {
  zoneOverride: string | null;
  languageChoice: Language | null;
  schedule: CheckinScheduleState & { custom: boolean };
  nudges: { enabled: boolean; zone: string | null; nextDueAt: Date | null };
}

export interface SettingsRepository {
  /** Undefined while the app has never seen the person's profile. */
  findPerson(workspaceId: string, userId: string): Promise<PersonSettingsState | undefined>;
  /** The person's teams, the earliest set up first. */
  teamsOf(workspaceId: string, userId: string): Promise<DefaultsTeam[]>;
  memberIds(teamId: string): Promise<string[]>;
  /** In one transaction: the team language, and the schedule and nudge switch when given. */
  applyTeamDefaults(workspaceId: string, userId: string, change: TeamDefaultsChange): Promise<void>;
  /** In one transaction: everything in the personal settings modal. */
  savePersonal(workspaceId: string, userId: string, change: PersonalSettingsChange): Promise<void>;
}
