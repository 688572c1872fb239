import { pulseFollowupEnvelope } from '../outbox/message-kinds.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import { runWeeklySend, type WeeklyLedger } from '../schedule/weekly-send.ts';
import { isPaused } from '../schedule/weekly-schedule.ts';
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

/** Check-ins awaiting their follow-up, and the `checkins.followup_pending` ledger of the weekly send. */
export interface PulseFollowupRepository extends WeeklyLedger {
  /**
   * Check-ins sent at or before `sentBefore` whose follow-up is undecided, oldest first, after
   * `after` when given. Recording a week marks its follow-up decided; nothing about ratings is stored.
   */
  findDue(sentBefore: Date, limit: number, after?: FollowupCandidate): Promise<FollowupCandidate[]>;
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

/**
 * Two days after a check-in went out, one reminder with the Rate button for each of the person's
 * team rounds that is still open and that they have not rated; nothing for people who rated,
 * stopped or paused their check-ins, or whose rounds closed. Each check-in is decided once.
 */
export async function queueDueFollowups(deps: FollowupDeps, now: Date): Promise<FollowupSummary> {
  const { queued, notNeeded } = await runWeeklySend<FollowupCandidate & { dueAt: Date }>(
    {
      source: {
        ...deps.followups,
        findDue: async (at, limit, after) =>
          (await deps.followups.findDue(new Date(at.getTime() - FOLLOWUP_DELAY_MS), limit, after)).map(
            (c) => ({
              ...c,
              dueAt: new Date(c.sentAt.getTime() + FOLLOWUP_DELAY_MS),
            }),
          ),
      },
      weekOf: (candidate) => candidate.week,
      // A follow-up is worth sending as long as its round is open, however late.
      catchUpMs: Number.POSITIVE_INFINITY,
      compose: (page, at) => composeFollowups(deps, page, at),
    },
    now,
  );
  return { queued, notNeeded };
}

/** One candidate at a time: each asks about a few rounds, and the pool stays free for requests. */
async function composeFollowups(
  deps: FollowupDeps,
  page: ReadonlyArray<{ person: FollowupCandidate }>,
  now: Date,
): Promise<Array<OutgoingMessage | null>> {
  const messages: Array<OutgoingMessage | null> = [];
  for (const { person } of page) {
    const rounds = await roundsToRate(deps, person, now);
    messages.push(rounds.length > 0 ? compose(deps, person, rounds) : null);
  }
  return messages;
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

/** The follow-up's message; its key is the only place a follow-up's identity is spelled. */
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
