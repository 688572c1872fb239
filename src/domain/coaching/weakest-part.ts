import { PULSE_ITEMS, type PulseItem, type RoundResult } from '../pulse/pulse.ts';

// Which part of the Trust Equation a team should work on next.
//
// Credibility, reliability and intimacy are "good when high"; self-orientation is "bad when high"
// (it divides the index). To compare all four on one 1–5 scale where low means "work on this",
// self-orientation is turned around as 6 − S: a mean S of 4.2 counts as 1.8. The weakest part is
// the lowest of these strengths, averaged over the team's last four closed rounds with results
// (each round counts once, whatever its number of respondents). Rounds below k have no scores and
// are skipped, never counted as zero. A tie goes to the part that was lowest in the newest of the
// rounds; if that ties too, to the first in the equation's order (C, R, I, S).

/** Rounds the weakest part looks back over. */
export const COACHING_ROUNDS = 4;

export interface WeakestPart {
  part: PulseItem;
  /** Each part's strength on the common 1–5 scale (self-orientation as 6 − S), one decimal. */
  strengths: Record<PulseItem, number>;
  /** Rounds with results it was computed from (1…COACHING_ROUNDS), newest first. */
  weeks: string[];
}

/** A part's strength in one round, in tenths (means are stored with one decimal). */
function strengthTenths(means: Record<PulseItem, number>, item: PulseItem): number {
  const tenths = Math.round(means[item] * 10);
  return item === 'selfOrientation' ? 60 - tenths : tenths;
}

/**
 * The weakest part over the newest `COACHING_ROUNDS` rounds with results among `results` (any
 * order), or undefined when fewer than `minRounds` rounds have results.
 */
export function weakestPart(results: readonly RoundResult[], minRounds = 1): WeakestPart | undefined {
  const scored = results
    .filter((r) => r.scores !== undefined)
    .sort((a, b) => (a.label < b.label ? 1 : a.label > b.label ? -1 : 0))
    .slice(0, COACHING_ROUNDS);
  if (scored.length === 0 || scored.length < minRounds) return undefined;
  // Sums in tenths compare exactly: every part is summed over the same rounds.
  const sums = {} as Record<PulseItem, number>;
  for (const item of PULSE_ITEMS) {
    sums[item] = scored.reduce((sum, r) => sum + strengthTenths(r.scores?.means ?? zero, item), 0);
  }
  const newest = scored[0]?.scores?.means ?? zero;
  let weakest: PulseItem = PULSE_ITEMS[0];
  for (const item of PULSE_ITEMS.slice(1)) {
    const bySum = sums[item] - sums[weakest];
    const byNewest = strengthTenths(newest, item) - strengthTenths(newest, weakest);
    if (bySum < 0 || (bySum === 0 && byNewest < 0)) weakest = item;
  }
  const strengths = {} as Record<PulseItem, number>;
  for (const item of PULSE_ITEMS) strengths[item] = Math.round(sums[item] / scored.length) / 10;
  return { part: weakest, strengths, weeks: scored.map((r) => r.label) };
}

const zero: Record<PulseItem, number> = { credibility: 0, reliability: 0, intimacy: 0, selfOrientation: 0 };
