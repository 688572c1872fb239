// chrono-node instances for due dates: chrono's English, plus our own parsers for what chrono
// reads differently from what a promise means, and a small Norwegian Bokmål layer.
import * as chrono from 'chrono-node';
import { type Chrono, type Parser, ParsingComponents, type ParsingContext } from 'chrono-node';
import { DateTime, FixedOffsetZone } from 'luxon';
import type { Language } from '../users/language.ts';

/** A bare weekday ("friday", "på fredag"): resolved to the next such day once the time is known. */
export const UPCOMING_WEEKDAY_TAG = 'trust/upcomingWeekday';

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

function upcomingWeekdayParser(prefix: string, weekdays: Record<string, number>): Parser {
  return parser(`(?:(?:${prefix})\\s+)?(${alternatives(weekdays)})\\.?`, (context, match) => {
    const weekday = weekdays[(match[1] ?? '').toLowerCase()];
    if (weekday === undefined) return null;
    return context.createParsingComponents({ weekday }).addTag(UPCOMING_WEEKDAY_TAG);
  });
}

/** "next week" is the Monday that starts it; the default time of day then applies. */
function nextWeekParser(source: string): Parser {
  return parser(source, (context) => onDay(context, mondayOfNextWeek(referenceDay(context))));
}

/** "neste fredag": that day in next week, as chrono reads "next friday". */
function nextWeekdayParser(prefix: string, weekdays: Record<string, number>): Parser {
  return parser(`${prefix}\\s+(${alternatives(weekdays)})\\.?`, (context, match) => {
    const weekday = weekdays[(match[1] ?? '').toLowerCase()];
    if (weekday === undefined) return null;
    const isoWeekday = weekday === 0 ? 7 : weekday;
    return onDay(context, mondayOfNextWeek(referenceDay(context)).plus({ days: isoWeekday - 1 }));
  });
}

function mondayOfNextWeek(today: DateTime): DateTime {
  return today.plus({ days: 8 - today.weekday });
}

const enLayer: Parser[] = [
  upcomingWeekdayParser('on', enWeekdays),
  nextWeekParser('next\\s+week'),
  dayOffsetParser({ 'end of day': 0, 'end of the day': 0, eod: 0, 'close of business': 0, cob: 0 }),
];

const nbLayer: Parser[] = [
  upcomingWeekdayParser('på|førstkommende', nbWeekdays),
  nextWeekdayParser('neste', nbWeekdays),
  nextWeekParser('neste\\s+uke'),
  dayOffsetParser({
    'i dag': 0,
    'i løpet av dagen': 0,
    'slutten av dagen': 0,
    'i morgen': 1,
    'i morra': 1,
    'i overmorgen': 2,
    overmorgen: 2,
  }),
  // "kl 15", "kl. 9.30", "klokka 15:30": Norwegian writes times on a 24-hour clock.
  parser('(?:kl\\.?|klokka|klokken)\\s*([01]?\\d|2[0-3])(?:[:.]([0-5]\\d))?', (context, match) =>
    context.createParsingComponents({ hour: Number(match[1]), minute: Number(match[2] ?? 0) }),
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
      return components.imply('year', closestYear(referenceDay(context), month, day));
    },
  ),
];

/** A day and month without a year mean the occurrence nearest today, as chrono does in English. */
function closestYear(today: DateTime, month: number, day: number): number {
  const candidates = [today.year - 1, today.year, today.year + 1];
  const distance = (year: number) =>
    Math.abs(DateTime.fromObject({ year, month, day }, { zone: today.zone }).diff(today).toMillis());
  return candidates.reduce((best, year) => (distance(year) < distance(best) ? year : best));
}

function withLayers(base: Chrono, layers: Parser[]): Chrono {
  const instance = base.clone();
  // Ours go first: when two parsers read the same text, chrono keeps the earlier one.
  instance.parsers.unshift(...layers);
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
