import type { Db } from './database.ts';
import { createPgCheckinRepository } from './pg-checkin.repository.ts';
import { createPgCheckinPageReads } from './pg-checkin-page.repository.ts';
import { createPgDigestRepository, findDigestChart, saveDigestChartOutcome } from './pg-digest.repository.ts';
import { createPgHabitNudgeRepository } from './pg-habit-nudge.repository.ts';
import { createPgHabitRepository } from './pg-habit.repository.ts';
import {
  claimHomeChart,
  findHomeChart,
  forgetHomeCharts,
  saveHomeChart,
} from './pg-home-chart.repository.ts';
import { managedTeamIds } from './pg-home.repository.ts';
import { createPgInstallationRepository, deleteInstallation } from './pg-installation.repository.ts';
import {
  claimOutboxBatch,
  claimTickSlot,
  enqueueMessages,
  finishOutboxRow,
  isStillLeased,
  nextPendingAt,
  outboxDepth,
  pruneFinishedOutbox,
  pruneTickClaims,
  recoverExpiredLeases,
  sentMessageOf,
  stopWorkspaceSending,
} from './pg-outbox.repository.ts';
import { createPgPrivacyRepository, purgeWorkspace } from './pg-privacy.repository.ts';
import { createPgPromiseRepository } from './pg-promise.repository.ts';
import { createPgPulseFollowupRepository, forgetFollowupsOfTeam } from './pg-pulse-followup.repository.ts';
import { createPgPulseRepository } from './pg-pulse.repository.ts';
import { createPgSettingsRepository } from './pg-settings.repository.ts';
import { createPgTeamRepository } from './pg-team.repository.ts';
import { createPgUserRepository } from './pg-user.repository.ts';
import {
  claimCommand,
  claimEvent,
  pruneProcessedCommands,
  pruneProcessedEvents,
  saveWorkspaceIdentity,
} from './pg-workspace.repository.ts';
import { createRefreshOnlyUserRepository, staleProfiles } from './refresh-only-user.repository.ts';
import type { TokenCipher } from './token-cipher.ts';

/** A query function of this layer with its database already given. */
type Bound<F> = F extends (db: Db, ...args: infer A) => infer R ? (...args: A) => R : never;

function bind<T extends Record<string, (db: Db, ...args: never[]) => unknown>>(
  db: Db,
  functions: T,
): { [K in keyof T]: Bound<T[K]> } {
  const bound: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(functions)) bound[name] = (...args: never[]) => fn(db, ...args);
  return bound as { [K in keyof T]: Bound<T[K]> };
}

/**
 * Every repository and store over one database, made once by the composition root (src/app-context.ts).
 * Nothing outside src/persistence builds one or holds `db`: listeners and jobs get these objects.
 */
export function createStores(db: Db, options: { tokenCipher?: TokenCipher } = {}) {
  return {
    /** OAuth mode only: installations with their tokens sealed by the cipher. */
    installations: options.tokenCipher ? createPgInstallationRepository(db, options.tokenCipher) : undefined,
    teams: createPgTeamRepository(db),
    users: createPgUserRepository(db),
    /** For jobs working through a list read earlier: never re-creates someone forgotten since. */
    refreshOnlyUsers: createRefreshOnlyUserRepository(db),
    checkins: createPgCheckinRepository(db),
    /** A page of due people's promises, teams, focus and reflections, one query each (check-ins, nudges). */
    checkinPages: createPgCheckinPageReads(db),
    nudges: createPgHabitNudgeRepository(db),
    habits: createPgHabitRepository(db),
    promises: createPgPromiseRepository(db),
    pulse: createPgPulseRepository(db),
    pulseFollowups: {
      ...createPgPulseFollowupRepository(db),
      ...bind(db, { forgetOfTeam: forgetFollowupsOfTeam }),
    },
    digests: {
      ...createPgDigestRepository(db),
      ...bind(db, { findChart: findDigestChart, saveChartOutcome: saveDigestChartOutcome }),
    },
    settings: createPgSettingsRepository(db),
    privacy: { ...createPgPrivacyRepository(db), ...bind(db, { purgeWorkspace }) },
    profiles: bind(db, { stale: staleProfiles }),
    home: bind(db, {
      managedTeamIds,
      findChart: findHomeChart,
      claimChart: claimHomeChart,
      saveChart: saveHomeChart,
      forgetCharts: forgetHomeCharts,
    }),
    outbox: bind(db, {
      enqueue: enqueueMessages,
      claimBatch: claimOutboxBatch,
      finish: finishOutboxRow,
      isStillLeased,
      recoverExpiredLeases,
      nextPendingAt,
      depth: outboxDepth,
      pruneFinished: pruneFinishedOutbox,
      stopWorkspaceSending,
      sentMessageOf,
    }),
    workspaces: bind(db, {
      saveIdentity: saveWorkspaceIdentity,
      deleteInstallation,
      claimCommand,
      claimEvent,
      pruneCommands: pruneProcessedCommands,
      pruneEvents: pruneProcessedEvents,
    }),
    ticks: bind(db, { claimSlot: claimTickSlot, pruneClaims: pruneTickClaims }),
  };
}

export type Stores = ReturnType<typeof createStores>;
