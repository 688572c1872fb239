import { DateTime, type DateObjectUnits, FixedOffsetZone } from 'luxon';

// Wall-clock times in a person's IANA zone, done with the tz database (never fixed offsets), so
// daylight-saving changes are handled by the same rules Slack clients use.

export interface WeeklyTarget {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "HH:mm", 24 h. */
  time: string;
}

export interface IsoWeek {
  weekYear: number;
  weekNumber: number;
}

const zoneValidity = new Map<string, boolean>();

/** Whether the tz database knows the zone; remembered, as the answer only changes with Node's ICU. */
export function isValidZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = DateTime.now().setZone(zone).isValid;
    // Bounded: arbitrary user input must not grow it without end.
    if (zoneValidity.size < 2_000) zoneValidity.set(zone, valid);
  }
  return valid;
}

export function isoWeekOf(instant: Date, zone: string): IsoWeek {
  const local = DateTime.fromJSDate(instant, { zone });
  return { weekYear: local.weekYear, weekNumber: local.weekNumber };
}

/** "2026-W48": the label used in idempotency keys. */
export function weekLabel(week: IsoWeek): string {
  return `${week.weekYear}-W${String(week.weekNumber).padStart(2, '0')}`;
}

export function nextIsoWeek(week: IsoWeek): IsoWeek {
  const next = DateTime.fromObject(
    { weekYear: week.weekYear, weekNumber: week.weekNumber, weekday: 1 },
    { zone: 'UTC' },
  ).plus({
    weeks: 1,
  });
  return { weekYear: next.weekYear, weekNumber: next.weekNumber };
}

export function previousIsoWeek(week: IsoWeek): IsoWeek {
  const previous = DateTime.fromObject(
    { weekYear: week.weekYear, weekNumber: week.weekNumber, weekday: 1 },
    { zone: 'UTC' },
  ).minus({ weeks: 1 });
  return { weekYear: previous.weekYear, weekNumber: previous.weekNumber };
}

export function parseTime(time: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`not an HH:mm time: ${time}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/**
 * The instant of a weekly target in a given ISO week and zone. A wall time that does not exist
 * (spring-forward gap) fires at the end of the gap; one that exists twice (fall-back overlap)
 * fires once, at its first occurrence.
 */
export function weeklyTargetInstant(week: IsoWeek, target: WeeklyTarget, zone: string): Date {
  const { hour, minute } = parseTime(target.time);
  const requested = {
    weekYear: week.weekYear,
    weekNumber: week.weekNumber,
    weekday: target.weekday,
    hour,
    minute,
  };
  return localToInstant(requested, zone);
}

/** A local date and time to an instant, with the gap and overlap rules above. */
export function localToInstant(
  local: { hour: number; minute: number } & (
    | { weekYear: number; weekNumber: number; weekday: number }
    | { year: number; month: number; day: number }
  ),
  zone: string,
): Date {
  const candidate = DateTime.fromObject(local as DateObjectUnits, { zone });
  if (!candidate.isValid) throw new RangeError(`invalid local time or zone: ${zone}`);
  if (candidate.hour !== local.hour || candidate.minute !== local.minute) {
    return endOfGap(candidate, local.hour * 60 + local.minute).toJSDate();
  }
  return firstOccurrence(candidate, local.hour, local.minute).toJSDate();
}

/** In a fall-back overlap the same wall time happens twice (1 h, or 30 min on Lord Howe): take the first. */
function firstOccurrence(candidate: DateTime, hour: number, minute: number): DateTime {
  const offsets = new Set([
    candidate.offset,
    candidate.minus({ hours: 3 }).offset,
    candidate.plus({ hours: 3 }).offset,
  ]);
  // No change of offset within 3 hours either side: no overlap, the wall time happens once.
  if (offsets.size === 1) return candidate;
  let first = candidate;
  for (const offset of offsets) {
    const other = candidate
      .setZone(FixedOffsetZone.instance(offset), { keepLocalTime: true })
      .setZone(candidate.zone);
    if (other.hour === hour && other.minute === minute && other < first) first = other;
  }
  return first;
}

/** luxon moves a missing wall time forward by the gap's length; walk back to where the gap ends. */
function endOfGap(shifted: DateTime, requestedMinuteOfDay: number): DateTime {
  let instant = shifted;
  for (let i = 0; i < 180; i += 1) {
    const before = instant.minus({ minutes: 1 });
    const beforeMinuteOfDay = before.hour * 60 + before.minute;
    if (before.day !== shifted.day || beforeMinuteOfDay < requestedMinuteOfDay) return instant;
    instant = before;
  }
  return shifted;
}
