import type { RoundResult } from '../pulse/pulse.ts';
import type { WeeklyLedger } from '../schedule/weekly-send.ts';
import type { Language } from '../users/language.ts';
import type { HabitId } from './catalogue.ts';
import type { Reflection, ReflectionAnswer, ReflectionCounts } from './reflection.ts';

/** The team whose rotation a person follows: when and in which zone it was set up. */
export interface FocusTeam {
  teamId: string;
  createdAt: Date;
  timeZone: string;
}

export interface HabitRepository {
  /** The person's oldest team (their focus follows its rotation), if they are in one. */
  focusTeamOf(workspaceId: string, userId: string): Promise<FocusTeam | undefined>;
  /**
   * The team's closed rounds (newest first, up to `FOCUS_HISTORY_ROUNDS`), which its focus follows
   * once enough of them have results.
   */
  focusRounds(teamId: string): Promise<RoundResult[]>;
  findReflection(workspaceId: string, userId: string, week: string): Promise<Reflection | undefined>;
  /** Creates or replaces the person's answer for `week`. */
  saveReflection(input: {
    workspaceId: string;
    userId: string;
    week: string;
    habit: HabitId;
    answer: ReflectionAnswer;
    at: Date;
  }): Promise<void>;
  /** The person's answers from `fromWeek` on (labels sort like weeks). */
  reflectionsSince(workspaceId: string, userId: string, fromWeek: string): Promise<Reflection[]>;
  /** Answers given in `week` by the team's current members. */
  teamReflectionCounts(teamId: string, week: string): Promise<ReflectionCounts>;
}

export interface NudgePerson {
  workspaceId: string;
  userId: string;
  /** The person's Slack zone now. */
  zone: string;
  language: Language;
}

export interface DueNudge extends NudgePerson {
  dueAt: Date;
}

export interface NudgeSettings {
  /** The person's own switch. */
  enabled: boolean;
  /** False while their team has nudges off (read only here; team defaults set it). */
  teamEnabled?: boolean;
  /** The zone `nextDueAt` was computed in. */
  zone: string | null;
  nextDueAt: Date | null;
}

/** Nudge schedules, and the weeks handled (the `habit_nudges` ledger of the weekly send). */
export interface HabitNudgeRepository extends WeeklyLedger {
  /** People with nudges on whose nudge is due at or before `now`, oldest first, after `after` when given. */
  findDue(now: Date, limit: number, after?: DueNudge): Promise<DueNudge[]>;
  findSettings(workspaceId: string, userId: string): Promise<NudgeSettings | undefined>;
  saveSettings(workspaceId: string, userId: string, settings: NudgeSettings): Promise<void>;
}
