import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import { isoWeekOf, isValidZone, weekLabel } from './local-time.ts';
import { decideDue, nextWeeklyDue, type WeeklyScheduleInput, weekOfDue } from './weekly-schedule.ts';

// The weekly per-person send, once for check-ins, habit nudges and pulse follow-ups: due people
// are streamed in pages by keyset, each is sent or skipped as late, the page's messages are
// composed together, and the page is recorded in one transaction (each week once, its message
// queued, the schedule moved). A feature gives only what differs: who is due, how the page is
// composed, and when the next one is due.

/** Someone whose weekly message is due. */
export interface DueWeek {
  workspaceId: string;
  userId: string;
  dueAt: Date;
  /** The person's zone: the week is the due time's ISO week there, unless the send says otherwise. */
  zone: string | null;
}

export interface Person {
  workspaceId: string;
  userId: string;
}

export type WeekOutcome = 'queued' | 'skipped_late' | 'sent_now';

export interface WeekRecord extends Person {
  week: string;
  dueAt: Date;
  outcome: WeekOutcome;
  message: OutgoingMessage | null;
  /** Where the person's schedule moves; absent for a ledger without a schedule. */
  nextDueAt?: Date | null;
}

/** Which weeks were handled, per person and week: each week is recorded once, ever. */
export interface WeeklyLedger {
  /** Weeks already handled for a person, from `fromWeek` on. */
  handledWeeks(workspaceId: string, userId: string, fromWeek: string): Promise<Set<string>>;
  /** The same for many people at once, keyed by `personKey`. */
  handledWeeksOf(people: ReadonlyArray<Person & { fromWeek: string }>): Promise<Map<string, Set<string>>>;
  /**
   * In one transaction (multi-row statements): records each week as handled (a week already
   * handled is left alone), queues the messages of the weeks recorded now, and moves each schedule
   * to its `nextDueAt`. Returns the `weekKey`s recorded now.
   */
  recordWeeks(records: ReadonlyArray<WeekRecord>): Promise<Set<string>>;
}

export function personKey(p: Person): string {
  return `${p.workspaceId}:${p.userId}`;
}

export function weekKey(p: Person & { week: string }): string {
  return `${p.workspaceId}:${p.userId}:${p.week}`;
}

export interface WeeklySend<P extends DueWeek> {
  /** Who is due, and the ledger their weeks are recorded in. */
  source: WeeklyLedger & {
    /** People due at or before `now`, in keyset order, after `after` (the previous page's last) when given. */
    findDue(now: Date, limit: number, after?: P): Promise<P[]>;
  };
  /** The week a due message belongs to; by default the due time's ISO week in the person's zone. */
  weekOf?(person: P): string;
  /** How long after its due time a message still goes out; later its week is skipped. */
  catchUpMs: number;
  /** The messages for a page of people to send to, in its order; null where none is needed. */
  compose(
    page: ReadonlyArray<{ person: P; week: string }>,
    now: Date,
  ): Promise<Array<OutgoingMessage | null>>;
  /** For a send on a schedule: the next due time once `isWeekHandled` includes this week. */
  nextDue?(person: P, isWeekHandled: (week: string) => boolean, from: Date): Date | null;
}

export interface WeeklySendSummary {
  queued: number;
  skippedLate: number;
  /** Recorded without a message: the feature found nothing to say. */
  notNeeded: number;
  /** Another instance (or an earlier tick) had handled the week already. */
  alreadyHandled: number;
}

/** What a send on a schedule reports: it always has something to say, so no `notNeeded`. */
export type ScheduledSendSummary = Omit<WeeklySendSummary, 'notNeeded'>;

export function scheduledSummary({
  queued,
  skippedLate,
  alreadyHandled,
}: WeeklySendSummary): ScheduledSendSummary {
  return { queued, skippedLate, alreadyHandled };
}

/**
 * Due people read, composed and recorded per page; a run never holds more than one page. A page's
 * transaction is short enough (200 rows) that requests on a one-connection embedded database are
 * not held up behind it.
 */
export const WEEKLY_SEND_PAGE = 200;

/**
 * Sends everything due at `now`, page by page. The next page is read and composed while the
 * previous one is being recorded (the keyset does not depend on it), so a fan-out is bound by the
 * slower of the two, not their sum; pages are still recorded one at a time, in order.
 */
export async function runWeeklySend<P extends DueWeek>(
  send: WeeklySend<P>,
  now: Date,
): Promise<WeeklySendSummary> {
  const summary: WeeklySendSummary = { queued: 0, skippedLate: 0, notNeeded: 0, alreadyHandled: 0 };
  let recording: Promise<void> = Promise.resolve();
  try {
    let after: P | undefined;
    for (;;) {
      const page = await send.source.findDue(now, WEEKLY_SEND_PAGE, after);
      if (page.length > 0) {
        const records = await preparePage(send, page, now);
        await recording;
        recording = recordPage(send, records, summary);
        // Awaited before the next page or in `finally`; until then a failure must not count as unhandled.
        recording.catch(() => undefined);
      }
      after = page.at(-1);
      if (page.length < WEEKLY_SEND_PAGE || !after) break;
    }
  } finally {
    await recording;
  }
  return summary;
}

/** A page's decisions, messages and next due times, ready to record. */
async function preparePage<P extends DueWeek>(
  send: WeeklySend<P>,
  page: P[],
  now: Date,
): Promise<WeekRecord[]> {
  const weeks = page.map((person) => ({
    person,
    week: send.weekOf?.(person) ?? weekOfDue(person.dueAt, person.zone ?? 'UTC'),
    decision: decideDue(person.dueAt, now, send.catchUpMs),
  }));
  const toSend = weeks.filter((w) => w.decision === 'send');
  const [handled, composed] = await Promise.all([
    send.nextDue
      ? send.source.handledWeeksOf(weeks.map(({ person, week }) => ({ ...personOf(person), fromWeek: week })))
      : undefined,
    toSend.length > 0 ? send.compose(toSend, now) : [],
  ]);
  const messages = new Map(toSend.map((w, i) => [w, composed[i] ?? null]));
  return weeks.map((w): WeekRecord => {
    const record: WeekRecord = {
      ...personOf(w.person),
      week: w.week,
      dueAt: w.person.dueAt,
      outcome: w.decision === 'send' ? 'queued' : 'skipped_late',
      message: messages.get(w) ?? null,
    };
    if (!send.nextDue) return record;
    const weeksHandled = new Set(handled?.get(personKey(w.person)));
    weeksHandled.add(w.week);
    const from = new Date(Math.max(now.getTime(), w.person.dueAt.getTime()));
    return { ...record, nextDueAt: send.nextDue(w.person, (week) => weeksHandled.has(week), from) };
  });
}

async function recordPage<P extends DueWeek>(
  send: WeeklySend<P>,
  records: WeekRecord[],
  summary: WeeklySendSummary,
) {
  const recorded = await send.source.recordWeeks(records);
  for (const record of records) {
    if (!recorded.has(weekKey(record))) summary.alreadyHandled += 1;
    else if (record.outcome === 'skipped_late') summary.skippedLate += 1;
    else if (record.message) summary.queued += 1;
    else summary.notNeeded += 1;
  }
}

function personOf(p: Person): Person {
  return { workspaceId: p.workspaceId, userId: p.userId };
}

/**
 * The earliest unhandled due time of a weekly schedule from `from`: the one rule behind a new
 * schedule, changed settings and a new zone, for every weekly send.
 */
export async function computeNextDue(
  ledger: Pick<WeeklyLedger, 'handledWeeks'>,
  person: Person,
  schedule: Omit<WeeklyScheduleInput, 'isWeekHandled'>,
  from: Date,
): Promise<Date | null> {
  const { zone } = schedule;
  if (schedule.optedOut || !zone || !isValidZone(zone)) return null;
  const handled = await ledger.handledWeeks(
    person.workspaceId,
    person.userId,
    weekLabel(isoWeekOf(from, zone)),
  );
  return nextWeeklyDue({ ...schedule, isWeekHandled: (w) => handled.has(w) }, from);
}
