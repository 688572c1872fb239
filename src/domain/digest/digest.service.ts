import type { Clock } from '../clock.ts';
import type { HabitRepository } from '../habits/ports.ts';
import { previousWeek, teamStartWeek } from '../habits/focus.ts';
import { teamReflections } from '../habits/habit.service.ts';
import { teamFocus } from '../habits/team-focus.ts';
import { digestEnvelope, scheduledDigestKey } from '../outbox/message-kinds.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import type { PromiseRepository } from '../promises/ports.ts';
import { teamPromiseCounts } from '../promises/promise.service.ts';
import type { PulseRepository } from '../pulse/ports.ts';
import { roundEnd } from '../pulse/pulse.ts';
import {
  type IsoWeek,
  isoWeekOf,
  isValidZone,
  previousIsoWeek,
  weekLabel,
  weeklyTargetInstant,
} from '../schedule/local-time.ts';
import type { DigestChart, DigestRepository, DigestTeam } from './ports.ts';
import { summarizeTeamWeek, TREND_WEEKS, type TeamWeekSummary } from './team-week-summary.ts';

export { DIGEST_KIND } from '../outbox/message-kinds.ts';

export interface RenderedDigest {
  text: string;
  blocks: unknown[];
  chart: DigestChart | null;
}

export interface DigestServiceDeps {
  digests: DigestRepository;
  pulse: PulseRepository;
  promises: PromiseRepository;
  habits: HabitRepository;
  clock: Clock;
  /** A scheduled digest later than this after its time is skipped rather than posted stale. */
  catchUpMs: number;
  /** Renders the digest in the team's language (the domain has no Block Kit). */
  render(summary: TeamWeekSummary, team: DigestTeam): RenderedDigest;
}

export interface DigestRunSummary {
  queued: number;
  alreadyHandled: number;
  /** Due, but last week's round is still open: tried again at the next tick. */
  waiting: number;
  skippedLate: number;
}

export function zoneOf(team: Pick<DigestTeam, 'timeZone'>): string {
  return isValidZone(team.timeZone) ? team.timeZone : 'UTC';
}

export type DigestDecision =
  | { kind: 'not_yet' }
  | { kind: 'too_late'; week: IsoWeek }
  | { kind: 'due'; week: IsoWeek; dueAt: Date };

/**
 * Whether the team's digest for the week it is now (in its zone) is due at `now`. The instant is
 * the team's wall-clock day and time in that week, with the DST rules of `weeklyTargetInstant`.
 */
export function decideDigest(team: DigestTeam, now: Date, catchUpMs: number): DigestDecision {
  if (!team.digest.enabled) return { kind: 'not_yet' };
  const zone = zoneOf(team);
  const week = isoWeekOf(now, zone);
  const dueAt = weeklyTargetInstant(week, team.digest.target, zone);
  // A team set up after this week's digest time gets its first digest next week.
  if (now < dueAt || team.createdAt > dueAt) return { kind: 'not_yet' };
  if (now.getTime() - dueAt.getTime() > catchUpMs) return { kind: 'too_late', week };
  return { kind: 'due', week, dueAt };
}

/** The digest's content for `week`: last week's round, the trend, promises, habits. */
export async function buildTeamWeekSummary(
  deps: Pick<DigestServiceDeps, 'digests' | 'promises' | 'habits' | 'clock'>,
  team: DigestTeam,
  week: IsoWeek,
): Promise<TeamWeekSummary> {
  const zone = zoneOf(team);
  const roundWeek = previousIsoWeek(week);
  const period = {
    from: roundEnd({ teamId: team.id, week: previousIsoWeek(roundWeek) }, zone),
    to: roundEnd({ teamId: team.id, week: roundWeek }, zone),
  };
  const memberIds = await deps.digests.memberIds(team.id);
  const start = teamStartWeek(team.createdAt, zone);
  const roundLabel = weekLabel(roundWeek);
  // The closed rounds the habit focus follows are the trend's too: one read for both.
  const [focusRounds, promises, reflections] = await Promise.all([
    deps.habits.focusRounds(team.id),
    teamPromiseCounts(deps, team.workspaceId, memberIds, period),
    teamReflections({ habits: deps.habits }, team, roundLabel),
  ]);
  const results = focusRounds.slice(0, TREND_WEEKS + 1);
  return summarizeTeamWeek({
    team,
    week,
    results,
    memberCount: memberIds.length,
    promises,
    focus: teamFocus(start, focusRounds, weekLabel(week)).habit,
    reflections: {
      habit: teamFocus(start, focusRounds, previousWeek(roundLabel)).habit,
      summary: reflections,
    },
  });
}

/** Queues every team's weekly digest that is due at `now`, once per team and week. */
export async function queueDueDigests(deps: DigestServiceDeps, now: Date): Promise<DigestRunSummary> {
  const summary: DigestRunSummary = { queued: 0, alreadyHandled: 0, waiting: 0, skippedLate: 0 };
  for (const team of await deps.digests.enabledTeams()) {
    const decision = decideDigest(team, now, deps.catchUpMs);
    if (decision.kind === 'not_yet') continue;
    const key = scheduledDigestKey(team.id, weekLabel(decision.week));
    if (await deps.digests.isRecorded(key)) {
      summary.alreadyHandled += decision.kind === 'due' ? 1 : 0;
      continue;
    }
    if (decision.kind === 'too_late') {
      const week = weekLabel(decision.week);
      const base = { idempotencyKey: key, teamId: team.id, workspaceId: team.workspaceId, week };
      if (await deps.digests.recordSkipped({ ...base, trigger: 'schedule' })) summary.skippedLate += 1;
      continue;
    }
    // "After the previous round closed": its close runs earlier in the same tick; if it has not
    // happened yet (e.g. it failed), wait for the next tick rather than report on an open round.
    if (await deps.digests.isRoundOpen(team.id, previousIsoWeek(decision.week))) {
      summary.waiting += 1;
      continue;
    }
    const recorded = await queueDigest(deps, team, decision.week, { key, trigger: 'schedule' });
    if (recorded) summary.queued += 1;
    else summary.alreadyHandled += 1;
  }
  return summary;
}

export type DigestNowResult = { ok: true; summary: TeamWeekSummary } | { ok: false; reason: 'duplicate' };

/** `/trust digest`: the digest for the week it is now in the team's zone, queued under `key`. */
export async function queueDigestNow(
  deps: DigestServiceDeps,
  team: DigestTeam,
  key: string,
): Promise<DigestNowResult> {
  const week = isoWeekOf(deps.clock.now(), zoneOf(team));
  const summary = await buildTeamWeekSummary(deps, team, week);
  const recorded = await record(deps, team, summary, { key, trigger: 'command' });
  return recorded ? { ok: true, summary } : { ok: false, reason: 'duplicate' };
}

async function queueDigest(
  deps: DigestServiceDeps,
  team: DigestTeam,
  week: IsoWeek,
  how: { key: string; trigger: 'schedule' | 'command' },
): Promise<boolean> {
  const summary = await buildTeamWeekSummary(deps, team, week);
  return record(deps, team, summary, how);
}

async function record(
  deps: DigestServiceDeps,
  team: DigestTeam,
  summary: TeamWeekSummary,
  how: { key: string; trigger: 'schedule' | 'command' },
): Promise<boolean> {
  const rendered = deps.render(summary, team);
  const message: OutgoingMessage = {
    ...digestEnvelope(team, how.key),
    text: rendered.text,
    blocks: rendered.blocks,
    // A second copy in a team channel is worse than a missed week.
    onAmbiguous: 'give_up',
  };
  return deps.digests.record(
    {
      idempotencyKey: how.key,
      teamId: team.id,
      workspaceId: team.workspaceId,
      week: summary.week,
      trigger: how.trigger,
      chart: rendered.chart,
    },
    message,
  );
}
