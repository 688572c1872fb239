import type { Clock } from './domain/clock.ts';
import { syncScheduleWithProfile } from './domain/checkins/checkin.service.ts';
import { syncNudgeWithProfile } from './domain/habits/nudge.service.ts';
import { applyTeamDefaults, type TeamDefaultsDeps } from './domain/settings/team-defaults.service.ts';
import type { UserServiceDeps } from './domain/users/user.service.ts';
import type { Db } from './persistence/database.ts';
import { createPgCheckinRepository } from './persistence/pg-checkin.repository.ts';
import { createPgHabitNudgeRepository } from './persistence/pg-habit-nudge.repository.ts';
import { createPgSettingsRepository } from './persistence/pg-settings.repository.ts';

// Wiring shared by the app, its listeners and the scheduler's jobs, so each reacts the same way.

export function createTeamDefaultsDeps(
  db: Db,
  clock: Clock,
  forgetProfile?: TeamDefaultsDeps['forgetProfile'],
): TeamDefaultsDeps {
  return {
    settings: createPgSettingsRepository(db),
    checkins: createPgCheckinRepository(db),
    nudges: createPgHabitNudgeRepository(db),
    clock,
    ...(forgetProfile ? { forgetProfile } : {}),
  };
}

/**
 * After a Slack profile is saved: the check-in and nudge schedules follow the person's zone (a new
 * person gets both), and a person already in a team gets its defaults. This, not the minute tick,
 * is where schedules are made, so an idle tick scans no users.
 */
export function createProfileSavedHook(db: Db, clock: Clock): NonNullable<UserServiceDeps['onProfileSaved']> {
  const deps = createTeamDefaultsDeps(db, clock);
  return async (profile, previousTz) => {
    await syncScheduleWithProfile(deps, profile, previousTz);
    await syncNudgeWithProfile(deps, profile);
    if (profile.isBot || profile.isDeleted) return false;
    return applyTeamDefaults(deps, profile.workspaceId, [profile.userId]);
  };
}
