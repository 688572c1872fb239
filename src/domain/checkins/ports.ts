import type { Language } from '../users/language.ts';
import type { WeeklyTarget } from '../schedule/local-time.ts';
import type { HabitPageReads } from '../habits/habit-week-page.ts';
import type { TrustPromise } from '../promises/promise.ts';
import type { Person, WeeklyLedger } from '../schedule/weekly-send.ts';
import type { Team } from '../teams/team.ts';

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

/** Where the previous page of due people ended: keyset pagination on (due, workspace, person). */
export interface DueCursor {
  dueAt: Date;
  workspaceId: string;
  userId: string;
}

/** Check-in schedules, and the weeks handled (the `checkins` ledger of the weekly send). */
export interface CheckinRepository extends WeeklyLedger {
  /** People whose next check-in is due at or before `now`, oldest first, after `after` when given. */
  findDue(now: Date, limit: number, after?: DueCursor): Promise<DueCheckin[]>;
  findSchedule(workspaceId: string, userId: string): Promise<CheckinScheduleState | undefined>;
  /** Creates or replaces a person's schedule. */
  saveSchedule(workspaceId: string, userId: string, schedule: CheckinScheduleState): Promise<void>;
  /** Records that the person chose to skip a week (whether or not its check-in went out). */
  markSkippedByUser(workspaceId: string, userId: string, week: string): Promise<void>;
  /** Moves a schedule without handling a week (settings or zone changed). */
  reschedule(workspaceId: string, userId: string, nextDueAt: Date | null): Promise<void>;
}

export interface CheckinCompositionInput {
  workspaceId: string;
  userId: string;
  week: string;
  language: Language;
  /** The person's zone (the one the check-in was scheduled in). */
  zone: string;
  now: Date;
}

/**
 * Builds people's check-ins for a week, a page at a time: each section reads its data for the whole
 * page at once. Other features add sections through it.
 */
export interface CheckinComposer {
  composePage(
    page: ReadonlyArray<CheckinCompositionInput>,
  ): Promise<Array<{ text: string; blocks: unknown[] }>>;
}

/**
 * What the check-in's sections read, for a whole page of people at once (one query each), keyed by
 * `personKey`. People without data are absent from the maps.
 */
export interface CheckinPageReads extends HabitPageReads {
  /** Open and renegotiated promises each person made or received, by due time. */
  activePromisesOf(people: ReadonlyArray<Person>): Promise<Map<string, TrustPromise[]>>;
  /** Each person's teams (by channel) with their member counts. */
  teamsOf(people: ReadonlyArray<Person>): Promise<Map<string, Array<{ team: Team; memberCount: number }>>>;
}
