import type { Clock } from '../clock.ts';
import { nextCheckinFor } from '../checkins/checkin.service.ts';
import type { CheckinRepository } from '../checkins/ports.ts';
import { nextNudgeFor } from '../habits/nudge.service.ts';
import type { HabitNudgeRepository } from '../habits/ports.ts';
import type { WeeklyTarget } from '../schedule/local-time.ts';
import type { SettingsRepository, TeamDefaultsChange } from './ports.ts';

export interface TeamDefaultsDeps {
  settings: SettingsRepository;
  checkins: CheckinRepository;
  nudges: HabitNudgeRepository;
  clock: Clock;
  /** Drops a profile held in memory once its stored language or schedule changed here. */
  forgetProfile?: (workspaceId: string, userId: string) => void;
}

const sameTarget = (a: WeeklyTarget, b: WeeklyTarget) => a.weekday === b.weekday && a.time === b.time;

/** Applies a team's defaults to each of its current members. */
export async function applyTeamDefaultsToTeam(deps: TeamDefaultsDeps, workspaceId: string, teamId: string) {
  await applyTeamDefaults(deps, workspaceId, await deps.settings.memberIds(teamId));
}

/**
 * Gives people their team's defaults where they have not chosen their own. A person in several
 * teams follows the team set up first (the same team whose habit rotation they follow) for the
 * check-in day, time and language; mid-week nudges are off when any of their teams turned them off.
 * Someone in no team keeps their schedule and falls back to their Slack language.
 */
/** Answers whether anyone's stored defaults changed. */
export async function applyTeamDefaults(
  deps: TeamDefaultsDeps,
  workspaceId: string,
  userIds: string[],
): Promise<boolean> {
  let changed = false;
  for (const userId of new Set(userIds)) if (await applyToPerson(deps, workspaceId, userId)) changed = true;
  return changed;
}

async function applyToPerson(deps: TeamDefaultsDeps, workspaceId: string, userId: string): Promise<boolean> {
  const state = await deps.settings.findPerson(workspaceId, userId);
  if (!state) return false;
  const teams = await deps.settings.teamsOf(workspaceId, userId);
  const primary = teams[0];
  const change: TeamDefaultsChange = { teamLanguage: primary?.language ?? null };
  const person = { workspaceId, userId, zone: state.zone };

  const schedule = state.schedule;
  if (
    primary &&
    state.reachable &&
    !schedule?.custom &&
    !(schedule && sameTarget(schedule.target, primary.checkin))
  ) {
    const next = {
      target: primary.checkin,
      optedOut: schedule?.optedOut ?? false,
      pausedUntil: schedule?.pausedUntil ?? null,
    };
    change.checkin = {
      target: primary.checkin,
      nextDueAt: await nextCheckinFor(deps, workspaceId, userId, state.zone, next),
    };
  }

  const teamEnabled = teams.every((t) => t.habitNudges);
  if ((state.nudges?.teamEnabled ?? true) !== teamEnabled) {
    const active = state.reachable && (state.nudges?.enabled ?? true) && teamEnabled;
    change.nudges = {
      teamEnabled,
      zone: state.zone,
      nextDueAt: active ? await nextNudgeFor(deps, person, true, deps.clock.now()) : null,
    };
  }

  if (change.teamLanguage === state.teamLanguage && !change.checkin && !change.nudges) return false;
  await deps.settings.applyTeamDefaults(workspaceId, userId, change);
  deps.forgetProfile?.(workspaceId, userId);
  return true;
}
