import { DateTime } from 'luxon';
import { isoWeekOf, weekLabel } from '../schedule/local-time.ts';
import { type HabitId, habitIds } from './catalogue.ts';

// The weekly focus: every team walks through the habits in catalogue order, one per ISO week,
// starting with the first habit in the week the team was set up.

const WEEK_MS = 7 * 24 * 3_600_000;
/** A Monday: week indexes count from here, so consecutive ISO weeks differ by exactly 1. */
const EPOCH_MONDAY_MS = Date.UTC(1970, 0, 5);

/** The rotation of people who are in no team yet: a fixed start, the same for everyone. */
export const defaultStartWeek = '2026-W01';

const weekPattern = /^(\d{4})-W(\d{2})$/;

export function isWeekLabel(value: string): boolean {
  return parseWeek(value) !== undefined;
}

function parseWeek(week: string): DateTime | undefined {
  const match = weekPattern.exec(week);
  if (!match) return undefined;
  const monday = DateTime.fromObject(
    { weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 },
    { zone: 'UTC' },
  );
  // luxon rolls W53 of a 52-week year into the next year; such a label is not a real week.
  if (!monday.isValid || monday.weekNumber !== Number(match[2])) return undefined;
  return monday;
}

/** Weeks since a fixed Monday; the difference of two indexes is the number of weeks between them. */
export function weekIndex(week: string): number {
  const monday = parseWeek(week);
  if (!monday) throw new RangeError(`not an ISO week label: ${week}`);
  return Math.round((monday.toMillis() - EPOCH_MONDAY_MS) / WEEK_MS);
}

export function weekAt(index: number): string {
  const monday = DateTime.fromMillis(EPOCH_MONDAY_MS + index * WEEK_MS, { zone: 'UTC' });
  return weekLabel({ weekYear: monday.weekYear, weekNumber: monday.weekNumber });
}

export function previousWeek(week: string): string {
  return weekAt(weekIndex(week) - 1);
}

/** A team's start week: the ISO week it was set up in, in its own zone. */
export function teamStartWeek(createdAt: Date, zone: string): string {
  return weekLabel(isoWeekOf(createdAt, zone));
}

/** The habit in focus in `week` for a rotation that began in `startWeek` (earlier weeks wrap). */
export function focusHabit(startWeek: string, week: string): HabitId {
  const offset = mod(weekIndex(week) - weekIndex(startWeek), habitIds.length);
  return habitIds[offset] ?? habitIds[0];
}

export function mod(value: number, by: number): number {
  return ((value % by) + by) % by;
}
