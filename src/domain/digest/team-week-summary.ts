import { practiceFor } from '../coaching/practices.ts';
import { weakestPart } from '../coaching/weakest-part.ts';
import type { HabitId, Localized } from '../habits/catalogue.ts';
import type { TeamReflectionSummary } from '../habits/reflection.ts';
import type { TeamPromiseCounts } from '../promises/promise.ts';
import { PULSE_ITEMS, type PulseItem, type RoundResult } from '../pulse/pulse.ts';
import { sparkline, type TrendPoint, trendOf } from '../pulse/trend.ts';
import { type IsoWeek, previousIsoWeek, weekLabel } from '../schedule/local-time.ts';

/** Weeks shown in the digest's trend. */
export const TREND_WEEKS = 12;

/** A score with its change from the previous round that had scores (undefined: nothing to compare). */
export interface ScoreWithChange {
  value: number;
  change: number | undefined;
}

export type DigestPulse =
  | {
      kind: 'scores';
      index: ScoreWithChange;
      parts: Record<PulseItem, ScoreWithChange>;
      respondents: number;
      members: number;
    }
  /** Fewer than k answered (or nobody): only the participation, never a score. */
  | { kind: 'too_few'; respondents: number; members: number; minGroupSize: number };

/** The part of the Trust Equation to work on, and one practice for the team this week. */
export interface Coaching {
  part: PulseItem;
  /** Rounds with results it looked at (up to four). */
  rounds: number;
  practice: Localized;
}

/**
 * Coaching for `week` from the rounds with results up to and including `upToWeek`; undefined
 * without any such round (rounds below k have no results).
 */
export function coachingFor(
  results: readonly RoundResult[],
  upToWeek: string,
  week: string,
): Coaching | undefined {
  const weakest = weakestPart(results.filter((r) => r.label <= upToWeek));
  if (!weakest) return undefined;
  return { part: weakest.part, rounds: weakest.weeks.length, practice: practiceFor(weakest.part, week) };
}

/** What the channel digest says about one team in one week; team-level figures only, no names. */
export interface TeamWeekSummary {
  teamId: string;
  workspaceId: string;
  channelId: string;
  /** The week the digest is for (it reports on the week before). */
  week: string;
  /** The last closed round's week: the one before `week`. */
  roundWeek: string;
  pulse: DigestPulse;
  /** Oldest first, ending with `roundWeek`; a gap is a week without scores. */
  trend: TrendPoint[];
  sparkline: string;
  /**
   * Promises of the team's members during `roundWeek`; withheld in a team smaller than k, where
   * the counts could be one person's.
   */
  promises: TeamPromiseCounts | undefined;
  focus: HabitId;
  /** Reflections given during `roundWeek`, about the habit in focus the week before it. */
  reflections: { habit: HabitId; summary: TeamReflectionSummary };
  /** The weakest part over the last rounds with results up to `roundWeek`, if there is one. */
  coaching: Coaching | undefined;
}

export interface SummaryInput {
  team: { id: string; workspaceId: string; channelId: string; minGroupSize: number };
  week: IsoWeek;
  /** Closed rounds, newest first (at least the trend's weeks plus one, for the changes). */
  results: RoundResult[];
  /** Team size now, used when last week had no round at all. */
  memberCount: number;
  promises: TeamPromiseCounts;
  focus: HabitId;
  reflections: { habit: HabitId; summary: TeamReflectionSummary };
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

export function summarizeTeamWeek(input: SummaryInput): TeamWeekSummary {
  const roundIso = previousIsoWeek(input.week);
  const roundWeek = weekLabel(roundIso);
  const trend = trendOf(input.results, roundIso, TREND_WEEKS);
  return {
    teamId: input.team.id,
    workspaceId: input.team.workspaceId,
    channelId: input.team.channelId,
    week: weekLabel(input.week),
    roundWeek,
    pulse: pulseOf(input, roundWeek),
    trend,
    sparkline: sparkline(trend.map((p) => p.index)),
    promises: input.memberCount >= input.team.minGroupSize ? input.promises : undefined,
    focus: input.focus,
    reflections: input.reflections,
    coaching: coachingFor(input.results, roundWeek, weekLabel(input.week)),
  };
}

function pulseOf(input: SummaryInput, roundWeek: string): DigestPulse {
  const at = input.results.findIndex((r) => r.label === roundWeek);
  const result = at === -1 ? undefined : input.results[at];
  if (!result?.scores) {
    return {
      kind: 'too_few',
      respondents: result?.respondents ?? 0,
      members: result?.members ?? input.memberCount,
      minGroupSize: input.team.minGroupSize,
    };
  }
  const previous = input.results.slice(at + 1).find((r) => r.scores !== undefined)?.scores;
  const parts = {} as Record<PulseItem, ScoreWithChange>;
  for (const item of PULSE_ITEMS) {
    const value = result.scores.means[item];
    parts[item] = { value, change: previous ? oneDecimal(value - previous.means[item]) : undefined };
  }
  return {
    kind: 'scores',
    index: {
      value: result.scores.index,
      change: previous ? oneDecimal(result.scores.index - previous.index) : undefined,
    },
    parts,
    respondents: result.respondents,
    members: result.members,
  };
}
