import type { Language } from '../users/language.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import type { WeeklyTarget } from '../schedule/local-time.ts';

export interface DueCheckin {
  workspaceId: string;
  userId: string;
  dueAt: Date;
  zone: string;
  language: Language;
  target: WeeklyTarget;
  optedOut: boolean;
  pausedUntil: string | null;
}

export interface CheckinScheduleState {
  target: WeeklyTarget;
  optedOut: boolean;
  pausedUntil: string | null;
  nextDueAt: Date | null;
  /** The person chose the day and time themselves, so team defaults leave it; unchanged if absent. */
  custom?: boolean;
}

export type HandledOutcome = 'queued' | 'sent_now' | 'skipped_late' | 'skipped_by_user';

/** Where the previous page of due people ended: keyset pagination on (due, workspace, person). */
export interface DueCursor {
  dueAt: Date;
  workspaceId: string;
  userId: string;
}

export interface HandledCheckin {
  workspaceId: string;
  userId: string;
  week: string;
  dueAt: Date;
  outcome: HandledOutcome;
  message: OutgoingMessage | null;
  nextDueAt: Date | null;
}

export interface CheckinRepository {
  /** People whose next check-in is due at or before `now`, oldest first, after `after` when given. */
  findDue(now: Date, limit: number, after?: DueCursor): Promise<DueCheckin[]>;
  /** Weeks already handled for a person, from `fromWeek` on. */
  handledWeeks(workspaceId: string, userId: string, fromWeek: string): Promise<Set<string>>;
  /** The same for many people at once, keyed by `workspaceId:userId`. */
  handledWeeksOf(
    people: ReadonlyArray<{ workspaceId: string; userId: string; fromWeek: string }>,
  ): Promise<Map<string, Set<string>>>;
  /**
   * In one transaction: records the week as handled (once — returns false if it already was),
   * queues the message when there is one, and moves the schedule to `nextDueAt`.
   */
  recordHandled(input: HandledCheckin): Promise<boolean>;
  /**
   * The same for a page of people in one transaction (multi-row statements); returns the
   * `workspaceId:userId` keys whose week was recorded now (not already handled).
   */
  recordHandledMany(inputs: ReadonlyArray<HandledCheckin>): Promise<Set<string>>;
  findSchedule(workspaceId: string, userId: string): Promise<CheckinScheduleState | undefined>;
  /** Creates or replaces a person's schedule. */
  saveSchedule(workspaceId: string, userId: string, schedule: CheckinScheduleState): Promise<void>;
  /** Records that the person chose to skip a week (whether or not its check-in went out). */
  markSkippedByUser(workspaceId: string, userId: string, week: string): Promise<void>;
  /** Moves a schedule without handling a week (settings or zone changed). */
  reschedule(workspaceId: string, userId: string, nextDueAt: Date | null): Promise<void>;
}

/** Builds a person's check-in for a week; other features add sections through it. */
export interface CheckinComposer {
  compose(input: {
    workspaceId: string;
    userId: string;
    week: string;
    language: Language;
    now: Date;
  }): Promise<{
    text: string;
    blocks: unknown[];
  }>;
}
