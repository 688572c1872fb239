import type { Clock } from '../clock.ts';
import { checkinEnvelope } from '../outbox/message-kinds.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import { isoWeekOf, isValidZone, weekLabel } from '../schedule/local-time.ts';
import {
  computeNextDue,
  runWeeklySend,
  type ScheduledSendSummary,
  scheduledSummary,
  weekKey,
} from '../schedule/weekly-send.ts';
import { nextWeeklyDue } from '../schedule/weekly-schedule.ts';
import { defaultCheckinTarget } from './checkin-schedule.ts';
import type { CheckinComposer, CheckinRepository, CheckinScheduleState, DueCheckin } from './ports.ts';

export interface CheckinServiceDeps {
  checkins: CheckinRepository;
  composer: CheckinComposer;
  catchUpMs: number;
}

export type DueRunSummary = ScheduledSendSummary;

/** The check-in's message; its key is the only place a check-in's identity is spelled. */
function checkinMessage(
  person: { workspaceId: string; userId: string },
  week: string,
  content: { text: string; blocks: unknown[] },
): OutgoingMessage {
  return {
    ...checkinEnvelope(person.workspaceId, person.userId, week),
    text: content.text,
    blocks: content.blocks,
    onAmbiguous: 'give_up',
  };
}

/**
 * Queues every check-in due at `now`; skips those older than the catch-up window. Due people are
 * streamed in pages by keyset (due time, workspace, person); each page is composed section by
 * section and recorded in one transaction.
 */
export async function queueDueCheckins(deps: CheckinServiceDeps, now: Date): Promise<DueRunSummary> {
  const summary = await runWeeklySend<DueCheckin>(
    {
      source: deps.checkins,
      catchUpMs: deps.catchUpMs,
      compose: (page, at) => composeCheckins(deps, page, at),
      nextDue: (person, isWeekHandled, from) => nextWeeklyDue({ ...person, isWeekHandled }, from),
    },
    now,
  );
  return scheduledSummary(summary);
}

async function composeCheckins(
  deps: Pick<CheckinServiceDeps, 'composer'>,
  page: ReadonlyArray<{ person: DueCheckin; week: string }>,
  now: Date,
): Promise<OutgoingMessage[]> {
  const contents = await deps.composer.composePage(
    page.map(({ person, week }) => ({
      workspaceId: person.workspaceId,
      userId: person.userId,
      week,
      language: person.language,
      zone: person.zone,
      now,
    })),
  );
  return page.map(({ person, week }, i) =>
    checkinMessage(person, week, contents[i] ?? { text: '', blocks: [] }),
  );
}

export interface ScheduleDeps {
  checkins: CheckinRepository;
  clock: Clock;
}

/** The earliest unhandled check-in for a schedule, from now. */
export async function nextCheckinFor(
  deps: ScheduleDeps,
  workspaceId: string,
  userId: string,
  zone: string | null,
  schedule: Omit<CheckinScheduleState, 'nextDueAt'>,
): Promise<Date | null> {
  const { target, optedOut, pausedUntil } = schedule;
  return computeNextDue(
    deps.checkins,
    { workspaceId, userId },
    { target, optedOut, pausedUntil, zone },
    deps.clock.now(),
  );
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
    const nextDueAt = await nextCheckinFor(deps, profile.workspaceId, profile.userId, profile.tz, schedule);
    await deps.checkins.saveSchedule(profile.workspaceId, profile.userId, { ...schedule, nextDueAt });
    return;
  }
  if (!reachable) {
    if (existing.nextDueAt) await deps.checkins.reschedule(profile.workspaceId, profile.userId, null);
    return;
  }
  if (previousTz !== profile.tz || existing.nextDueAt === null) {
    const nextDueAt = await nextCheckinFor(deps, profile.workspaceId, profile.userId, profile.tz, existing);
    await deps.checkins.reschedule(profile.workspaceId, profile.userId, nextDueAt);
  }
}

/** Applies new personal schedule settings; they take effect from the next due time. */
export async function updateSchedule(
  deps: ScheduleDeps,
  person: { workspaceId: string; userId: string; zone: string | null },
  schedule: Omit<CheckinScheduleState, 'nextDueAt'>,
): Promise<Date | null> {
  const nextDueAt = await nextCheckinFor(deps, person.workspaceId, person.userId, person.zone, schedule);
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
  const nextDueAt = nextWeeklyDue(
    { ...schedule, zone: person.zone, isWeekHandled: (w) => handled.has(w) },
    now,
  );
  if (!(await deps.checkins.findSchedule(person.workspaceId, person.userId))) {
    await deps.checkins.saveSchedule(person.workspaceId, person.userId, { ...schedule, nextDueAt });
  }
  const due: DueCheckin = { ...schedule, ...person, zone: person.zone, dueAt: now };
  const [message] = await composeCheckins(deps, [{ person: due, week }], now);
  const record = { workspaceId: person.workspaceId, userId: person.userId, week, dueAt: now };
  const recorded = await deps.checkins.recordWeeks([
    { ...record, outcome: 'sent_now', message: message ?? null, nextDueAt },
  ]);
  const ok = recorded.has(weekKey(record));
  return ok ? { ok: true, week } : { ok: false, reason: 'already_handled' };
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
