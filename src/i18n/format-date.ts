import { DateTime } from 'luxon';
import type { Language } from '../domain/users/language.ts';
import { messages } from './index.ts';

/** Whom a text is for: their language and zone, and the moment it is written. */
export interface Audience {
  language: Language;
  timeZone: string;
  now: Date;
}

/** "Fri 4 Dec, 15:00" / "fre. 4. des., 15:00" in the reader's zone; with the year when it is not this year. */
export function formatDateTime(instant: Date, audience: Audience): string {
  const { dates } = messages(audience.language);
  const local = DateTime.fromJSDate(instant, { zone: audience.timeZone }).setLocale(dates.locale);
  const thisYear = DateTime.fromJSDate(audience.now, { zone: audience.timeZone }).year;
  return local.toFormat(local.year === thisYear ? dates.dateTime : dates.dateTimeWithYear);
}

/** "America/New York": the tz name as people read it. */
export function formatZone(timeZone: string): string {
  return timeZone.replace(/_/g, ' ');
}
