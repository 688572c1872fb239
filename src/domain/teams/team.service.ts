import type { Clock } from '../clock.ts';
import { applyTeamDefaults, type TeamDefaultsDeps } from '../settings/team-defaults.service.ts';
import type { ChannelDirectory, TeamRepository } from './ports.ts';
import { checkTeamSettings, type Team, type TeamSettings, type TeamSettingsProblem } from './team.ts';

export interface TeamServiceDeps {
  teams: TeamRepository;
  channels: ChannelDirectory;
  clock: Clock;
  /** Gives members the team's check-in time, language and nudge switch (unless their own). */
  defaults?: TeamDefaultsDeps;
}

/** What the service needs to know about the person acting. */
export interface Actor {
  workspaceId: string;
  userId: string;
  isAdmin: boolean;
  isOwner: boolean;
}

/**
 * A manager is a workspace admin or owner, the person who set the team up, or someone granted.
 * With no team yet (setup), someone who already manages a team in the workspace may start another.
 */
export async function canManage(
  deps: { teams: Pick<TeamRepository, 'isManager' | 'managesAnyTeam'> },
  actor: Actor,
  team: Team | undefined,
) {
  if (actor.isAdmin || actor.isOwner) return true;
  if (team) return deps.teams.isManager(team.id, actor.userId);
  return deps.teams.managesAnyTeam(actor.workspaceId, actor.userId);
}

export type SetupResult =
  | { ok: true; team: Team; members: number }
  | { ok: false; reason: 'not_manager' | 'already_team' | 'bot_not_in_channel' | 'not_in_channel' }
  | { ok: false; reason: 'invalid'; problems: TeamSettingsProblem[] };

export async function setUpTeam(
  deps: TeamServiceDeps,
  actor: Actor,
  channelId: string,
  settings: TeamSettings,
): Promise<SetupResult> {
  if (!(await canManage(deps, actor, undefined))) return { ok: false, reason: 'not_manager' };
  const problems = checkTeamSettings(settings);
  if (problems.length > 0) return { ok: false, reason: 'invalid', problems };
  // Checked here, where the team is written, not only where the modal was opened.
  if (!(await deps.channels.botIsMember(actor.workspaceId, channelId)))
    return { ok: false, reason: 'bot_not_in_channel' };
  if (!(await deps.channels.isMember(actor.workspaceId, channelId, actor.userId)))
    return { ok: false, reason: 'not_in_channel' };
  const team = await deps.teams.create({
    workspaceId: actor.workspaceId,
    channelId,
    createdBy: actor.userId,
    settings,
  });
  if (!team) return { ok: false, reason: 'already_team' };
  const members = await syncTeamMembers(deps, team);
  return { ok: true, team, members };
}

export type UpdateResult =
  | { ok: true }
  | { ok: false; reason: 'not_manager' | 'no_team' }
  | { ok: false; reason: 'invalid'; problems: TeamSettingsProblem[] };

export async function updateTeamSettings(
  deps: Pick<TeamServiceDeps, 'teams'>,
  actor: Actor,
  teamId: string,
  settings: TeamSettings,
): Promise<UpdateResult> {
  const team = await deps.teams.findById(teamId);
  if (!team || team.workspaceId !== actor.workspaceId) return { ok: false, reason: 'no_team' };
  if (!(await canManage(deps, actor, team))) return { ok: false, reason: 'not_manager' };
  const problems = checkTeamSettings(settings);
  if (problems.length > 0) return { ok: false, reason: 'invalid', problems };
  await deps.teams.updateSettings(team.id, settings);
  return { ok: true };
}

/** Replaces the member list with the channel's people, as Slack lists them now. */
export async function syncTeamMembers(deps: TeamServiceDeps, team: Team): Promise<number> {
  const people = await deps.channels.humanMembers(team.workspaceId, team.channelId);
  const before = deps.defaults ? await deps.defaults.settings.memberIds(team.id) : [];
  await deps.teams.replaceMembers(team.id, people, deps.clock.now());
  // Those who left may now follow another team's defaults, or none.
  if (deps.defaults) await applyTeamDefaults(deps.defaults, team.workspaceId, [...people, ...before]);
  return people.length;
}

/** member_joined_channel: people join the team; bots and deactivated accounts do not. */
export async function memberJoined(
  deps: TeamServiceDeps,
  workspaceId: string,
  channelId: string,
  userId: string,
): Promise<boolean> {
  const team = await deps.teams.findByChannel(workspaceId, channelId);
  if (!team) return false;
  if (!(await deps.channels.isPerson(workspaceId, userId))) return false;
  await deps.teams.addMember(team.id, userId);
  if (deps.defaults) await applyTeamDefaults(deps.defaults, workspaceId, [userId]);
  return true;
}

export async function memberLeft(
  deps: Pick<TeamServiceDeps, 'teams' | 'defaults'>,
  workspaceId: string,
  channelId: string,
  userId: string,
): Promise<boolean> {
  const team = await deps.teams.findByChannel(workspaceId, channelId);
  if (!team) return false;
  await deps.teams.removeMember(team.id, userId);
  if (deps.defaults) await applyTeamDefaults(deps.defaults, workspaceId, [userId]);
  return true;
}
