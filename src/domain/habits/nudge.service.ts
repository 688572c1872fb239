import type { Clock } from '../clock.ts';
import { checkinWeek, decideDue, nextCheckinDue } from '../checkins/checkin-schedule.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import { isoWeekOf, isValidZone, type WeeklyTarget, weekLabel } from '../schedule/local-time.ts';
import type { Language } from '../users/language.ts';
import type { Habit } from './catalogue.ts';
import { habitWeekFor, type HabitServiceDeps } from './habit.service.ts';
import type { DueNudge, HabitNudgeRepository, NudgePerson } from './ports.ts';

/** Wednesday 14:00 in the person's zone. */
export const defaultNudgeTarget: WeeklyTarget = { weekday: 3, time: '14:00' };

export interface NudgeServiceDeps extends HabitServiceDeps {
  nudges: HabitNudgeRepository;
  catchUpMs: number;
  /** Renders the nudge in the person's language (the domain has no Block Kit). */
  render(input: { language: Language; habit: Habit; tip: string }): { text: string; blocks: unknown[] };
}

export interface NudgeRunSummary {
  scheduled: number;
  queued: number;
  skippedLate: number;
  alreadyHandled: number;
}

const BATCH = 200;

export function nudgeIdempotencyKey(workspaceId: string, userId: string, week: string): string {
  return `habit-nudge:${workspaceId}:${userId}:${week}`;
}

/** The next nudge at or after `from` in a week not yet handled, with the check-in's DST rules. */
export function nextNudgeDue(
  input: { zone: string | null; enabled: boolean; isWeekHandled(week: string): boolean },
  from: Date,
): Date | null {
  return nextCheckinDue(
    {
      target: defaultNudgeTarget,
      zone: input.zone,
      optedOut: !input.enabled,
      pausedUntil: null,
      isWeekHandled: input.isWeekHandled,
    },
    from,
  );
}

/** Schedules new people and those whose zone changed, then queues every nudge due at `now`. */
export async function queueDueNudges(deps: NudgeServiceDeps, now: Date): Promise<NudgeRunSummary> {
  const summary: NudgeRunSummary = { scheduled: 0, queued: 0, skippedLate: 0, alreadyHandled: 0 };
  for (;;) {
    const people = await deps.nudges.findUnscheduled(BATCH);
    for (const person of people) {
      await schedule(deps, person, now);
      summary.scheduled += 1;
    }
    if (people.length < BATCH) break;
  }
  for (;;) {
    const due = await deps.nudges.findDue(now, BATCH);
    for (const person of due) await handleDue(deps, person, now, summary);
    if (due.length < BATCH) return summary;
  }
}

async function schedule(deps: NudgeServiceDeps, person: NudgePerson, now: Date): Promise<void> {
  const current = await deps.nudges.findSettings(person.workspaceId, person.userId);
  const enabled = current?.enabled ?? true;
  const nextDueAt = await computeNextDue(deps, person, enabled, now);
  await deps.nudges.saveSettings(person.workspaceId, person.userId, {
    enabled,
    zone: person.zone,
    nextDueAt,
  });
}

async function computeNextDue(
  deps: Pick<NudgeServiceDeps, 'nudges'>,
  person: { workspaceId: string; userId: string; zone: string | null },
  enabled: boolean,
  from: Date,
): Promise<Date | null> {
  const zone = person.zone && isValidZone(person.zone) ? person.zone : null;
  if (!zone || !enabled) return null;
  const handled = await deps.nudges.handledWeeks(
    person.workspaceId,
    person.userId,
    weekLabel(isoWeekOf(from, zone)),
  );
  return nextNudgeDue({ zone, enabled, isWeekHandled: (w) => handled.has(w) }, from);
}

async function handleDue(deps: NudgeServiceDeps, person: DueNudge, now: Date, summary: NudgeRunSummary) {
  const week = checkinWeek(person.dueAt, person.zone);
  const decision = decideDue(person.dueAt, now, deps.catchUpMs);
  const handled = await deps.nudges.handledWeeks(person.workspaceId, person.userId, week);
  handled.add(week);
  const from = new Date(Math.max(now.getTime(), person.dueAt.getTime()));
  const nextDueAt = nextNudgeDue(
    { zone: person.zone, enabled: true, isWeekHandled: (w) => handled.has(w) },
    from,
  );
  const message = decision === 'send' ? await composeNudge(deps, person, week) : null;
  const recorded = await deps.nudges.recordHandled({
    workspaceId: person.workspaceId,
    userId: person.userId,
    week,
    outcome: decision === 'send' ? 'queued' : 'skipped_late',
    message,
    nextDueAt,
  });
  if (!recorded) summary.alreadyHandled += 1;
  else if (decision === 'send') summary.queued += 1;
  else summary.skippedLate += 1;
}

async function composeNudge(
  deps: NudgeServiceDeps,
  person: DueNudge,
  week: string,
): Promise<OutgoingMessage> {
  const habitWeek = await habitWeekFor(deps, person, week, person.language);
  const content = deps.render({ language: person.language, habit: habitWeek.focus, tip: habitWeek.nudgeTip });
  return {
    workspaceId: person.workspaceId,
    idempotencyKey: nudgeIdempotencyKey(person.workspaceId, person.userId, week),
    kind: 'habit_nudge',
    channel: person.userId,
    text: content.text,
    blocks: content.blocks,
    onAmbiguous: 'give_up',
  };
}

/** Turns the person's nudges on or off; on again means from the next Wednesday not yet handled. */
export async function setNudges(
  deps: Pick<NudgeServiceDeps, 'nudges'> & { clock: Clock },
  person: { workspaceId: string; userId: string; zone: string | null },
  enabled: boolean,
): Promise<void> {
  const nextDueAt = await computeNextDue(deps, person, enabled, deps.clock.now());
  await deps.nudges.saveSettings(person.workspaceId, person.userId, {
    enabled,
    zone: person.zone,
    nextDueAt,
  });
}

export async function nudgesEnabled(
  deps: Pick<NudgeServiceDeps, 'nudges'>,
  person: { workspaceId: string; userId: string },
): Promise<boolean> {
  return (await deps.nudges.findSettings(person.workspaceId, person.userId))?.enabled ?? true;
}
