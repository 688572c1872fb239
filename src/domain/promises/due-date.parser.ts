import type { ParsedComponents, ParsedResult } from 'chrono-node';
import { DateTime } from 'luxon';
import { isValidZone, localToInstant } from '../schedule/local-time.ts';
import type { Language } from '../users/language.ts';
import {
  CHRONO_PARTS,
  DAY_FIRST_TOO_TAG,
  DAY_OF_MONTH_TAG,
  dueDateChronos,
  NEXT_WEEKDAY_TAG,
  PART_TAG_PREFIX,
  PERIOD_TAG_PREFIX,
  THIS_WEEKDAY_TAG,
  UPCOMING_WEEKDAY_TAG,
} from './due-date.chrono.ts';
import {
  AFTERNOON_HOURS,
  type Clock,
  DAY_PARTS,
  type DayPart,
  DEFAULT_DUE_TIME,
  LATE_TODAY,
  PARTS_LATE_TODAY,
  type Period,
  VAGUE_WORDS,
} from './due-date.conventions.ts';

export { DEFAULT_DUE_TIME } from './due-date.conventions.ts';

export interface DueDateOptions {
  now: Date;
  /** IANA zone of the person who wrote the date. */
  timeZone: string;
  language: Language;
}

/** Which convention gave the time of day, so the confirmation can say it in the person's words. */
export type DueConvention = DayPart | Period | 'defaultTime' | 'lateToday';

export interface DueCandidate {
  due: Date;
  hadTime: boolean;
  convention?: DueConvention;
}

export type DueDateResult =
  | ({ ok: true } & DueCandidate)
  | { ok: false; reason: 'unparseable' }
  /** Two instants the words can mean, earliest first: the person picks one. */
  | { ok: false; reason: 'ambiguous'; candidates: [DueCandidate, DueCandidate] };

// Words a person may put around the date itself ("by friday", "innen fredag.").
const leadingFiller = /^\s*(?:(?:by|on|at|before|until|due|innen|på|til|før|senest)\s+)?$/i;
const trailingFiller = /^[\s.!,]*$/;
// "05:00", "kl 05": a 24-hour clock, taken as written.
const zeroPaddedHour = /(?<![\d.:/-])0\d:\d\d|^\s*0\d\.\d\d\s*$|(?:kl\.?|klokka|klokken)\s*0\d/i;
const vague = new RegExp(`(?<![\\p{L}])(?:${VAGUE_WORDS.join('|')})(?![\\p{L}])`, 'iu');

/**
 * Reads a due date written in natural language, as the writer meant it in their own zone, under
 * the conventions of `due-date.conventions.ts` (documented in docs/due-dates.md): chrono and our
 * parsers recognise the words; the instant is then built in `timeZone` with the tz database, so
 * daylight-saving changes land right.
 *
 * - No time of day → 17:00 local (23:59 when that is today and 17:00 has passed).
 * - A bare weekday → the next such day; said on that day with no time while 17:00 is ahead, asked
 *   (today or in a week). With a time still ahead today, today.
 * - "next friday" → next week's Friday; asked when this week's is still ahead.
 * - "friday next week" / "fredag neste uke" → that day of next week.
 * - "next week" / "neste uke" → Monday of next week.
 * - A time alone → its next occurrence; a word for a time of day alone → today.
 * - A day and month without a year → the next occurrence (next year once passed).
 * - "in 3 hours" / "om to timer" → exactly that long from now.
 *
 * The whole input must be the date; anything else is `unparseable` rather than a guess, and a
 * phrase with two readings is `ambiguous` with both. Throws a RangeError for an unknown time
 * zone: that is a bug in the caller, not bad input.
 */
export function parseDueDate(input: string, options: DueDateOptions): DueDateResult {
  const { now, timeZone, language } = options;
  if (!isValidZone(timeZone)) throw new RangeError(`unknown time zone: ${timeZone}`);
  const text = input.trim();
  if (vague.test(text)) return unparseable;
  const offset = DateTime.fromJSDate(now, { zone: timeZone }).offset;
  const results = dueDateChronos[language].parse(text, { instant: now, timezone: offset });
  const [result] = results;
  if (results.length !== 1 || !result || !coversWholeInput(text, result)) return unparseable;
  return resolve(result, { now, zone: timeZone, language });
}

const unparseable = { ok: false, reason: 'unparseable' } as const;

function coversWholeInput(text: string, result: ParsedResult): boolean {
  return (
    leadingFiller.test(text.slice(0, result.index)) &&
    trailingFiller.test(text.slice(result.index + result.text.length))
  );
}

interface Reading {
  now: Date;
  zone: string;
  language: Language;
}

/** A time of day the words give, and the convention it came from. */
interface TimeReading extends Clock {
  given: boolean;
  /** Named by a word ("morning", "i kveld") rather than a clock time. */
  word?: boolean;
  convention?: DueConvention;
}

function resolve(result: ParsedResult, r: Reading): DueDateResult {
  const start = result.start;
  const tags = start.tags();
  // A duration from now is the same span of real time in every zone; chrono pinned it to now's offset.
  if (tags.has('result/relativeDateAndTime')) return { ok: true, due: start.date(), hadTime: true };

  const today = DateTime.fromJSDate(r.now, { zone: r.zone }).startOf('day');
  const at = (day: DateTime, t: Clock) =>
    localToInstant(
      { year: day.year, month: day.month, day: day.day, hour: t.hour, minute: t.minute },
      r.zone,
    );

  const candidates: DueCandidate[] = [];
  for (const time of timesOf(result, r.language)) {
    for (const day of daysOf(start, time, { ...r, today, at })) {
      if (!day.isValid || !weekdayAgrees(start, day)) return unparseable;
      const due = at(day, time);
      const passedToday = day.hasSame(today, 'day') && due <= r.now;
      const late = passedToday && (!time.given || PARTS_LATE_TODAY.includes(time.convention as DayPart));
      candidates.push(
        late
          ? { due: at(day, LATE_TODAY), hadTime: time.given, convention: 'lateToday' }
          : { due, hadTime: time.given, ...(time.convention ? { convention: time.convention } : {}) },
      );
    }
  }
  const distinct = candidates
    .filter((c, i) => candidates.findIndex((d) => d.due.getTime() === c.due.getTime()) === i)
    .sort((a, b) => a.due.getTime() - b.due.getTime());
  const [first, second] = distinct;
  if (!first || distinct.length > 2) return unparseable;
  if (second) return { ok: false, reason: 'ambiguous', candidates: [first, second] };
  return { ok: true, ...first };
}

/** "fredag 24.12" when the 24th is a Thursday: the words contradict each other, so no guess. */
function weekdayAgrees(start: ParsedComponents, day: DateTime): boolean {
  const weekday = start.get('weekday');
  if (weekday === null || !start.isCertain('weekday') || !start.isCertain('day')) return true;
  return (weekday === 0 ? 7 : weekday) === day.weekday;
}

function partOf(tags: Set<string>): DayPart | undefined {
  for (const tag of tags) {
    if (tag.startsWith(PART_TAG_PREFIX)) return tag.slice(PART_TAG_PREFIX.length) as DayPart;
  }
  for (const tag of tags) {
    const part = CHRONO_PARTS[tag];
    if (part) return part;
  }
  return undefined;
}

function periodOf(tags: Set<string>): Period | undefined {
  for (const tag of tags) {
    if (tag.startsWith(PERIOD_TAG_PREFIX)) return tag.slice(PERIOD_TAG_PREFIX.length) as Period;
  }
  return undefined;
}

/** The time (or, for a bare "12" in English, the two times) the words give. */
function timesOf(result: ParsedResult, language: Language): TimeReading[] {
  const start = result.start;
  const part = partOf(start.tags());
  if (part) return [{ ...DAY_PARTS[part], given: true, word: true, convention: part }];
  const period = periodOf(start.tags());
  if (!start.isCertain('hour'))
    return [{ ...DEFAULT_DUE_TIME, given: false, convention: period ?? 'defaultTime' }];

  const clock = { hour: start.get('hour') ?? 0, minute: start.get('minute') ?? 0 };
  const twelveHour =
    !start.isCertain('meridiem') && clock.hour >= 1 && clock.hour <= 12 && !zeroPaddedHour.test(result.text);
  if (!twelveHour) return [{ ...clock, given: true }];
  if (clock.hour >= AFTERNOON_HOURS.from && clock.hour <= AFTERNOON_HOURS.to)
    return [{ ...clock, hour: clock.hour + 12, given: true }];
  if (clock.hour === 12 && clock.minute === 0 && language === 'en')
    return [
      { ...clock, given: true, convention: 'noon' },
      { ...LATE_TODAY, given: true, convention: 'midnight' },
    ];
  return [{ ...clock, given: true }];
}

interface DayContext extends Reading {
  today: DateTime;
  at: (day: DateTime, t: Clock) => Date;
}

/** The calendar day (or the two days) the words name, given the time of day they go with. */
function daysOf(start: ParsedComponents, time: TimeReading, c: DayContext): DateTime[] {
  const { today, at, now } = c;
  const tags = start.tags();
  const ahead = (day: DateTime) => at(day, time) > now;
  const weekday = start.get('weekday');
  const isoWeekday = weekday === null ? 0 : weekday === 0 ? 7 : weekday;
  const nextMonday = today.plus({ days: 8 - today.weekday });

  const period = periodOf(tags);
  if (period) return [periodDay(period, today, (day) => at(day, time) > now)];

  if (tags.has(NEXT_WEEKDAY_TAG) && weekday !== null) {
    const upcoming = today.plus({ days: ((isoWeekday - today.weekday + 6) % 7) + 1 });
    const ofNextWeek = nextMonday.plus({ days: isoWeekday - 1 });
    return upcoming.hasSame(ofNextWeek, 'day') ? [ofNextWeek] : [upcoming, ofNextWeek];
  }
  // chrono's own "friday morning" carries a weekday and no day: the upcoming one too.
  const upcoming = tags.has(UPCOMING_WEEKDAY_TAG) || (start.isCertain('weekday') && !start.isCertain('day'));
  if (upcoming && weekday !== null) {
    const daysAhead = (isoWeekday - today.weekday + 7) % 7;
    if (daysAhead > 0) return [today.plus({ days: daysAhead })];
    if (tags.has(THIS_WEEKDAY_TAG)) return [today];
    if (!ahead(today)) return [today.plus({ days: 7 })];
    // "friday" said on a Friday with no time: today, or a week from today.
    return time.given ? [today] : [today, today.plus({ days: 7 })];
  }
  if (tags.has(DAY_OF_MONTH_TAG)) {
    // The next month that has that day, from this one ("the 31st" said in November: 31 December).
    const day = start.get('day') ?? 0;
    for (let months = 0; months <= 2; months += 1) {
      const month = today.startOf('month').plus({ months });
      if (day <= (month.daysInMonth ?? 0) && month.set({ day }) >= today) return [month.set({ day })];
    }
    return [DateTime.invalid('no such day')];
  }

  const hasDate = start.isCertain('day') || start.isCertain('month') || start.isCertain('weekday');
  if (!hasDate) {
    // A time alone: today, or tomorrow once passed; a word for a time of day: today.
    return [time.word || ahead(today) ? today : today.plus({ days: 1 })];
  }

  const month = start.get('month') ?? 0;
  const day = start.get('day') ?? 0;
  const dates = [{ month, day }];
  if (tags.has(DAY_FIRST_TOO_TAG)) dates.push({ month: day, day: month });
  return dates.map(({ month, day }) => {
    if (start.isCertain('year'))
      return DateTime.fromObject({ year: start.get('year') ?? 0, month, day }, { zone: c.zone });
    if (!start.isCertain('month')) {
      // chrono's own relative days ("tomorrow", "in 2 days", "last friday") carry their year.
      return DateTime.fromObject({ year: start.get('year') ?? 0, month, day }, { zone: c.zone });
    }
    // A day and month without a year: the next time it comes (today counts).
    const thisYear = DateTime.fromObject({ year: today.year, month, day }, { zone: c.zone });
    return !thisYear.isValid || thisYear >= today ? thisYear : thisYear.plus({ years: 1 });
  });
}

/** The day a period ends; once its end has passed, the next period's. */
function periodDay(period: Period, today: DateTime, stillAhead: (day: DateTime) => boolean): DateTime {
  const fridayOf = (weekStart: DateTime) => weekStart.plus({ days: 4 });
  const monday = today.minus({ days: today.weekday - 1 });
  switch (period) {
    case 'endOfWeek': {
      const friday = fridayOf(monday);
      return friday >= today && stillAhead(friday) ? friday : fridayOf(monday.plus({ weeks: 1 }));
    }
    case 'endOfNextWeek':
      return fridayOf(monday.plus({ weeks: 1 }));
    case 'endOfMonth': {
      const last = today.endOf('month').startOf('day');
      return stillAhead(last) ? last : today.plus({ months: 1 }).endOf('month').startOf('day');
    }
    case 'endOfNextMonth':
      return today.startOf('month').plus({ months: 1 }).endOf('month').startOf('day');
    case 'endOfYear':
      return today.endOf('year').startOf('day');
  }
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
