import { DateTime } from 'luxon';
import { isValidZone, parseTime, type WeeklyTarget } from '../schedule/local-time.ts';
import { isPaused } from '../schedule/weekly-schedule.ts';
import type { Language } from '../users/language.ts';

/** What the personal settings modal asks for. */
export interface PersonalSettingsForm {
  checkin: WeeklyTarget;
  /** An IANA zone, or null to follow Slack's. */
  zoneOverride: string | null;
  /** English or Bokmål, or null for automatic (team language, else Slack's). */
  languageChoice: Language | null;
  habitNudges: boolean;
  /** 'YYYY-MM-DD' in the person's zone, or null for no pause. */
  pausedUntil: string | null;
  optedOut: boolean;
}

export type SettingsProblem =
  | 'invalid_weekday'
  | 'invalid_time'
  | 'invalid_zone'
  | 'pause_in_past'
  | 'pause_too_far'
  | 'pause_with_opt_out';

/** The zone settings are read in: the chosen one, else Slack's, else UTC. */
export function settingsZone(zoneOverride: string | null, slackZone: string | null): string {
  for (const zone of [zoneOverride, slackZone]) if (zone && isValidZone(zone)) return zone;
  return 'UTC';
}

/**
 * Every problem with a filled-in form. The pause date is checked in the zone the form chooses,
 * so "tomorrow" means tomorrow where the person will be.
 */
export function checkPersonalSettings(
  form: PersonalSettingsForm,
  context: { slackZone: string | null; now: Date },
): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (!Number.isInteger(form.checkin.weekday) || form.checkin.weekday < 1 || form.checkin.weekday > 7) {
    problems.push('invalid_weekday');
  }
  try {
    parseTime(form.checkin.time);
  } catch {
    problems.push('invalid_time');
  }
  if (form.zoneOverride !== null && !isValidZone(form.zoneOverride)) problems.push('invalid_zone');
  if (form.pausedUntil !== null) {
    const zone = settingsZone(form.zoneOverride, context.slackZone);
    const today = DateTime.fromJSDate(context.now, { zone }).startOf('day');
    const day = DateTime.fromISO(form.pausedUntil, { zone });
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(form.pausedUntil) ||
      !day.isValid ||
      !isPaused(form.pausedUntil, zone, context.now)
    ) {
      problems.push('pause_in_past');
    } else if (day > today.plus({ years: 1 })) problems.push('pause_too_far');
    else if (form.optedOut) problems.push('pause_with_opt_out');
  }
  return problems;
}

/** A pause that has ended is no pause: the modal shows and keeps only one still ahead. */
export function activePause(pausedUntil: string | null, zone: string, now: Date): string | null {
  return isPaused(pausedUntil, zone, now) ? pausedUntil : null;
}
