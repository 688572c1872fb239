import { DateTime } from 'luxon';
import { isoWeekOf, type IsoWeek, weekLabel } from '../schedule/local-time.ts';

/** The four parts of the Trust Equation, in the order they are stored (item 1…4). */
export const PULSE_ITEMS = ['credibility', 'reliability', 'intimacy', 'selfOrientation'] as const;
export type PulseItem = (typeof PULSE_ITEMS)[number];

/** One person's answers, 1 (strongly disagree) … 5 (strongly agree); held in memory only. */
export type PulseScores = Record<PulseItem, number>;

/** A round: one team, one ISO week in the team's zone. */
export interface RoundKey {
  teamId: string;
  week: IsoWeek;
}

export interface TallyCount {
  /** 1-based position in PULSE_ITEMS. */
  item: number;
  score: number;
  count: number;
}

export function isValidScores(scores: PulseScores): boolean {
  return PULSE_ITEMS.every(
    (item) => Number.isInteger(scores[item]) && scores[item] >= 1 && scores[item] <= 5,
  );
}

export function roundAt(teamId: string, now: Date, zone: string): RoundKey {
  return { teamId, week: isoWeekOf(now, zone) };
}

export function roundLabel(round: RoundKey): string {
  return weekLabel(round.week);
}

/** A round closes when its week ends in the team's zone (Monday 00:00 of the next week). */
export function roundEnd(round: RoundKey, zone: string): Date {
  return DateTime.fromObject(
    { weekYear: round.week.weekYear, weekNumber: round.week.weekNumber, weekday: 1 },
    { zone },
  )
    .plus({ weeks: 1 })
    .toJSDate();
}

/** Adds one batch of answers to per-(item, score) counts. */
export function tallyOf(batch: PulseScores[]): TallyCount[] {
  const counts = new Map<string, TallyCount>();
  for (const scores of batch) {
    PULSE_ITEMS.forEach((item, i) => {
      const key = `${i + 1}:${scores[item]}`;
      const existing = counts.get(key);
      if (existing) existing.count += 1;
      else counts.set(key, { item: i + 1, score: scores[item], count: 1 });
    });
  }
  return [...counts.values()].sort((a, b) => a.item - b.item || a.score - b.score);
}

export interface ClosedRound {
  round: RoundKey;
  respondents: number;
  members: number;
  /** Empty when fewer than k responded: only the count is kept. */
  tallies: TallyCount[];
}

export interface RoundScores {
  means: Record<PulseItem, number>;
  /** (C + R + I) / S on the one-decimal means; 0.6 … 15. */
  index: number;
}

export interface RoundResult {
  week: IsoWeek;
  label: string;
  respondents: number;
  members: number;
  /** Undefined when there were not enough responses. */
  scores: RoundScores | undefined;
  /** Change of the index from the previous round with scores, one decimal. */
  change: number | undefined;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

export function scoresOf(tallies: TallyCount[]): RoundScores | undefined {
  const means = {} as Record<PulseItem, number>;
  for (const [i, item] of PULSE_ITEMS.entries()) {
    const rows = tallies.filter((t) => t.item === i + 1);
    const n = rows.reduce((sum, r) => sum + r.count, 0);
    if (n === 0) return undefined;
    means[item] = oneDecimal(rows.reduce((sum, r) => sum + r.score * r.count, 0) / n);
  }
  return {
    means,
    index: oneDecimal((means.credibility + means.reliability + means.intimacy) / means.selfOrientation),
  };
}

/** Results of closed rounds, newest first, each with its change from the one before it. */
export function roundResults(closed: ClosedRound[]): RoundResult[] {
  const oldestFirst = [...closed].sort(
    (a, b) =>
      a.round.week.weekYear - b.round.week.weekYear || a.round.week.weekNumber - b.round.week.weekNumber,
  );
  let previous: number | undefined;
  const results = oldestFirst.map((c): RoundResult => {
    const scores = scoresOf(c.tallies);
    const change = scores && previous !== undefined ? oneDecimal(scores.index - previous) : undefined;
    if (scores) previous = scores.index;
    return {
      week: c.round.week,
      label: roundLabel(c.round),
      respondents: c.respondents,
      members: c.members,
      scores,
      change,
    };
  });
  return results.reverse();
}
