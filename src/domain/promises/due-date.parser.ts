import type { ParsedComponents, ParsedResult } from 'chrono-node';
import { DateTime } from 'luxon';
import { isValidZone, localToInstant } from '../schedule/local-time.ts';
import type { Language } from '../users/language.ts';
import { dueDateChronos, UPCOMING_WEEKDAY_TAG } from './due-date.chrono.ts';

export interface DueDateOptions {
  now: Date;
  /** IANA zone of the person who wrote the date. */
  timeZone: string;
  language: Language;
}

export type DueDateResult = { ok: true; due: Date; hadTime: boolean } | { ok: false; reason: 'unparseable' };

/** A date without a time of day means the end of the working day. */
export const DEFAULT_DUE_TIME = { hour: 17, minute: 0 } as const;
/** "today" said after 17:00 still means today: the end of it. */
const LATE_TODAY = { hour: 23, minute: 59 } as const;

// chrono tags for words that carry a time of day ("tonight", "tomorrow morning").
const casualTimeTags = ['tonight', 'evening', 'morning', 'afternoon', 'noon', 'midnight'].map(
  (word) => `casualReference/${word}`,
);

// Words a person may put around the date itself ("by friday", "innen fredag.").
const leadingFiller = /^\s*(?:(?:by|on|at|before|until|due|innen|på|til|før|senest)\s+)?$/i;
const trailingFiller = /^[\s.!,]*$/;

/**
 * Reads a due date written in natural language, as the writer meant it in their own zone:
 * chrono recognises the words and the calendar date and time they name; the instant is then
 * built in `timeZone` with the tz database, so daylight-saving changes land right.
 *
 * - No time of day → 17:00 local (23:59 when that is today and 17:00 has passed).
 * - A bare weekday → the next such day; today only when a time is given that is still ahead
 *   ("monday" said on a Monday means next Monday, "monday 5pm" said at 10:00 means today).
 * - "next week" / "neste uke" → Monday of next week (so 17:00 that Monday).
 * - A time alone → its next occurrence (today, or tomorrow when it has passed).
 * - "in 3 hours" / "om to timer" → exactly that long from now.
 *
 * The whole input must be the date; anything else is `unparseable` rather than a guess.
 * Throws a RangeError for an unknown time zone: that is a bug in the caller, not bad input.
 */
export function parseDueDate(input: string, options: DueDateOptions): DueDateResult {
  const { now, timeZone, language } = options;
  if (!isValidZone(timeZone)) throw new RangeError(`unknown time zone: ${timeZone}`);
  const text = input.trim();
  const offset = DateTime.fromJSDate(now, { zone: timeZone }).offset;
  const results = dueDateChronos[language].parse(text, { instant: now, timezone: offset });
  const [result] = results;
  if (results.length !== 1 || !result || !coversWholeInput(text, result)) return unparseable;
  return resolve(result.start, now, timeZone);
}

const unparseable = { ok: false, reason: 'unparseable' } as const;

function coversWholeInput(text: string, result: ParsedResult): boolean {
  return (
    leadingFiller.test(text.slice(0, result.index)) &&
    trailingFiller.test(text.slice(result.index + result.text.length))
  );
}

function resolve(start: ParsedComponents, now: Date, zone: string): DueDateResult {
  const tags = start.tags();
  // A duration from now is the same span of real time in every zone; chrono pinned it to now's offset.
  if (tags.has('result/relativeDateAndTime')) return { ok: true, due: start.date(), hadTime: true };

  const hadTime = start.isCertain('hour') || casualTimeTags.some((tag) => tags.has(tag));
  const time = hadTime
    ? { hour: start.get('hour') ?? 0, minute: start.get('minute') ?? 0 }
    : DEFAULT_DUE_TIME;
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const at = (day: DateTime, t: { hour: number; minute: number }) =>
    localToInstant({ year: day.year, month: day.month, day: day.day, hour: t.hour, minute: t.minute }, zone);

  let day: DateTime = DateTime.fromObject(
    { year: start.get('year') ?? 0, month: start.get('month') ?? 0, day: start.get('day') ?? 0 },
    { zone },
  );
  const weekday = start.get('weekday');
  if (tags.has(UPCOMING_WEEKDAY_TAG) && weekday !== null) {
    // chrono numbers weekdays from Sunday = 0, luxon from Monday = 1 to Sunday = 7.
    const daysAhead = ((weekday === 0 ? 7 : weekday) - today.weekday + 7) % 7;
    const laterToday = hadTime && at(today, time) > now;
    day = today.plus({ days: daysAhead === 0 && !laterToday ? 7 : daysAhead });
  } else if (isTimeOnly(start) && at(today, time) <= now) {
    day = today.plus({ days: 1 });
  }
  if (!day.isValid) return unparseable;

  const due = at(day, time);
  if (!hadTime && day.hasSame(today, 'day') && due <= now) {
    return { ok: true, due: at(day, LATE_TODAY), hadTime };
  }
  return { ok: true, due, hadTime };
}

function isTimeOnly(start: ParsedComponents): boolean {
  return (
    start.isCertain('hour') && !(['year', 'month', 'day', 'weekday'] as const).some((c) => start.isCertain(c))
  );
}

/** The date and time picked in a modal (`YYYY-MM-DD`, `HH:mm`), as an instant in the person's zone. */
export function dueFromPickers(date: string, time: string, timeZone: string): Date | undefined {
  const day = DateTime.fromISO(date, { zone: timeZone });
  const clock = DateTime.fromFormat(time, 'HH:mm', { zone: 'utc' });
  if (!day.isValid || !clock.isValid) return undefined;
  return localToInstant(
    { year: day.year, month: day.month, day: day.day, hour: clock.hour, minute: clock.minute },
    timeZone,
  );
}
