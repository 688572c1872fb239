import { DateTime } from 'luxon';
import {
  isoWeekOf,
  isValidZone,
  nextIsoWeek,
  type WeeklyTarget,
  weekLabel,
  weeklyTargetInstant,
} from '../schedule/local-time.ts';

export const defaultCheckinTarget: WeeklyTarget = { weekday: 1, time: '10:00' };

export interface ScheduleInput {
  target: WeeklyTarget;
  /** The person's IANA zone; without one there is no local time to aim at. */
  zone: string | null;
  optedOut: boolean;
  /** 'YYYY-MM-DD' in the person's zone: no check-in before this day. */
  pausedUntil: string | null;
  /** Weeks already handled (sent, or skipped): never a second check-in in those. */
  isWeekHandled(week: string): boolean;
}

/** How far ahead we look for an unhandled week before giving up (a pause can be long). */
const MAX_WEEKS_AHEAD = 60;

/**
 * The next check-in instant at or after `from`, in a week not yet handled. Computed in the
 * person's zone with the tz database, so DST and zone changes land on the right wall time.
 */
export function nextCheckinDue(input: ScheduleInput, from: Date): Date | null {
  if (input.optedOut || !input.zone || !isValidZone(input.zone)) return null;
  const zone = input.zone;
  let start = from;
  if (input.pausedUntil) {
    const resume = DateTime.fromISO(input.pausedUntil, { zone }).startOf('day');
    if (resume.isValid && resume.toMillis() > start.getTime()) start = resume.toJSDate();
  }
  let week = isoWeekOf(start, zone);
  for (let i = 0; i < MAX_WEEKS_AHEAD; i += 1, week = nextIsoWeek(week)) {
    if (input.isWeekHandled(weekLabel(week))) continue;
    const due = weeklyTargetInstant(week, input.target, zone);
    if (due.getTime() >= start.getTime()) return due;
  }
  return null;
}

/** The ISO week a due instant belongs to, in the person's zone: the check-in's identity. */
export function checkinWeek(due: Date, zone: string): string {
  return weekLabel(isoWeekOf(due, zone));
}

export type DueDecision = 'send' | 'skip_late';

/** After downtime a check-in still goes out within the catch-up window; later it is skipped. */
export function decideDue(due: Date, now: Date, catchUpMs: number): DueDecision {
  return now.getTime() - due.getTime() <= catchUpMs ? 'send' : 'skip_late';
}
