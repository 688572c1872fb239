import type { webApi } from '@slack/bolt';
import { coachingFor } from '../domain/digest/team-week-summary.ts';
import { currentWeek, habitWeekFor } from '../domain/habits/habit.service.ts';
import { listMyPromises } from '../domain/promises/promise.service.ts';
import { lastClosedResults } from '../domain/pulse/pulse.service.ts';
import { trendOf } from '../domain/pulse/trend.ts';
import { isoWeekOf, isValidZone, previousIsoWeek, weekLabel } from '../domain/schedule/local-time.ts';
import type { TeamRepository } from '../domain/teams/ports.ts';
import { getUserProfile } from '../domain/users/user.service.ts';
import type { Language } from '../domain/users/language.ts';
import { messages } from '../i18n/index.ts';
import { HOME_CHARTS_SHOWN, homeChartFileId } from './charts/home-charts.ts';
import type { ListenerDeps } from './listeners/listener-deps.ts';
import { classifySlackError } from './runtime/slack-errors.ts';
import { buildTrendChart } from './blocks/digest.blocks.ts';
import { audienceOf, promiseServiceDeps } from './listeners/promises/promise-interaction.ts';
import { availableRound } from './listeners/pulse/pulse-round.ts';
import {
  buildHomeDashboard,
  HOME_TEAMS_SHOWN,
  type HomeDashboard,
  type ManagedTeamSummary,
} from './blocks/home.blocks.ts';

/** Weeks in a managed team's sparkline, as in the digest. */
export const HOME_TREND_WEEKS = 12;

/** Gathers and publishes a person's App Home (see `buildHomeDashboard` for what it shows). */
export async function publishHome(
  deps: ListenerDeps,
  client: webApi.WebClient,
  workspaceId: string,
  userId: string,
): Promise<void> {
  const a = await audienceOf(deps, workspaceId, userId);
  const gathered = await gatherHome(deps, workspaceId, userId, a.timeZone, a.language);
  const dashboard = await withCharts(deps, client, workspaceId, a.language, gathered);
  try {
    await client.views.publish({ user_id: userId, view: buildHomeDashboard(a, dashboard) });
  } catch (error) {
    // Slack refuses the whole view over an image it cannot show (a file deleted since, say): show
    // the sparklines now, and upload those charts afresh on a later open.
    const fileIds = dashboard.managed.teams.flatMap((t) => (t.chart ? [t.chart.fileId] : []));
    const failure = classifySlackError(error);
    if (fileIds.length === 0 || failure.kind !== 'permanent') throw error;
    deps.logger.warn({ err: error, userId }, 'App Home refused with its charts; publishing without them');
    await deps.stores.home.forgetCharts(fileIds);
    await client.views.publish({ user_id: userId, view: buildHomeDashboard(a, gathered) });
  }
}

/** The managed teams' trend charts, for the first few teams with a value to draw. */
async function withCharts(
  deps: ListenerDeps,
  client: webApi.WebClient,
  workspaceId: string,
  language: Language,
  dashboard: HomeDashboard,
): Promise<HomeDashboard> {
  const m = messages(language);
  const now = deps.clock.now();
  let charted = 0;
  const teams: ManagedTeamSummary[] = [];
  for (const team of dashboard.managed.teams) {
    const chart = charted < HOME_CHARTS_SHOWN ? buildTrendChart(m, language, team.trend) : null;
    const week = team.trend.at(-1)?.label;
    if (!chart || !week) {
      teams.push(team);
      continue;
    }
    charted += 1;
    const key = { teamId: team.teamId, workspaceId, week, language };
    const fileId = await homeChartFileId(
      { charts: deps.stores.home, logger: deps.logger, now },
      client,
      key,
      chart,
    );
    teams.push(fileId ? { ...team, chart: { fileId, altText: chart.altText, title: chart.title } } : team);
  }
  return { ...dashboard, managed: { ...dashboard.managed, teams } };
}

export async function gatherHome(
  deps: ListenerDeps,
  workspaceId: string,
  userId: string,
  timeZone: string,
  language: 'en' | 'nb',
): Promise<HomeDashboard> {
  const now = deps.clock.now();
  const teams = deps.stores.teams;
  const profile = await getUserProfile(deps.users, workspaceId, userId).catch(() => undefined);
  const isAdmin = (profile?.isAdmin ?? false) || (profile?.isOwner ?? false);
  const [promises, habit, schedule, memberships, managedIds] = await Promise.all([
    listMyPromises(promiseServiceDeps(deps), workspaceId, userId),
    habitWeekFor(
      { habits: deps.stores.habits },
      { workspaceId, userId },
      currentWeek(now, timeZone),
      language,
    ),
    deps.stores.checkins.findSchedule(workspaceId, userId),
    teams.teamsOf(workspaceId, userId),
    deps.stores.home.managedTeamIds({ workspaceId, userId, everyTeam: isAdmin, limit: HOME_TEAMS_SHOWN }),
  ]);

  const rateable: HomeDashboard['rateable'] = [];
  for (const { team } of memberships) {
    const available = await availableRound({ teams, pulse: deps.pulse, now }, team, userId);
    if (available.kind === 'open') rateable.push({ channelId: team.channelId, value: available.value });
  }

  const managed: ManagedTeamSummary[] = [];
  for (const id of managedIds.ids) {
    const summary = await summarizeTeam(deps, teams, id, now);
    if (summary) managed.push(summary);
  }

  return {
    promises,
    habit,
    checkin: { schedule, zone: profile?.tz ?? null },
    rateable,
    memberOfTeams: memberships.length,
    canSetUpTeams: isAdmin || managedIds.total > 0,
    managed: { teams: managed, total: managedIds.total },
  };
}

/** A managed team's latest closed result and its trend up to last week in the team's zone. */
async function summarizeTeam(
  deps: ListenerDeps,
  teams: TeamRepository,
  teamId: string,
  now: Date,
): Promise<ManagedTeamSummary | undefined> {
  const team = await teams.findById(teamId);
  if (!team) return undefined;
  const zone = isValidZone(team.timeZone) ? team.timeZone : 'UTC';
  const [members, results] = await Promise.all([
    teams.memberCount(team.id),
    lastClosedResults({ pulse: deps.stores.pulse }, team.id, HOME_TREND_WEEKS),
  ]);
  const latest = results[0];
  // Up to last week in the team's zone, or to the latest closed round if one closed since.
  const thisWeek = isoWeekOf(now, zone);
  const lastWeek = previousIsoWeek(thisWeek);
  const end = latest && latest.label > weekLabel(lastWeek) ? latest.week : lastWeek;
  return {
    teamId: team.id,
    channelId: team.channelId,
    members,
    minGroupSize: team.minGroupSize,
    latest,
    trend: trendOf(results, end, HOME_TREND_WEEKS),
    coaching: coachingFor(results, weekLabel(end), weekLabel(thisWeek)),
  };
}
