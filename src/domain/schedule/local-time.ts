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
    return endOfGap(candidate).toJSDate();
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

/**
 * luxon moves a missing wall time forward by the gap's length (it applies the offset in force
 * before the change). The gap ends at the transition itself, which lies between the requested wall
 * time read with the new offset and with the old one; the search is on instants, so a gap across
 * midnight (America/Nuuk: Saturday 23:00 → Sunday 00:00) ends on the right day.
 */
function endOfGap(shifted: DateTime): DateTime {
  const zone = shifted.zone;
  const after = shifted.offset;
  let hi = shifted.toMillis();
  // The requested wall time read with the new offset: an instant before the change.
  let lo = hi - (after - zone.offset(hi - DAY_MS)) * MINUTE_MS;
  if (lo >= hi || zone.offset(lo) === after) return shifted;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === after) hi = mid;
    else lo = mid;
  }
  return DateTime.fromMillis(hi, { zone });
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
