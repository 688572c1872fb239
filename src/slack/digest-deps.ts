import type { Clock } from '../domain/clock.ts';
import type { DigestServiceDeps } from '../domain/digest/digest.service.ts';
import type { DigestTeam } from '../domain/digest/ports.ts';
import type { TeamWeekSummary } from '../domain/digest/team-week-summary.ts';
import { messages } from '../i18n/index.ts';
import type { Db } from '../persistence/database.ts';
import { createPgDigestRepository } from '../persistence/pg-digest.repository.ts';
import { createPgHabitRepository } from '../persistence/pg-habit.repository.ts';
import { createPgPromiseRepository } from '../persistence/pg-promise.repository.ts';
import { createPgPulseRepository } from '../persistence/pg-pulse.repository.ts';
import { buildDigestMessage } from './blocks/digest.blocks.ts';

/** Renders a team's digest in its language. */
export function renderDigest(summary: TeamWeekSummary, team: DigestTeam) {
  return buildDigestMessage(messages(team.language), team.language, summary, team.minGroupSize);
}

/** The digest service over the database, shared by the scheduler job and `/trust digest`. */
export function createDigestDeps(db: Db, clock: Clock, catchUpMs: number): DigestServiceDeps {
  return {
    digests: createPgDigestRepository(db),
    pulse: createPgPulseRepository(db),
    promises: createPgPromiseRepository(db),
    habits: createPgHabitRepository(db),
    clock,
    catchUpMs,
    render: renderDigest,
  };
}
