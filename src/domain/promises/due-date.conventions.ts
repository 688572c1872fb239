// What the everyday words of a due date mean, in one place: the parser reads its words and times
// from these tables, the confirmation names the convention it applied, and docs/due-dates.md
// renders the same tables (a test keeps them in step).

/** Times of day named by a word. */
export type DayPart =
  | 'early'
  | 'morning'
  | 'forenoon'
  | 'noon'
  | 'afternoon'
  | 'endOfDay'
  | 'evening'
  | 'midnight';

/** Ends of a period, and the day they fall on. */
export type Period = 'endOfWeek' | 'endOfNextWeek' | 'endOfMonth' | 'endOfNextMonth' | 'endOfYear';

export interface Clock {
  hour: number;
  minute: number;
}

/** A date without a time of day: the end of the working day. */
export const DEFAULT_DUE_TIME: Clock = { hour: 17, minute: 0 };
/** "today", "end of day" or "tonight" said once that time has passed: the end of the calendar day. */
export const LATE_TODAY: Clock = { hour: 23, minute: 59 };

/**
 * Words for a time of day, as whole phrases (spaces match any run of spaces). A word alone means
 * today; with a day ("friday morning", "i morgen tidlig") that day.
 */
export const DAY_PARTS: Record<DayPart, Clock & { en: string[]; nb: string[] }> = {
  early: { hour: 8, minute: 0, en: ['first thing', 'early'], nb: ['tidlig'] },
  morning: { hour: 9, minute: 0, en: ['morning', 'this morning'], nb: ['morgen', 'morgenen', 'i morges'] },
  forenoon: { hour: 12, minute: 0, en: ['before noon', 'before lunch'], nb: ['formiddag', 'i formiddag'] },
  noon: { hour: 12, minute: 0, en: ['noon', 'midday', 'lunch', 'lunchtime'], nb: ['lunsj', 'lunch'] },
  afternoon: {
    hour: 15,
    minute: 0,
    en: ['afternoon', 'this afternoon'],
    nb: ['ettermiddag', 'ettermiddagen', 'i ettermiddag'],
  },
  endOfDay: {
    hour: 17,
    minute: 0,
    en: ['eod', 'end of day', 'end of the day', 'end of today', 'cob', 'close of business'],
    nb: ['slutten av dagen', 'i slutten av dagen', 'i løpet av dagen', 'eod'],
  },
  evening: {
    hour: 20,
    minute: 0,
    en: ['evening', 'this evening', 'tonight', 'night'],
    nb: ['kveld', 'kvelden', 'i kveld'],
  },
  midnight: { hour: 23, minute: 59, en: ['midnight'], nb: ['midnatt'] },
};

/** Parts of the day that, said once they have passed today, mean the end of today instead. */
export const PARTS_LATE_TODAY: readonly DayPart[] = ['endOfDay', 'evening'];

/**
 * Ends of periods. A week ends on Friday at the end of the working day, a month and a year on
 * their last day (weekend or not); once that has passed, "end of week" / "end of month" mean the
 * next one.
 */
export const PERIODS: Record<Period, { en: string[]; nb: string[] }> = {
  endOfWeek: {
    en: ['end of week', 'end of the week', 'end of this week', 'eow', 'before the weekend'],
    nb: [
      'slutten av uka',
      'slutten av uken',
      'i slutten av uka',
      'i slutten av uken',
      'i løpet av uka',
      'i løpet av uken',
      'før helgen',
    ],
  },
  endOfNextWeek: {
    en: ['end of next week'],
    nb: ['slutten av neste uke', 'i slutten av neste uke'],
  },
  endOfMonth: {
    en: ['end of month', 'end of the month', 'end of this month', 'eom'],
    nb: [
      'slutten av måneden',
      'i slutten av måneden',
      'slutten av mnd',
      'månedsslutt',
      'i løpet av måneden',
      'ut måneden',
    ],
  },
  endOfNextMonth: {
    en: ['end of next month'],
    nb: ['slutten av neste måned', 'i slutten av neste måned'],
  },
  endOfYear: {
    en: ['end of the year', 'end of year', 'end of this year', 'eoy'],
    nb: ['slutten av året', 'i slutten av året', 'i løpet av året'],
  },
};

/**
 * Words that make a phrase too vague to pin to an instant ("in a couple of days", "om et par
 * dager", "sometime next week"): refused, and the person is asked for a day.
 */
export const VAGUE_WORDS: readonly string[] = [
  'couple',
  'few',
  'several',
  'sometime',
  'some time',
  'around',
  'par',
  'noen',
  'rundt',
  'cirka',
  'ca',
];

/**
 * A clock hour written without am/pm or a leading zero, on a working day: 7 to 11 mean the
 * morning, 1 to 6 the afternoon ("at 2" is 14:00, "kl 5" is 17:00), 13 to 23 themselves. In
 * English a bare 12 can be noon or midnight and is asked; Norwegian "kl 12" is noon.
 */
export const AFTERNOON_HOURS = { from: 1, to: 6 } as const;
