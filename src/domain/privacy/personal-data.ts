import type { TrustPromise } from '../promises/promise.ts';
import { streakOf } from '../habits/reflection.ts';
import type { HabitId } from '../habits/catalogue.ts';
import type { ReflectionAnswer } from '../habits/reflection.ts';

/** Everything stored about one person in one workspace, as the repository reads it. */
export interface PersonalData {
  profile:
    | {
        tz: string | null;
        slackTz: string | null;
        tzOverride: string | null;
        slackLocale: string | null;
        language: string | null;
        languageChoice: string | null;
        isAdmin: boolean;
        isOwner: boolean;
        profileFetchedAt: Date | null;
        createdAt: Date;
      }
    | undefined;
  checkinSchedule:
    | {
        weekday: number;
        localTime: string;
        pausedUntil: string | null;
        optedOut: boolean;
        custom: boolean;
        nextDueAt: Date | null;
      }
    | undefined;
  nudgeSchedule: { habitNudges: boolean; teamNudges: boolean; nextDueAt: Date | null } | undefined;
  checkins: Array<{ week: string; outcome: string; dueAt: Date | null; createdAt: Date }>;
  nudges: Array<{ week: string; outcome: string }>;
  reflections: Array<{ week: string; habit: HabitId; answer: ReflectionAnswer; answeredAt: Date }>;
  promisesMade: TrustPromise[];
  promisesReceived: TrustPromise[];
  teams: Array<{ teamId: string; channelId: string; member: boolean; manager: boolean; setUpByMe: boolean }>;
  /** Messages waiting in the outbox to be sent to this person. */
  queuedMessages: number;
}

export interface ExportSummary {
  promisesMade: number;
  promisesReceived: number;
  reflections: number;
  currentStreak: number;
  checkins: number;
  teams: number;
  managedTeams: number;
}

export interface PersonalExport {
  document: Record<string, unknown>;
  summary: ExportSummary;
}

/**
 * The export file's content. A promise's counterpart appears as a bare Slack id only: nothing
 * else about another person is ever read into it.
 */
export function buildPersonalExport(
  data: PersonalData,
  person: { workspaceId: string; userId: string },
  context: { exportedAt: Date; currentWeek: string; pulseStatement: string },
): PersonalExport {
  const currentStreak = streakOf(data.reflections, context.currentWeek);
  const document = {
    format: 'trust-habits-personal-data',
    version: 1,
    exportedAt: iso(context.exportedAt),
    workspaceId: person.workspaceId,
    userId: person.userId,
    profile: data.profile
      ? {
          language: data.profile.language,
          languageChoice: data.profile.languageChoice,
          slackLocale: data.profile.slackLocale,
          timeZone: data.profile.tz,
          slackTimeZone: data.profile.slackTz,
          timeZoneOverride: data.profile.tzOverride,
          workspaceAdmin: data.profile.isAdmin,
          workspaceOwner: data.profile.isOwner,
          profileReadFromSlackAt: isoOrNull(data.profile.profileFetchedAt),
          firstSeenAt: iso(data.profile.createdAt),
        }
      : null,
    checkinSchedule: data.checkinSchedule
      ? {
          weekday: data.checkinSchedule.weekday,
          localTime: data.checkinSchedule.localTime,
          chosenByYou: data.checkinSchedule.custom,
          pausedUntil: data.checkinSchedule.pausedUntil,
          optedOut: data.checkinSchedule.optedOut,
          nextCheckinAt: isoOrNull(data.checkinSchedule.nextDueAt),
        }
      : null,
    habitNudges: data.nudgeSchedule
      ? {
          enabled: data.nudgeSchedule.habitNudges,
          enabledByTeam: data.nudgeSchedule.teamNudges,
          nextNudgeAt: isoOrNull(data.nudgeSchedule.nextDueAt),
        }
      : null,
    promisesMade: data.promisesMade.map((p) => ({ ...promiseFields(p), recipientId: p.recipientId })),
    promisesReceived: data.promisesReceived.map((p) => ({ ...promiseFields(p), ownerId: p.ownerId })),
    reflections: data.reflections.map((r) => ({
      week: r.week,
      habit: r.habit,
      answer: r.answer,
      answeredAt: iso(r.answeredAt),
    })),
    streaks: { habitReflection: { currentWeeks: currentStreak, asOfWeek: context.currentWeek } },
    teams: {
      memberOf: data.teams.filter((t) => t.member).map((t) => ({ teamId: t.teamId, channelId: t.channelId })),
      manages: data.teams
        .filter((t) => t.manager || t.setUpByMe)
        .map((t) => ({ teamId: t.teamId, channelId: t.channelId, setUpByYou: t.setUpByMe })),
    },
    checkinHistory: data.checkins.map((c) => ({
      week: c.week,
      outcome: c.outcome,
      dueAt: isoOrNull(c.dueAt),
      recordedAt: iso(c.createdAt),
    })),
    habitNudgeHistory: data.nudges.map((n) => ({ week: n.week, outcome: n.outcome })),
    queuedMessagesToYou: data.queuedMessages,
    pulseRatings: { linkedToYou: false, statement: context.pulseStatement },
  };
  return {
    document,
    summary: {
      promisesMade: data.promisesMade.length,
      promisesReceived: data.promisesReceived.length,
      reflections: data.reflections.length,
      currentStreak,
      checkins: data.checkins.length,
      teams: document.teams.memberOf.length,
      managedTeams: document.teams.manages.length,
    },
  };
}

/**
 * Data the person made or chose. A bare profile with default schedules is not: any interaction
 * re-creates it from Slack, so after forget-me it does not count as something left.
 */
export function holdsPersonalChoices(data: PersonalData): boolean {
  const schedule = data.checkinSchedule;
  return (
    data.promisesMade.length > 0 ||
    data.promisesReceived.length > 0 ||
    data.reflections.length > 0 ||
    data.checkins.length > 0 ||
    data.nudges.length > 0 ||
    data.teams.length > 0 ||
    data.queuedMessages > 0 ||
    (data.profile !== undefined &&
      (data.profile.languageChoice !== null || data.profile.tzOverride !== null)) ||
    (schedule !== undefined && (schedule.custom || schedule.optedOut || schedule.pausedUntil !== null)) ||
    (data.nudgeSchedule !== undefined && !data.nudgeSchedule.habitNudges)
  );
}

function promiseFields(p: TrustPromise) {
  return {
    id: p.id,
    text: p.text,
    state: p.state,
    dueAt: iso(p.dueAt),
    createdAt: iso(p.createdAt),
    keptAt: isoOrNull(p.keptAt),
    keptBy: p.keptBy,
    releasedAt: isoOrNull(p.releasedAt),
    releaseNote: p.releaseNote,
    dueChanges: p.dueChanges.map((c) => ({
      from: iso(c.from),
      to: iso(c.to),
      at: iso(c.at),
      note: c.note,
    })),
  };
}

function iso(date: Date): string {
  return date.toISOString();
}

function isoOrNull(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
