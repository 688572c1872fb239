import { type IsoWeek, previousIsoWeek, weekLabel } from '../schedule/local-time.ts';
import type { PulseItem, RoundResult } from './pulse.ts';

/** One week of a team's trend: the trust index, or undefined for a gap (no round, or fewer than k). */
export interface TrendPoint {
  week: IsoWeek;
  label: string;
  index: number | undefined;
  /** The four parts' means that week, when it has a result. */
  means?: Record<PulseItem, number>;
}

/**
 * The `count` weeks ending with `lastWeek`, oldest first. A week without a closed round with
 * scores is a gap: the trend never interpolates.
 */
export function trendOf(results: RoundResult[], lastWeek: IsoWeek, count: number): TrendPoint[] {
  const byLabel = new Map(results.map((r) => [r.label, r]));
  const points: TrendPoint[] = [];
  let week = lastWeek;
  for (let i = 0; i < count; i += 1, week = previousIsoWeek(week)) {
    const label = weekLabel(week);
    const scores = byLabel.get(label)?.scores;
    points.push({ week, label, index: scores?.index, ...(scores ? { means: scores.means } : {}) });
  }
  return points.reverse();
}

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
/** What a gap looks like in a sparkline. */
export const SPARKLINE_GAP = '·';

/**
 * A text sparkline, one character per value, scaled between the lowest and highest value shown;
 * gaps stay gaps. A flat series sits in the middle.
 */
export function sparkline(values: ReadonlyArray<number | undefined>): string {
  const present = values.filter((v): v is number => v !== undefined);
  if (present.length === 0) return values.map(() => SPARKLINE_GAP).join('');
  const low = Math.min(...present);
  const high = Math.max(...present);
  return values
    .map((v) => {
      if (v === undefined) return SPARKLINE_GAP;
      if (high === low) return BARS[3];
      const level = Math.round(((v - low) / (high - low)) * (BARS.length - 1));
      return BARS[level];
    })
    .join('');
}
