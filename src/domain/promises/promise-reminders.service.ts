import type { DueStep, PromiseNotifications, PromiseScheduleRepository } from './ports.ts';
import { dueStep, isTooLateToRemind, markMissed } from './promise.ts';

export interface ReminderServiceDeps {
  schedule: PromiseScheduleRepository;
  notifications: PromiseNotifications;
  /** After downtime, reminders this late are skipped (see isTooLateToRemind). */
  catchUpMs: number;
}

export interface ReminderRunSummary {
  reminded: number;
  skippedLate: number;
  missed: number;
  /** The owner acted between reading and saving; their action wins. */
  raced: number;
}

const BATCH = 200;

/**
 * Queues every owner reminder due at `now` and marks promises missed, moving each promise's next
 * step on in the same transaction. Each reminder's idempotency key names the promise, the kind and
 * the due date it is about, so a re-run never sends one twice and a new date starts afresh.
 */
export async function queueDueReminders(deps: ReminderServiceDeps, now: Date): Promise<ReminderRunSummary> {
  const summary: ReminderRunSummary = { reminded: 0, skippedLate: 0, missed: 0, raced: 0 };
  for (;;) {
    const due = await deps.schedule.findDueSteps(now, BATCH);
    let advanced = 0;
    for (const item of due) if (await handleDueStep(deps, item, now, summary)) advanced += 1;
    // A full batch with no progress would only find the same rows again: leave them to the next minute.
    if (due.length < BATCH || advanced === 0) return summary;
  }
}

async function handleDueStep(
  deps: ReminderServiceDeps,
  { promise, step: from }: DueStep,
  now: Date,
  summary: ReminderRunSummary,
): Promise<boolean> {
  const { step, next } = dueStep(promise, now);
  const missed = step?.kind === 'missed' ? markMissed(promise, now) : undefined;
  const remind =
    step && step.kind !== 'missed' && !isTooLateToRemind(step, now, deps.catchUpMs) ? step.kind : undefined;
  const messages = remind
    ? (await deps.notifications.prepare(remind, promise.workspaceId, promise.ownerId))(promise)
    : [];
  const saved = await deps.schedule.advance({
    promise,
    from,
    next: missed ? undefined : next,
    state: missed?.state ?? promise.state,
    messages,
  });
  if (!saved) summary.raced += 1;
  else if (missed) summary.missed += 1;
  else if (remind) summary.reminded += 1;
  else summary.skippedLate += 1;
  return saved;
}
