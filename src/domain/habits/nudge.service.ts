import type { FocusReason } from './team-focus.ts';
import type { Clock } from '../clock.ts';
import { habitNudgeEnvelope } from '../outbox/message-kinds.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import type { WeeklyTarget } from '../schedule/local-time.ts';
import {
  computeNextDue,
  runWeeklySend,
  type ScheduledSendSummary,
  scheduledSummary,
} from '../schedule/weekly-send.ts';
import { nextWeeklyDue } from '../schedule/weekly-schedule.ts';
import type { Language } from '../users/language.ts';
import type { Habit } from './catalogue.ts';
import type { HabitServiceDeps, HabitWeek } from './habit.service.ts';
import { type HabitPageReads, habitWeeksForPage } from './habit-week-page.ts';
import type { DueNudge, HabitNudgeRepository } from './ports.ts';

/** Wednesday 14:00 in the person's zone. */
export const defaultNudgeTarget: WeeklyTarget = { weekday: 3, time: '14:00' };

export interface NudgeServiceDeps extends HabitServiceDeps {
  nudges: HabitNudgeRepository;
  /** The page's habit data at once (see `habitWeeksForPage`). */
  pageReads: HabitPageReads;
  catchUpMs: number;
  /** Renders the nudge in the person's language (the domain has no Block Kit). */
  render(input: { language: Language; habit: Habit; tip: string; reason: FocusReason }): {
    text: string;
    blocks: unknown[];
  };
}

export type NudgeRunSummary = ScheduledSendSummary;

/** The next nudge at or after `from` in a week not yet handled, with the check-in's DST rules. */
export function nextNudgeDue(
  input: { zone: string | null; enabled: boolean; isWeekHandled(week: string): boolean },
  from: Date,
): Date | null {
  return nextWeeklyDue(nudgeSchedule(input.zone, input.enabled, input.isWeekHandled), from);
}

function nudgeSchedule(zone: string | null, enabled: boolean, isWeekHandled: (week: string) => boolean) {
  return { target: defaultNudgeTarget, zone, optedOut: !enabled, pausedUntil: null, isWeekHandled };
}

/**
 * Queues every nudge due at `now`. Schedules are made and moved when a profile is saved
 * (`syncNudgeWithProfile`), so an idle tick reads one index range and nothing else.
 */
export async function queueDueNudges(deps: NudgeServiceDeps, now: Date): Promise<NudgeRunSummary> {
  const summary = await runWeeklySend<DueNudge>(
    {
      source: deps.nudges,
      catchUpMs: deps.catchUpMs,
      compose: (page) => composeNudges(deps, page),
      nextDue: (person, isWeekHandled, from) =>
        nextNudgeDue({ zone: person.zone, enabled: true, isWeekHandled }, from),
    },
    now,
  );
  return scheduledSummary(summary);
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
    ? await nextNudgeFor(deps, { ...profile, zone: profile.tz }, true, deps.clock.now())
    : null;
  await deps.nudges.saveSettings(profile.workspaceId, profile.userId, {
    enabled,
    zone: profile.tz,
    nextDueAt,
  });
}

/** The next nudge for a person, or null while their own or their team's switch is off. */
export async function nextNudgeFor(
  deps: Pick<NudgeServiceDeps, 'nudges'>,
  person: { workspaceId: string; userId: string; zone: string | null },
  enabled: boolean,
  from: Date,
): Promise<Date | null> {
  const { isWeekHandled: _, ...schedule } = nudgeSchedule(person.zone, enabled, () => false);
  return computeNextDue(deps.nudges, person, schedule, from);
}

/** The page's nudges; the habit data is read for the whole page at once. */
async function composeNudges(
  deps: NudgeServiceDeps,
  page: ReadonlyArray<{ person: DueNudge; week: string }>,
): Promise<Array<OutgoingMessage | null>> {
  const weeks = await habitWeeksForPage(
    deps,
    page.map(({ person, week }) => ({ ...person, week })),
  );
  return page.map(({ person, week }, i) => {
    const habitWeek = weeks[i];
    return habitWeek ? nudgeMessage(deps, person, week, habitWeek) : null;
  });
}

/** The nudge's message; its key is the only place a nudge's identity is spelled. */
function nudgeMessage(
  deps: NudgeServiceDeps,
  person: DueNudge,
  week: string,
  habitWeek: HabitWeek,
): OutgoingMessage {
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
  const nextDueAt = await nextNudgeFor(deps, person, enabled && teamEnabled, deps.clock.now());
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
