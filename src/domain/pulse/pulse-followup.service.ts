import { DateTime } from 'luxon';
import { pulseFollowupEnvelope } from '../outbox/message-kinds.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import type { TeamRepository } from '../teams/ports.ts';
import { isPulseOffered } from '../teams/team.ts';
import type { Language } from '../users/language.ts';
import { roundAt, roundEnd, roundLabel } from './pulse.ts';
import type { PulseBallotBox } from './ballot-box.ts';

/** The follow-up goes this long after the check-in was sent. */
export const FOLLOWUP_DELAY_MS = 2 * 24 * 60 * 60_000;

/** A check-in whose follow-up has not been decided yet. */
export interface FollowupCandidate {
  workspaceId: string;
  userId: string;
  /** The check-in's ISO week (person's zone): one follow-up per person per week. */
  week: string;
  /** When the check-in was sent. */
  sentAt: Date;
  zone: string | null;
  language: Language;
  optedOut: boolean;
  pausedUntil: string | null;
  reachable: boolean;
}

export interface FollowupRound {
  channelId: string;
  value: { t: string; w: string };
}

export interface PulseFollowupRepository {
  /** Check-ins sent at or before `sentBefore` whose follow-up is undecided, oldest first. */
  findDue(sentBefore: Date, limit: number): Promise<FollowupCandidate[]>;
  /**
   * In one transaction: marks the week's follow-up decided (false if it already was) and queues the
   * message when there is one. Stores nothing about ratings.
   */
  recordFollowup(input: {
    workspaceId: string;
    userId: string;
    week: string;
    message: OutgoingMessage | null;
  }): Promise<boolean>;
}

export interface FollowupDeps {
  followups: PulseFollowupRepository;
  teams: Pick<TeamRepository, 'teamsOf'>;
  /** Only asked "has this person a mark for this round?" and "is it closed?", and for a keyed tag. */
  pulse: Pick<PulseBallotBox, 'hasRated' | 'isClosed' | 'followupTag'>;
  render(language: Language, rounds: FollowupRound[]): { text: string; blocks: unknown[] };
}

export interface FollowupSummary {
  queued: number;
  notNeeded: number;
}

const BATCH = 200;

/**
 * Two days after a check-in went out, one reminder with the Rate button for each of the person's
 * team rounds that is still open and that they have not rated; nothing for people who rated,
 * stopped or paused their check-ins, or whose rounds closed. Each check-in is decided once.
 */
export async function queueDueFollowups(deps: FollowupDeps, now: Date): Promise<FollowupSummary> {
  const summary: FollowupSummary = { queued: 0, notNeeded: 0 };
  for (;;) {
    const due = await deps.followups.findDue(new Date(now.getTime() - FOLLOWUP_DELAY_MS), BATCH);
    for (const candidate of due) {
      const rounds = await roundsToRate(deps, candidate, now);
      const message = rounds.length > 0 ? compose(deps, candidate, rounds) : null;
      const recorded = await deps.followups.recordFollowup({ ...candidate, message });
      if (recorded && message) summary.queued += 1;
      else if (recorded) summary.notNeeded += 1;
    }
    if (due.length < BATCH) return summary;
  }
}

function isPaused(pausedUntil: string | null, zone: string | null, now: Date): boolean {
  if (!pausedUntil) return false;
  const z = zone ?? 'UTC';
  const resume = DateTime.fromISO(pausedUntil, { zone: z }).startOf('day');
  return resume.isValid && resume.toMillis() > now.getTime();
}

async function roundsToRate(deps: FollowupDeps, c: FollowupCandidate, now: Date): Promise<FollowupRound[]> {
  if (!c.reachable || c.optedOut || isPaused(c.pausedUntil, c.zone, now)) return [];
  const rounds: FollowupRound[] = [];
  for (const { team, memberCount } of await deps.teams.teamsOf(c.workspaceId, c.userId)) {
    if (!isPulseOffered(team, memberCount)) continue;
    // The round that was open when the check-in went out.
    const round = roundAt(team.id, c.sentAt, team.timeZone);
    if (roundEnd(round, team.timeZone) <= now) continue;
    if (await deps.pulse.isClosed(round)) continue;
    if (await deps.pulse.hasRated(c.workspaceId, round, c.userId)) continue;
    rounds.push({ channelId: team.channelId, value: { t: team.id, w: roundLabel(round) } });
  }
  return rounds;
}

function compose(deps: FollowupDeps, c: FollowupCandidate, rounds: FollowupRound[]): OutgoingMessage {
  const content = deps.render(c.language, rounds);
  return {
    ...pulseFollowupEnvelope(
      c.workspaceId,
      c.userId,
      deps.pulse.followupTag(c.workspaceId, c.userId, c.week),
      c.week,
    ),
    text: content.text,
    blocks: content.blocks,
    onAmbiguous: 'give_up',
  };
}
