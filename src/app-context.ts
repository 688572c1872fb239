import type { AppConfig, Secrets } from './config.ts';
import type { CheckinComposer } from './domain/checkins/ports.ts';
import type { Clock } from './domain/clock.ts';
import type { DigestServiceDeps } from './domain/digest/digest.service.ts';
import type { OutboxPort } from './domain/outbox/outgoing-message.ts';
import type { PrivacyServiceDeps } from './domain/privacy/privacy.service.ts';
import { PulseBallotBox } from './domain/pulse/ballot-box.ts';
import { pulseKeys } from './domain/pulse/ballot.ts';
import type { TeamDefaultsDeps } from './domain/settings/team-defaults.service.ts';
import type { UserRepository } from './domain/users/ports.ts';
import type { UserServiceDeps } from './domain/users/user.service.ts';
import type { Logger } from './logger.ts';
import { createCachedUserRepository } from './persistence/cached-user.repository.ts';
import type { Db } from './persistence/database.ts';
import { createStores, type Stores } from './persistence/stores.ts';
import { createTokenCipher } from './persistence/token-cipher.ts';
import { createCheckinComposer } from './slack/checkin-composer.ts';
import { renderDigest } from './slack/digest-deps.ts';
import { createHabitCheckinSection } from './slack/habit-checkin-section.ts';
import { createPromisesCheckinSection } from './slack/promise-checkin-section.ts';
import { createPulseCheckinSection } from './slack/pulse-checkin-section.ts';
import { syncScheduleWithProfile } from './domain/checkins/checkin.service.ts';
import { syncNudgeWithProfile } from './domain/habits/nudge.service.ts';
import { applyTeamDefaults } from './domain/settings/team-defaults.service.ts';

/**
 * Everything the app's features share, made once in `startApp` from the database, the clock, the
 * configuration and the secrets: every repository, and the service dependencies each feature hands
 * to the domain. Listeners (src/slack) and jobs (src/scheduler) take this, or the slice they need;
 * none of them holds `db` or builds a repository (an ESLint rule keeps it so).
 */
export interface AppContext {
  clock: Clock;
  logger: Logger;
  /** The settings listeners and jobs act on (never the whole config, never a secret). */
  settings: { catchUpMs: number; minGroupSize: number; afterAckQueueLimit?: number };
  stores: Stores;
  /** People as stored, with a short read cache for requests (a job that must not re-create the forgotten uses stores.refreshOnlyUsers). */
  users: UserRepository & Required<Pick<UserRepository, 'forget'>>;
  outbox: OutboxPort;
  /** Anonymous pulse ratings: one sealed ballot per person per round, counted only at the close. */
  pulse: PulseBallotBox;
  /** Builds a person's weekly check-in (features add sections to it). */
  checkinComposer: CheckinComposer;
  /** The digest service's dependencies (the job and `/trust digest`). */
  digest: DigestServiceDeps;
  /** What applying a team's defaults to its members needs (team setup, joins, settings). */
  teamDefaults: TeamDefaultsDeps;
  privacy: PrivacyServiceDeps;
  /** After a Slack profile is saved: schedules follow the person's zone, team defaults apply. */
  onProfileSaved: NonNullable<UserServiceDeps['onProfileSaved']>;
}

export interface AppContextInput {
  db: Db;
  clock: Clock;
  config: AppConfig;
  secrets: Secrets;
  logger: Logger;
}

export function createAppContext(input: AppContextInput): AppContext {
  const { db, clock, config, secrets, logger } = input;
  const { tokenEncryptionKey } = secrets;
  const stores = createStores(db, {
    ...(config.slack.oauth && tokenEncryptionKey
      ? { tokenCipher: createTokenCipher(tokenEncryptionKey, secrets.previousTokenEncryptionKey) }
      : {}),
  });
  const users = createCachedUserRepository(stores.users, { ttlMs: 60_000, maxEntries: 10_000 });
  const pulse = new PulseBallotBox({
    pulse: stores.pulse,
    keys: pulseKeys(secrets.pulseSecret, secrets.pulseSecretPrevious),
  });
  const teamDefaults: TeamDefaultsDeps = {
    settings: stores.settings,
    checkins: stores.checkins,
    nudges: stores.nudges,
    clock,
    forgetProfile: users.forget,
  };
  return {
    clock,
    logger,
    settings: {
      catchUpMs: config.catchUpMs,
      minGroupSize: config.minGroupSize,
      ...(config.commandQueueLimit !== undefined ? { afterAckQueueLimit: config.commandQueueLimit } : {}),
    },
    stores,
    users,
    outbox: { enqueue: (messages) => stores.outbox.enqueue(messages) },
    pulse,
    checkinComposer: createCheckinComposer([
      createPromisesCheckinSection(stores.checkinPages),
      createHabitCheckinSection({ habits: stores.habits, pageReads: stores.checkinPages }),
      createPulseCheckinSection(stores.checkinPages, pulse),
    ]),
    digest: {
      digests: stores.digests,
      pulse: stores.pulse,
      promises: stores.promises,
      habits: stores.habits,
      clock,
      catchUpMs: config.catchUpMs,
      render: renderDigest,
    },
    teamDefaults,
    privacy: { privacy: stores.privacy, clock },
    onProfileSaved: profileSavedHook(teamDefaults),
  };
}

/**
 * After a Slack profile is saved: the check-in and nudge schedules follow the person's zone (a new
 * person gets both), and a person already in a team gets its defaults. This, not the minute tick,
 * is where schedules are made, so an idle tick scans no users.
 */
export function profileSavedHook(deps: TeamDefaultsDeps): AppContext['onProfileSaved'] {
  return async (profile, previousTz) => {
    await syncScheduleWithProfile(deps, profile, previousTz);
    await syncNudgeWithProfile(deps, profile);
    if (profile.isBot || profile.isDeleted) return false;
    return applyTeamDefaults(deps, profile.workspaceId, [profile.userId]);
  };
}

/** The same dependencies read as of `now` (a job's tick instant, which `npm run tick -- --at` sets). */
export function atInstant<T extends { clock: Clock }>(deps: T, now: Date): T {
  return { ...deps, clock: { now: () => now } };
}
