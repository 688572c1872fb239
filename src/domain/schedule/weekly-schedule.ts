import { DateTime } from 'luxon';
import {
  isoWeekOf,
  isValidZone,
  nextIsoWeek,
  type WeeklyTarget,
  weekLabel,
  weeklyTargetInstant,
} from './local-time.ts';

// The rules every weekly per-person message follows (check-ins, habit nudges, pulse follow-ups):
// when the next one is due, which week it belongs to, whether it still goes out after downtime,
// and whether the person has paused.

export interface WeeklyScheduleInput {
  target: WeeklyTarget;
  /** The person's IANA zone; without one there is no local time to aim at. */
  zone: string | null;
  optedOut: boolean;
  /** 'YYYY-MM-DD' in the person's zone: nothing before this day. */
  pausedUntil: string | null;
  /** Weeks already handled (sent, or skipped): never a second message in those. */
  isWeekHandled(week: string): boolean;
}

/** How far ahead we look for an unhandled week before giving up (a pause can be long). */
const MAX_WEEKS_AHEAD = 60;

/** When a pause ends: the start of its day in the person's zone (undefined for no or an unreadable pause). */
export function pauseEnd(pausedUntil: string | null, zone: string | null): Date | undefined {
  if (!pausedUntil) return undefined;
  const resume = DateTime.fromISO(pausedUntil, { zone: zone ?? 'UTC' }).startOf('day');
  return resume.isValid ? resume.toJSDate() : undefined;
}

/** The one pause rule: a person is paused until the start of `pausedUntil` in their zone (UTC without one). */
export function isPaused(pausedUntil: string | null, zone: string | null, now: Date): boolean {
  const end = pauseEnd(pausedUntil, zone);
  return end !== undefined && end.getTime() > now.getTime();
}

/**
 * The next due instant at or after `from`, in a week not yet handled. Computed in the person's
 * zone with the tz database, so DST and zone changes land on the right wall time.
 */
export function nextWeeklyDue(input: WeeklyScheduleInput, from: Date): Date | null {
  if (input.optedOut || !input.zone || !isValidZone(input.zone)) return null;
  const zone = input.zone;
  const start = isPaused(input.pausedUntil, zone, from) ? (pauseEnd(input.pausedUntil, zone) ?? from) : from;
  let week = isoWeekOf(start, zone);
  for (let i = 0; i < MAX_WEEKS_AHEAD; i += 1, week = nextIsoWeek(week)) {
    if (input.isWeekHandled(weekLabel(week))) continue;
    const due = weeklyTargetInstant(week, input.target, zone);
    if (due.getTime() >= start.getTime()) return due;
  }
  return null;
}

/** The ISO week a due instant belongs to, in the person's zone: the message's identity. */
export function weekOfDue(due: Date, zone: string): string {
  return weekLabel(isoWeekOf(due, zone));
}

export type DueDecision = 'send' | 'skip_late';

/** After downtime a message still goes out within the catch-up window; later it is skipped. */
export function decideDue(due: Date, now: Date, catchUpMs: number): DueDecision {
  return now.getTime() - due.getTime() <= catchUpMs ? 'send' : 'skip_late';
}
