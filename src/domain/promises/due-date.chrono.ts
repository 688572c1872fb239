// chrono-node instances for due dates: chrono's English, plus our own parsers for what chrono
// reads differently from what a promise means, and a small Norwegian Bokmål layer.
import * as chrono from 'chrono-node';
import {
  type Chrono,
  type Parser,
  ParsingComponents,
  type ParsingContext,
  ParsingResult,
  type Refiner,
} from 'chrono-node';
import { DateTime, FixedOffsetZone } from 'luxon';
import type { Language } from '../users/language.ts';
import { DAY_PARTS, type DayPart, PERIODS, type Period } from './due-date.conventions.ts';

/** A bare weekday ("friday", "på fredag"): resolved to the next such day once the time is known. */
export const UPCOMING_WEEKDAY_TAG = 'trust/upcomingWeekday';
/** "this friday", "denne fredagen": said on a Friday, today. */
export const THIS_WEEKDAY_TAG = 'trust/thisWeekday';
/** "next friday", "neste fredag": next week's, or this week's when it is still ahead — asked. */
export const NEXT_WEEKDAY_TAG = 'trust/nextWeekday';
/** A numeric date that reads as two dates ("10/11" in English): the other reading is asked too. */
export const DAY_FIRST_TOO_TAG = 'trust/dayFirstToo';
/** A day of the month alone ("the 15th", "den 15."): the next such day. */
export const DAY_OF_MONTH_TAG = 'trust/dayOfMonth';
/** Our numeric dates and times, which chrono's filter would drop as "looks like a decimal". */
const NUMERIC_TAG = 'trust/numeric';
export const PART_TAG_PREFIX = 'trust/part/';
export const PERIOD_TAG_PREFIX = 'trust/period/';

/** chrono's own words for times of day, read by our conventions instead of chrono's hours. */
export const CHRONO_PARTS: Record<string, DayPart> = {
  'casualReference/morning': 'morning',
  'casualReference/afternoon': 'afternoon',
  'casualReference/evening': 'evening',
  'casualReference/tonight': 'evening',
  'casualReference/noon': 'noon',
  'casualReference/midnight': 'midnight',
};

/** Words by value: each row holds the spellings of one value, counting up from `first`. */
function table(rows: string[], first: number): Record<string, number> {
  return Object.fromEntries(rows.flatMap((row, i) => row.split(' ').map((word) => [word, first + i])));
}

// chrono numbers weekdays 0 = Sunday … 6 = Saturday.
const enWeekdays = table(
  [
    'sunday sun',
    'monday mon',
    'tuesday tue tues',
    'wednesday wed',
    'thursday thu thur thurs',
    'friday fri',
    'saturday sat',
  ],
  0,
);
const nbWeekdays = table(
  [
    'søndag søn',
    'mandag man',
    'tirsdag tir tirs',
    'onsdag ons',
    'torsdag tor tors',
    'fredag fre',
    'lørdag lør',
  ],
  0,
);
const nbMonths = table(
  [
    'januar jan',
    'februar feb',
    'mars mar',
    'april apr',
    'mai',
    'juni jun',
    'juli jul',
    'august aug',
    'september sep sept',
    'oktober okt',
    'november nov',
    'desember des',
  ],
  1,
);
const nbNumbers = table(
  ['en ett ei', 'to', 'tre', 'fire', 'fem', 'seks', 'sju syv', 'åtte', 'ni', 'ti', 'elleve', 'tolv'],
  1,
);

const nbUnits: Array<{ pattern: string; unit: 'minute' | 'hour' | 'day' | 'week' | 'month' }> = [
  { pattern: 'minutt(?:er)?|min', unit: 'minute' },
  { pattern: 'time(?:r)?|t', unit: 'hour' },
  { pattern: 'dag(?:er)?|døgn', unit: 'day' },
  { pattern: 'uke(?:r)?', unit: 'week' },
  { pattern: 'måned(?:er)?|mnd', unit: 'month' },
];

function alternatives(words: Record<string, number>): string {
  // Longest first, so "tirsdag" is not read as "tir" + "sdag".
  return Object.keys(words)
    .sort((a, b) => b.length - a.length)
    .join('|');
}

/** A whole-word pattern; chrono wants the match to start where the date text starts. */
function wordPattern(source: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'iu');
}

function parser(
  source: string,
  extract: (context: ParsingContext, match: RegExpMatchArray) => ParsingComponents | null,
): Parser {
  const pattern = wordPattern(source);
  return { pattern: () => pattern, extract };
}

/** Today's calendar date as the invoker sees it (chrono gives us their UTC offset at `now`). */
function referenceDay(context: ParsingContext): DateTime {
  const zone = FixedOffsetZone.instance(context.reference.getTimezoneOffset());
  return DateTime.fromJSDate(context.reference.instant, { zone }).startOf('day');
}

function onDay(context: ParsingContext, day: DateTime): ParsingComponents {
  return context.createParsingComponents({ year: day.year, month: day.month, day: day.day });
}

/** Phrases for a day relative to today; spaces inside them are optional ("i morgen", "imorgen"). */
function dayOffsetParser(offsets: Record<string, number>): Parser {
  const squash = (phrase: string) => phrase.toLowerCase().replace(/\s+/g, '');
  const bySquashed = new Map(Object.entries(offsets).map(([phrase, days]) => [squash(phrase), days]));
  const source = Object.keys(offsets)
    .map((phrase) => phrase.replace(/ /g, '\\s*'))
    .join('|');
  return parser(source, (context, match) => {
    const days = bySquashed.get(squash(match[0]));
    return days === undefined ? null : onDay(context, referenceDay(context).plus({ days }));
  });
}

function upcomingWeekdayParser(
  prefix: { upcoming: string; thisOne: string; suffix?: string },
  weekdays: Record<string, number>,
): Parser {
  const source = `(?:(${prefix.upcoming})\\s+|(${prefix.thisOne})\\s+)?(${alternatives(weekdays)})(?:${prefix.suffix ?? ''})?\\.?`;
  return parser(source, (context, match) => {
    const weekday = weekdays[(match[3] ?? '').toLowerCase()];
    if (weekday === undefined) return null;
    const components = context.createParsingComponents({ weekday }).addTag(UPCOMING_WEEKDAY_TAG);
    return match[2] === undefined ? components : components.addTag(THIS_WEEKDAY_TAG);
  });
}

/** "next week" is the Monday that starts it; the default time of day then applies. */
function nextWeekParser(source: string): Parser {
  return parser(source, (context) => onDay(context, mondayOfNextWeek(referenceDay(context))));
}

/** "next friday", "neste fredag": the weekday only; which week is decided (or asked) later. */
function nextWeekdayParser(prefix: string, weekdays: Record<string, number>): Parser {
  return parser(`(?:${prefix})\\s+(${alternatives(weekdays)})\\.?`, (context, match) => {
    const weekday = weekdays[(match[1] ?? '').toLowerCase()];
    if (weekday === undefined) return null;
    return context.createParsingComponents({ weekday }).addTag(NEXT_WEEKDAY_TAG);
  });
}

/** "last friday", "forrige fredag": the most recent one before today (a past date, refused later). */
function lastWeekdayParser(prefix: string, weekdays: Record<string, number>): Parser {
  return parser(`(?:${prefix})\\s+(${alternatives(weekdays)})\\.?`, (context, match) => {
    const weekday = weekdays[(match[1] ?? '').toLowerCase()];
    if (weekday === undefined) return null;
    const today = referenceDay(context);
    const isoWeekday = weekday === 0 ? 7 : weekday;
    return onDay(context, today.minus({ days: ((today.weekday - isoWeekday + 6) % 7) + 1 }));
  });
}

/** "friday next week", "torsdag i neste uke", "neste uke torsdag": that day of next week. */
function weekdayOfNextWeekParser(nextWeek: string, weekdays: Record<string, number>): Parser {
  const day = `(${alternatives(weekdays)})\\.?`;
  const source = `${day}\\s+(?:(?:i|in|on)\\s+)?(?:${nextWeek})|(?:${nextWeek})\\s+(?:(?:on|på)\\s+)?${day}`;
  return parser(source, (context, match) => {
    const weekday = weekdays[(match[1] ?? match[2] ?? '').toLowerCase()];
    if (weekday === undefined) return null;
    const isoWeekday = weekday === 0 ? 7 : weekday;
    return onDay(context, mondayOfNextWeek(referenceDay(context)).plus({ days: isoWeekday - 1 }));
  });
}

/** A phrase list as one pattern: longest first, spaces matching any run of spaces. */
function phrases(list: readonly string[]): string {
  return [...list]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => phrase.replace(/ /g, '\\s+'))
    .join('|');
}

/** The words for a time of day ("morning", "EOD", "i kveld"): a time alone, tagged with its part. */
function dayPartParser(language: Language): Parser {
  const byPhrase = new Map<string, DayPart>();
  for (const [part, entry] of Object.entries(DAY_PARTS) as Array<[DayPart, (typeof DAY_PARTS)[DayPart]]>)
    for (const phrase of entry[language]) byPhrase.set(phrase, part);
  return parser(phrases([...byPhrase.keys()]), (context, match) => {
    const part = byPhrase.get(match[0].toLowerCase().replace(/\s+/g, ' '));
    if (part === undefined) return null;
    const { hour, minute } = DAY_PARTS[part];
    return context.createParsingComponents({ hour, minute }).addTag(`${PART_TAG_PREFIX}${part}`);
  });
}

/** "end of the month", "slutten av uka": the period's key; its day is worked out with the time. */
function periodParser(language: Language): Parser {
  const byPhrase = new Map<string, Period>();
  for (const [period, entry] of Object.entries(PERIODS) as Array<[Period, (typeof PERIODS)[Period]]>)
    for (const phrase of entry[language]) byPhrase.set(phrase, period);
  return parser(phrases([...byPhrase.keys()]), (context, match) => {
    const period = byPhrase.get(match[0].toLowerCase().replace(/\s+/g, ' '));
    if (period === undefined) return null;
    return onDay(context, referenceDay(context)).addTag(`${PERIOD_TAG_PREFIX}${period}`);
  });
}

/**
 * Numeric dates: "24.12", "24.12.2026", "1.7", "24/12". A dot is always day first. A slash is
 * day first in Norwegian; in English month first, and when both readings are dates ("10/11")
 * the other one is asked too.
 */
function numericDateParser(language: Language): Parser {
  return {
    pattern: () =>
      /(?<![\p{L}\p{N}.\/:-])([0-3]?\d)([./])([01]?\d)(?:\2(\d{4}|\d{2}))?\.?(?![\p{L}\p{N}:]|[./]\d)/u,
    extract: (context, match) => {
      const [a, b] = [Number(match[1]), Number(match[3])];
      const monthFirst = language === 'en' && match[2] === '/';
      const [month, day] = monthFirst ? [a, b] : [b, a];
      if (month < 1 || month > 12 || day < 1 || day > 31) {
        // "24/12" in English is only a date day first.
        if (!monthFirst || b < 1 || b > 12 || a < 1 || a > 31) return null;
        return withYear(context.createParsingComponents({ day: a, month: b }), match[4]).addTag(NUMERIC_TAG);
      }
      const components = withYear(context.createParsingComponents({ day, month }), match[4]).addTag(
        NUMERIC_TAG,
      );
      return monthFirst && a !== b && a <= 12 && b <= 12 ? components.addTag(DAY_FIRST_TOO_TAG) : components;
    },
  };
}

function withYear(components: ParsingComponents, year: string | undefined): ParsingComponents {
  if (year === undefined) return components;
  return components.assign('year', year.length === 2 ? 2000 + Number(year) : Number(year));
}

/** "15.00", "9.30": a Norwegian clock time, once the same digits were not a date. */
const dottedTimeParser: Parser = {
  pattern: () => /(?<![\p{L}\p{N}.])([01]?\d|2[0-3])\.([0-5]\d)(?![\p{L}\p{N}.])/u,
  extract: (context, match) =>
    context.createParsingComponents({ hour: Number(match[1]), minute: Number(match[2]) }).addTag(NUMERIC_TAG),
};

/**
 * chrono's filters of unlikely formats (the refiners that judge results one by one), sparing our
 * numeric dates and times; told apart by shape, not class name, so a minified build works too.
 */
function sparingNumeric(refiner: Refiner): Refiner {
  if (typeof (refiner as { isValid?: unknown }).isValid !== 'function') return refiner;
  return {
    refine: (context, results) => {
      const kept = refiner.refine(context, results);
      const spared = results.filter((r) => r.start.tags().has(NUMERIC_TAG) && !kept.includes(r));
      return [...kept, ...spared].sort((a, b) => a.index - b.index);
    },
  };
}

/** "the 15th", "den 15.": a day of the month alone. */
function dayOfMonthParser(source: string): Parser {
  return parser(source, (context, match) => {
    const day = Number(match[1]);
    if (day < 1 || day > 31) return null;
    // A month that has the day, so chrono does not drop "the 31st" said in November as invalid.
    const today = referenceDay(context);
    const month = [0, 1, 2]
      .map((n) => today.startOf('month').plus({ months: n }))
      .find((m) => day <= (m.daysInMonth ?? 0));
    const components = context.createParsingComponents({ day }).addTag(DAY_OF_MONTH_TAG);
    return month ? components.imply('month', month.month).imply('year', month.year) : components;
  });
}

// What may stand between a day and a time of day that belong together: "friday, 3pm", "i morgen kl 9".
const betweenDateAndTime = /^\s*(?:,|at|on|kl\.?|klokka|klokken|på|i|om)?\s*$/i;

/**
 * Joins a day and a time of day written next to each other in either order ("EOD friday",
 * "i morgen tidlig", "next tuesday 9am") into one reading, after chrono's own merging.
 */
const mergeDayAndTime: Refiner = {
  refine: (context, results) => {
    const merged: ParsingResult[] = [];
    for (const result of results) {
      const previous = merged.at(-1);
      const between = previous ? context.text.slice(previous.index + previous.text.length, result.index) : '';
      if (previous && betweenDateAndTime.test(between)) {
        const joined = joinDayAndTime(context, previous, result);
        if (joined) {
          merged[merged.length - 1] = joined;
          continue;
        }
      }
      merged.push(result);
    }
    return merged;
  },
};

const dateParts = ['year', 'month', 'day', 'weekday'] as const;
const timeParts = ['hour', 'minute', 'meridiem'] as const;

function hasDay(c: ParsingComponents): boolean {
  return dateParts.some((part) => c.isCertain(part)) || [...c.tags()].some(isDayTag);
}

function hasTime(c: ParsingComponents): boolean {
  return (
    c.isCertain('hour') || [...c.tags()].some((tag) => tag.startsWith(PART_TAG_PREFIX) || tag in CHRONO_PARTS)
  );
}

function isDayTag(tag: string): boolean {
  return tag.startsWith(PERIOD_TAG_PREFIX) || (tag.startsWith('casualReference/') && !(tag in CHRONO_PARTS));
}

function joinDayAndTime(
  context: ParsingContext,
  first: ParsingResult,
  second: ParsingResult,
): ParsingResult | null {
  const [a, b] = [first.start, second.start];
  const dayThenTime = hasDay(a) && !hasTime(a) && hasTime(b) && !hasDay(b);
  const timeThenDay = hasTime(a) && !hasDay(a) && hasDay(b) && !hasTime(b);
  if (!dayThenTime && !timeThenDay) return null;
  const [day, time] = dayThenTime ? [a, b] : [b, a];
  const components = day.clone();
  for (const part of timeParts) {
    const value = time.get(part);
    if (value === null) continue;
    if (time.isCertain(part)) components.assign(part, value);
    else components.imply(part, value);
  }
  components.addTags(time.tags());
  const text = context.text.slice(first.index, second.index + second.text.length);
  return new ParsingResult(context.reference, first.index, text, components);
}

function mondayOfNextWeek(today: DateTime): DateTime {
  return today.plus({ days: 8 - today.weekday });
}

const enLayer: Parser[] = [
  periodParser('en'),
  dayPartParser('en'),
  weekdayOfNextWeekParser('next\\s+week', enWeekdays),
  upcomingWeekdayParser({ upcoming: 'on', thisOne: 'this|this\\s+coming|on\\s+this' }, enWeekdays),
  nextWeekdayParser('next|on\\s+next', enWeekdays),
  lastWeekdayParser('last|past', enWeekdays),
  nextWeekParser('next\\s+week'),
  numericDateParser('en'),
  dayOfMonthParser('(?:the\\s+)?([0-3]?\\d)(?:st|nd|rd|th)'),
];

const nbLayer: Parser[] = [
  periodParser('nb'),
  dayPartParser('nb'),
  weekdayOfNextWeekParser('neste\\s+uke', nbWeekdays),
  upcomingWeekdayParser(
    { upcoming: 'på|førstkommende', thisOne: 'denne|nå\\s+på', suffix: 'en' },
    nbWeekdays,
  ),
  nextWeekdayParser('neste', nbWeekdays),
  lastWeekdayParser('forrige|sist', nbWeekdays),
  nextWeekParser('neste\\s+uke'),
  numericDateParser('nb'),
  dottedTimeParser,
  dayOfMonthParser('den\\s+([0-3]?\\d)\\.'),
  dayOffsetParser({
    'i dag': 0,
    'i går': -1,
    'i morgen': 1,
    'i morra': 1,
    'i overmorgen': 2,
    overmorgen: 2,
  }),
  // "kl 15", "kl. 9.30", "klokka 15:30": Norwegian writes times on a 24-hour clock.
  parser('(?:kl\\.?|klokka|klokken)\\s*([01]?\\d|2[0-3])(?:[:.]([0-5]\\d))?', (context, match) =>
    context.createParsingComponents({ hour: Number(match[1]), minute: Number(match[2] ?? 0) }),
  ),
  // "om en halvtime"
  parser('om\\s+(?:en\\s+)?halvtime', (context) =>
    ParsingComponents.createRelativeFromReference(context.reference, { minute: 30 }),
  ),
  // "om 3 dager", "om to timer", "om ei uke"
  parser(
    `om\\s+(\\d{1,3}|${alternatives(nbNumbers)})\\s+(${nbUnits.map((u) => u.pattern).join('|')})`,
    (context, match) => {
      const amountWord = (match[1] ?? '').toLowerCase();
      const amount = nbNumbers[amountWord] ?? Number(amountWord);
      const unitWord = (match[2] ?? '').toLowerCase();
      const unit = nbUnits.find((u) => new RegExp(`^(?:${u.pattern})$`, 'u').test(unitWord))?.unit;
      if (!unit || !Number.isInteger(amount)) return null;
      return ParsingComponents.createRelativeFromReference(context.reference, { [unit]: amount });
    },
  ),
  // "12. desember", "den 12. des 2027"
  parser(
    `(?:den\\s+)?([0-3]?\\d)\\.?\\s*(${alternatives(nbMonths)})\\.?(?:\\s+(\\d{4}))?`,
    (context, match) => {
      const day = Number(match[1]);
      const month = nbMonths[(match[2] ?? '').toLowerCase()];
      if (month === undefined) return null;
      const components = context.createParsingComponents({ day, month });
      if (match[3] !== undefined) return components.assign('year', Number(match[3]));
      // The year is the next occurrence's, decided with the time of day.
      return components.imply('year', referenceDay(context).year);
    },
  ),
];

function withLayers(base: Chrono, layers: Parser[]): Chrono {
  const instance = base.clone();
  // Ours go first: when two parsers read the same text, chrono keeps the earlier one.
  instance.parsers.unshift(...layers);
  instance.refiners = [...instance.refiners.map(sparingNumeric), mergeDayAndTime];
  return instance;
}

/**
 * English reads numeric dates month first (chrono's default); Norwegian day first, and also
 * understands the English words, which Norwegians mix in freely.
 */
export const dueDateChronos: Record<Language, Chrono> = {
  en: withLayers(chrono.en.casual, enLayer),
  nb: withLayers(chrono.en.GB, [...nbLayer, ...enLayer]),
};
