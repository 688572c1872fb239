import type { HabitId } from './catalogue.ts';
import { mod, weekIndex } from './focus.ts';

// Which tip a person sees, without storing anything. Each person has their own shuffled order of
// a habit's tips (a permutation keyed by who they are and the habit); the position in that order
// advances by two every aligned block of four weeks: one tip for the check-in, one for the nudge.
//
// Why it never repeats within 8 weeks: a rotation of four habits shows each habit exactly once in
// every aligned block of four weeks, and 8 consecutive weeks touch at most 3 such blocks, so a
// habit uses at most 6 consecutive positions there — all different tips as long as a habit has
// at least 6. (A person who changes team can land on a different rotation; then a tip may recur.)
//
// A focus that follows the team's weakest part can stay on one habit for two weeks running, so
// there the position advances every week instead ('week' cadence): two weeks in a row never show
// the same tip.

export type TipSlot = 'focus' | 'nudge';

export interface TipReader {
  workspaceId: string;
  userId: string;
}

export const BLOCK_WEEKS = 4;

export function tipIndexFor(
  reader: TipReader,
  habit: HabitId,
  week: string,
  slot: TipSlot,
  tipCount: number,
  cadence: 'block' | 'week' = 'block',
): number {
  if (tipCount < 1) throw new RangeError('a habit needs tips');
  const order = keyedPermutation(tipCount, `${reader.workspaceId}:${reader.userId}:${habit}`);
  const block = cadence === 'week' ? weekIndex(week) : Math.floor(weekIndex(week) / BLOCK_WEEKS);
  const position = mod(2 * block + (slot === 'nudge' ? 1 : 0), tipCount);
  return order[position] ?? 0;
}

/** A shuffle of 0…n-1 that depends only on `key`: stable across renders and processes. */
export function keyedPermutation(n: number, key: string): number[] {
  const random = mulberry32(fnv1a(key));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
  return order;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
