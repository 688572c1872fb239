import type { HomeView, ImageBlock, KnownBlock, SectionBlock } from '@slack/types';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { CheckinScheduleState } from '../../domain/checkins/ports.ts';
import type { Coaching } from '../../domain/digest/team-week-summary.ts';
import type { Language } from '../../domain/users/language.ts';
import type { HabitWeek } from '../../domain/habits/habit.service.ts';
import type { MyPromises } from '../../domain/promises/promise.service.ts';
import type { RoundResult } from '../../domain/pulse/pulse.ts';
import { isPaused } from '../../domain/schedule/weekly-schedule.ts';
import { sparkline, type TrendPoint } from '../../domain/pulse/trend.ts';
import type { Messages } from '../../i18n/en.ts';
import { type Audience, formatDateTime, formatZone } from '../../i18n/format-date.ts';
import { messages } from '../../i18n/index.ts';
import {
  homeActionIds,
  homeBlockIds,
  homeTeamBlockId,
  homeTeamChartBlockId,
  promiseActionIds,
  settingsActionIds,
} from '../ids.ts';
import { jsonValue } from '../parsers/json-value.parser.ts';
import { button, context, divider, header, plainText, section } from './block-kit.ts';
import { buildCoachingText } from './digest.blocks.ts';
import { buildHabitHomeSection } from './habit.blocks.ts';
import { buildHelpMessage } from './help.blocks.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { buildPromiseHomeSection } from './promise.blocks.ts';
import { buildPulseCheckinSection, type PulseRoundValue } from './pulse.blocks.ts';

/** Slack's limit for a Home view. */
export const MAX_HOME_BLOCKS = 100;
/** Managed teams listed on the Home; the rest are counted. */
export const HOME_TEAMS_SHOWN = 15;
/** Rating buttons shown (one per team with an open round); the pulse section caps itself at 10. */
export const HOME_RATINGS_SHOWN = 10;

/** A team the viewer manages, as its manager sees it: results only, never a person. */
export interface ManagedTeamSummary {
  teamId: string;
  channelId: string;
  members: number;
  minGroupSize: number;
  /** The newest closed round, if any. */
  latest: RoundResult | undefined;
  /** The last weeks up to the last closed week, oldest first; gaps stay gaps. */
  trend: TrendPoint[];
  /** The weakest part over the last rounds with results and this week's practice, if any round had results. */
  coaching: Coaching | undefined;
  /** The uploaded trend chart, shown instead of the sparkline; absent until there is one. */
  chart?: { fileId: string; altText: string; title: string };
}

/** Everything one person's App Home shows, gathered for them now. */
export interface HomeDashboard {
  promises: MyPromises;
  habit: HabitWeek;
  checkin: { schedule: CheckinScheduleState | undefined; zone: string | null };
  /** Teams whose round is open to the viewer and not yet rated by them. */
  rateable: Array<{ channelId: string; value: PulseRoundValue }>;
  /** How many teams the viewer is a member of. */
  memberOfTeams: number;
  /** Workspace admin or owner, or manager of some team: may set teams up. */
  canSetUpTeams: boolean;
  managed: { teams: ManagedTeamSummary[]; total: number };
}

/** The Team settings button's value: which team. */
export const homeTeamValue = jsonValue(z.strictObject({ t: z.uuid() }), 200);

/** Someone with nothing yet: no promises ever, no team. */
export function isNewcomer(d: HomeDashboard): boolean {
  return (
    d.promises.made.length === 0 &&
    d.promises.received.length === 0 &&
    d.promises.keepRate === null &&
    d.memberOfTeams === 0 &&
    d.managed.total === 0
  );
}

/**
 * The App Home: what to do now (make a promise, settings, rate), my promises, this week's habit,
 * my check-in, the teams I manage, then the command reference. Always within Slack's 100 blocks.
 */
export function buildHomeDashboard(a: Audience, d: HomeDashboard): HomeView {
  const m = messages(a.language);
  const h = m.home;
  const newcomer = isNewcomer(d);
  const parts: KnownBlock[][] = [];

  const top: KnownBlock[] = [header(h.title)];
  if (newcomer) {
    top.push(section(h.welcome), section(h.firstStep));
    if (d.canSetUpTeams) top.push(context(h.firstStepTeam));
  }
  top.push(buildHomeActions(m));
  const rate = buildPulseCheckinSection(
    m,
    d.rateable.slice(0, HOME_RATINGS_SHOWN).map((r) => ({ kind: 'rate' as const, ...r })),
  );
  parts.push([...top, ...rate]);
  if (!newcomer) parts.push(buildPromiseHomeSection(a, d.promises));
  parts.push(buildHabitHomeSection(m, a.language, d.habit));
  parts.push([buildCheckinLine(a, d.checkin)]);
  if (d.managed.total > 0) parts.push(buildManagerSection(m, a.language, d.managed));
  else if (d.canSetUpTeams && !newcomer) parts.push([context(h.firstStepTeam)]);

  const body = parts.flatMap((p): KnownBlock[] => [...p, divider()]);
  const help = buildHelpMessage(m).blocks;
  // The sections are capped so this always fits; the reference is what gives way if it ever did not.
  const blocks = body.length + help.length <= MAX_HOME_BLOCKS ? [...body, ...help] : body;
  return { type: 'home', blocks: blocks.slice(0, MAX_HOME_BLOCKS) };
}

function buildHomeActions(m: Messages): KnownBlock {
  return {
    type: 'actions',
    block_id: homeBlockIds.actions,
    elements: [
      button(m.home.makePromise, promiseActionIds.create, undefined, 'primary'),
      button(m.home.settings, settingsActionIds.open),
    ],
  };
}

/** My check-in day and time in my zone, or my pause, or that I stopped them. */
function buildCheckinLine(a: Audience, checkin: HomeDashboard['checkin']): KnownBlock {
  const m = messages(a.language);
  const h = m.home;
  const { schedule, zone } = checkin;
  const lines = [h.checkinHeading];
  if (!schedule || !zone) lines.push(h.checkinNone);
  else if (schedule.optedOut) lines.push(h.checkinOptedOut);
  else {
    const local = { ...a, timeZone: zone };
    const day = m.checkin.weekdays[schedule.target.weekday - 1] ?? '';
    lines.push(h.checkinSchedule(day, schedule.target.time, escapeMrkdwn(formatZone(zone))));
    if (schedule.pausedUntil && isPaused(schedule.pausedUntil, zone, a.now)) {
      const resume = DateTime.fromISO(schedule.pausedUntil, { zone }).toJSDate();
      lines.push(h.checkinPaused(formatDateTime(resume, local).replace(/,?\s*00:00$/, '')));
    }
    if (schedule.nextDueAt) lines.push(h.checkinNext(formatDateTime(schedule.nextDueAt, local)));
  }
  return section(lines.join('\n'));
}

function buildManagerSection(
  m: Messages,
  language: Language,
  managed: HomeDashboard['managed'],
): KnownBlock[] {
  const blocks: KnownBlock[] = [header(m.home.managerHeading)];
  const shown = managed.teams.slice(0, HOME_TEAMS_SHOWN);
  for (const team of shown) blocks.push(...buildManagedTeam(m, language, team));
  const hidden = managed.total - shown.length;
  if (hidden > 0) blocks.push(context(m.home.moreTeams(hidden)));
  return blocks;
}

const decimal = (value: number) => value.toFixed(1);

/**
 * One managed team: its latest closed result (or why there is none), participation, coaching and
 * trend — the chart image when there is one, else the text sparkline.
 */
function buildManagedTeam(m: Messages, language: Language, team: ManagedTeamSummary): KnownBlock[] {
  const h = m.home;
  const channel = channelRef(team.channelId);
  const lines: string[] = [];
  const latest = team.latest;
  if (!latest) {
    lines.push(h.teamNoRound(channel), h.teamNoRoundHint, h.teamMembers(team.members));
  } else {
    lines.push(h.teamLine(channel, latest.label));
    if (latest.scores) {
      const s = latest.scores;
      const change =
        latest.change === undefined ? '' : ` (${latest.change >= 0 ? '▲ +' : '▼ '}${decimal(latest.change)})`;
      lines.push(
        m.pulse.resultLine(decimal(s.index), change),
        m.pulse.parts(
          decimal(s.means.credibility),
          decimal(s.means.reliability),
          decimal(s.means.intimacy),
          decimal(s.means.selfOrientation),
        ),
      );
    } else lines.push(h.teamNotEnough(team.minGroupSize));
    lines.push(m.pulse.respondents(latest.respondents, latest.members));
  }
  if (!team.chart && team.trend.some((p) => p.index !== undefined))
    lines.push(h.teamTrend(team.trend.length, sparkline(team.trend.map((p) => p.index))));
  if (team.coaching) lines.push(buildCoachingText(m, language, team.coaching));
  const summary: SectionBlock = {
    ...section(lines.join('\n'), homeTeamBlockId(team.teamId)),
    accessory: button(h.teamSettings, homeActionIds.teamSettings, JSON.stringify({ t: team.teamId })),
  };
  if (!team.chart) return [summary];
  const image: ImageBlock = {
    type: 'image',
    block_id: homeTeamChartBlockId(team.teamId),
    slack_file: { id: team.chart.fileId },
    alt_text: team.chart.altText.slice(0, 2_000),
    title: plainText(team.chart.title),
  };
  return [summary, image];
}

/** A channel as a link; ids come from storage, so anything not shaped like one is shown as text. */
function channelRef(channelId: string): string {
  return /^[CG][A-Z0-9]{2,30}$/.test(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId);
}
