import type { FocusReason } from './team-focus.ts';
import type { Clock } from '../clock.ts';
import { checkinWeek, decideDue, nextCheckinDue } from '../checkins/checkin-schedule.ts';
import { habitNudgeEnvelope } from '../outbox/message-kinds.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import { isoWeekOf, isValidZone, type WeeklyTarget, weekLabel } from '../schedule/local-time.ts';
import type { Language } from '../users/language.ts';
import type { Habit } from './catalogue.ts';
import { habitWeekFor, type HabitServiceDeps } from './habit.service.ts';
import type { DueNudge, HabitNudgeRepository } from './ports.ts';

/** Wednesday 14:00 in the person's zone. */
export const defaultNudgeTarget: WeeklyTarget = { weekday: 3, time: '14:00' };

export interface NudgeServiceDeps extends HabitServiceDeps {
  nudges: HabitNudgeRepository;
  catchUpMs: number;
  /** Renders the nudge in the person's language (the domain has no Block Kit). */
  render(input: { language: Language; habit: Habit; tip: string; reason: FocusReason }): {
    text: string;
    blocks: unknown[];
  };
}

export interface NudgeRunSummary {
  queued: number;
  skippedLate: number;
  alreadyHandled: number;
}

const BATCH = 200;

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

/**
 * Queues every nudge due at `now`. Schedules are made and moved when a profile is saved
 * (`syncNudgeWithProfile`), so an idle tick reads one index range and nothing else.
 */
export async function queueDueNudges(deps: NudgeServiceDeps, now: Date): Promise<NudgeRunSummary> {
  const summary: NudgeRunSummary = { queued: 0, skippedLate: 0, alreadyHandled: 0 };
  for (;;) {
    const due = await deps.nudges.findDue(now, BATCH);
    for (const person of due) await handleDue(deps, person, now, summary);
    if (due.length < BATCH) return summary;
  }
}

/**
 * Keeps a person's nudge schedule in step with what Slack says about them: a new person gets one
 * (on), a new zone moves it, bots and deactivated accounts get none due.
 */
export async function syncNudgeWithProfile(
  deps: Pick<NudgeServiceDeps, 'nudges'> & { clock: Clock },
  profile: { workspaceId: string; userId: string; tz: string | null; isBot: boolean; isDeleted: boolean },
): Promise<void> {
  const existing = await deps.nudges.findSettings(profile.workspaceId, profile.userId);
  const reachable = !profile.isBot && !profile.isDeleted;
  if (!existing && !reachable) return;
  const enabled = existing?.enabled ?? true;
  const active = reachable && enabled && (existing?.teamEnabled ?? true);
  if (existing && existing.zone === profile.tz && (existing.nextDueAt !== null) === active) return;
  const nextDueAt = active
    ? await computeNextDue(deps, { ...profile, zone: profile.tz }, true, deps.clock.now())
    : null;
  await deps.nudges.saveSettings(profile.workspaceId, profile.userId, {
    enabled,
    zone: profile.tz,
    nextDueAt,
  });
}

/** The next nudge for a person, or null while their own or their team's switch is off. */
export async function computeNextDue(
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
  const content = deps.render({
    language: person.language,
    habit: habitWeek.focus,
    tip: habitWeek.nudgeTip,
    reason: habitWeek.reason,
  });
  return {
    ...habitNudgeEnvelope(person.workspaceId, person.userId, week),
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
  const teamEnabled =
    (await deps.nudges.findSettings(person.workspaceId, person.userId))?.teamEnabled ?? true;
  const nextDueAt = await computeNextDue(deps, person, enabled && teamEnabled, deps.clock.now());
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
