import type { Clock } from '../clock.ts';
import { checkinEnvelope } from '../outbox/message-kinds.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import { isoWeekOf, isValidZone, weekLabel } from '../schedule/local-time.ts';
import { checkinWeek, decideDue, defaultCheckinTarget, nextCheckinDue } from './checkin-schedule.ts';
import type {
  CheckinComposer,
  CheckinRepository,
  CheckinScheduleState,
  DueCheckin,
  DueCursor,
} from './ports.ts';

export interface CheckinServiceDeps {
  checkins: CheckinRepository;
  composer: CheckinComposer;
  catchUpMs: number;
}

export interface DueRunSummary {
  queued: number;
  skippedLate: number;
  alreadyHandled: number;
}

/**
 * Due people read, composed and recorded per page; a fan-out never holds more than one page. A
 * page's transaction is short enough (200 rows) that requests on a one-connection embedded
 * database are not held up behind it.
 */
const PAGE = 200;
/**
 * Check-ins composed at once within a page (each composition is a few reads); the rest of the
 * connection pool stays free for requests.
 */
const COMPOSE_CONCURRENCY = 4;

/**
 * Queues every check-in due at `now`; skips those older than the catch-up window. Due people are
 * streamed in pages by keyset (due time, workspace, person), and each page is recorded in one
 * transaction of multi-row statements.
 */
export async function queueDueCheckins(deps: CheckinServiceDeps, now: Date): Promise<DueRunSummary> {
  const summary: DueRunSummary = { queued: 0, skippedLate: 0, alreadyHandled: 0 };
  let after: DueCursor | undefined;
  for (;;) {
    const due = await deps.checkins.findDue(now, PAGE, after);
    if (due.length > 0) await handlePage(deps, due, now, summary);
    const last = due.at(-1);
    if (due.length < PAGE || !last) return summary;
    after = { dueAt: last.dueAt, workspaceId: last.workspaceId, userId: last.userId };
  }
}

async function handlePage(deps: CheckinServiceDeps, due: DueCheckin[], now: Date, summary: DueRunSummary) {
  const people = due.map((person) => ({
    person,
    week: checkinWeek(person.dueAt, person.zone),
    decision: decideDue(person.dueAt, now, deps.catchUpMs),
  }));
  const handled = await deps.checkins.handledWeeksOf(
    people.map(({ person, week }) => ({
      workspaceId: person.workspaceId,
      userId: person.userId,
      fromWeek: week,
    })),
  );
  const messages = await mapLimited(people, COMPOSE_CONCURRENCY, ({ person, week, decision }) =>
    decision === 'send' ? composeMessage(deps, person, week, now) : Promise.resolve(null),
  );
  const recorded = await deps.checkins.recordHandledMany(
    people.map(({ person, week, decision }, i) => ({
      workspaceId: person.workspaceId,
      userId: person.userId,
      week,
      dueAt: person.dueAt,
      outcome: decision === 'send' ? 'queued' : 'skipped_late',
      message: messages[i] ?? null,
      nextDueAt: nextDueAfter(person, week, handled.get(`${person.workspaceId}:${person.userId}`), now),
    })),
  );
  for (const { person, decision } of people) {
    if (!recorded.has(`${person.workspaceId}:${person.userId}`)) summary.alreadyHandled += 1;
    else if (decision === 'send') summary.queued += 1;
    else summary.skippedLate += 1;
  }
}

/** `work` over `items` with at most `limit` running at once; results in the items' order. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function composeMessage(
  deps: CheckinServiceDeps,
  person: DueCheckin,
  week: string,
  now: Date,
): Promise<OutgoingMessage> {
  const content = await deps.composer.compose({
    workspaceId: person.workspaceId,
    userId: person.userId,
    week,
    language: person.language,
    now,
  });
  return {
    ...checkinEnvelope(person.workspaceId, person.userId, week),
    text: content.text,
    blocks: content.blocks,
    onAmbiguous: 'give_up',
  };
}

/** The next due instant once `week` is handled; never earlier than the one just handled. */
function nextDueAfter(
  person: DueCheckin,
  week: string,
  handledWeeks: Set<string> | undefined,
  now: Date,
): Date | null {
  const handled = new Set(handledWeeks);
  handled.add(week);
  const from = new Date(Math.max(now.getTime(), person.dueAt.getTime()));
  return nextCheckinDue(
    {
      target: person.target,
      zone: person.zone,
      optedOut: person.optedOut,
      pausedUntil: person.pausedUntil,
      isWeekHandled: (w) => handled.has(w),
    },
    from,
  );
}

export interface ScheduleDeps {
  checkins: CheckinRepository;
  clock: Clock;
}

/** The earliest unhandled check-in for a schedule, from now. */
export async function computeNextDue(
  deps: ScheduleDeps,
  workspaceId: string,
  userId: string,
  zone: string | null,
  schedule: Omit<CheckinScheduleState, 'nextDueAt'>,
): Promise<Date | null> {
  const now = deps.clock.now();
  const fromWeek = zone && isValidZone(zone) ? weekLabel(isoWeekOf(now, zone)) : '0000-W00';
  const handled = await deps.checkins.handledWeeks(workspaceId, userId, fromWeek);
  return nextCheckinDue({ ...schedule, zone, isWeekHandled: (w) => handled.has(w) }, now);
}

/**
 * Keeps a person's schedule in step with what Slack says about them: a new person gets the default
 * schedule, a new time zone moves the next check-in (never a second one in a handled week), and
 * bots and deactivated accounts get none.
 */
export async function syncScheduleWithProfile(
  deps: ScheduleDeps,
  profile: { workspaceId: string; userId: string; tz: string | null; isBot: boolean; isDeleted: boolean },
  previousTz: string | null | undefined,
): Promise<void> {
  const existing = await deps.checkins.findSchedule(profile.workspaceId, profile.userId);
  const reachable = !profile.isBot && !profile.isDeleted;
  if (!existing) {
    if (!reachable) return;
    const schedule = { target: defaultCheckinTarget, optedOut: false, pausedUntil: null };
    const nextDueAt = await computeNextDue(deps, profile.workspaceId, profile.userId, profile.tz, schedule);
    await deps.checkins.saveSchedule(profile.workspaceId, profile.userId, { ...schedule, nextDueAt });
    return;
  }
  if (!reachable) {
    if (existing.nextDueAt) await deps.checkins.reschedule(profile.workspaceId, profile.userId, null);
    return;
  }
  if (previousTz !== profile.tz || existing.nextDueAt === null) {
    const nextDueAt = await computeNextDue(deps, profile.workspaceId, profile.userId, profile.tz, existing);
    await deps.checkins.reschedule(profile.workspaceId, profile.userId, nextDueAt);
  }
}

/** Applies new personal schedule settings; they take effect from the next due time. */
export async function updateSchedule(
  deps: ScheduleDeps,
  person: { workspaceId: string; userId: string; zone: string | null },
  schedule: Omit<CheckinScheduleState, 'nextDueAt'>,
): Promise<Date | null> {
  const nextDueAt = await computeNextDue(deps, person.workspaceId, person.userId, person.zone, schedule);
  await deps.checkins.saveSchedule(person.workspaceId, person.userId, { ...schedule, nextDueAt });
  return nextDueAt;
}

export type SendNowResult = { ok: true; week: string } | { ok: false; reason: 'no_zone' | 'already_handled' };

/**
 * `/trust checkin`: this week's check-in now, and then not again this week. The same idempotency
 * key as the scheduled one makes a race between the two send one message.
 */
export async function sendCheckinNow(
  deps: CheckinServiceDeps & { clock: Clock },
  person: { workspaceId: string; userId: string; zone: string | null; language: DueCheckin['language'] },
): Promise<SendNowResult> {
  const now = deps.clock.now();
  if (!person.zone || !isValidZone(person.zone)) return { ok: false, reason: 'no_zone' };
  const week = weekLabel(isoWeekOf(now, person.zone));
  const schedule = (await deps.checkins.findSchedule(person.workspaceId, person.userId)) ?? {
    target: defaultCheckinTarget,
    optedOut: false,
    pausedUntil: null,
    nextDueAt: null,
  };
  const handled = await deps.checkins.handledWeeks(person.workspaceId, person.userId, week);
  if (handled.has(week)) return { ok: false, reason: 'already_handled' };
  handled.add(week);
  const nextDueAt = nextCheckinDue(
    { ...schedule, zone: person.zone, isWeekHandled: (w) => handled.has(w) },
    now,
  );
  if (!(await deps.checkins.findSchedule(person.workspaceId, person.userId))) {
    await deps.checkins.saveSchedule(person.workspaceId, person.userId, { ...schedule, nextDueAt });
  }
  const due: DueCheckin = { ...schedule, ...person, zone: person.zone, dueAt: now };
  const recorded = await deps.checkins.recordHandled({
    workspaceId: person.workspaceId,
    userId: person.userId,
    week,
    dueAt: now,
    outcome: 'sent_now',
    message: await composeMessage(deps, due, week, now),
    nextDueAt,
  });
  return recorded ? { ok: true, week } : { ok: false, reason: 'already_handled' };
}

/** "Skip this week" from a check-in: the week stays handled, its follow-ups and nudges stop. */
export async function skipWeek(
  deps: Pick<CheckinServiceDeps, 'checkins'>,
  workspaceId: string,
  userId: string,
  week: string,
) {
  await deps.checkins.markSkippedByUser(workspaceId, userId, week);
}
