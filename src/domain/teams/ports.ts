import type { Team, TeamSettings } from './team.ts';

export interface TeamRepository {
  findByChannel(workspaceId: string, channelId: string): Promise<Team | undefined>;
  findById(teamId: string): Promise<Team | undefined>;
  /** Creates the team with its creator as a manager; undefined when the channel already is a team. */
  create(input: {
    workspaceId: string;
    channelId: string;
    createdBy: string;
    settings: TeamSettings;
  }): Promise<Team | undefined>;
  updateSettings(teamId: string, settings: TeamSettings): Promise<void>;
  remove(teamId: string): Promise<void>;
  /** Set it up or was granted (workspace admins are checked by the service). */
  isManager(teamId: string, userId: string): Promise<boolean>;
  managesAnyTeam(workspaceId: string, userId: string): Promise<boolean>;
  addManager(teamId: string, userId: string, grantedBy: string): Promise<void>;
  managers(teamId: string): Promise<string[]>;
  replaceMembers(teamId: string, userIds: string[], at: Date): Promise<void>;
  addMember(teamId: string, userId: string): Promise<void>;
  removeMember(teamId: string, userId: string): Promise<void>;
  isMember(teamId: string, userId: string): Promise<boolean>;
  memberCount(teamId: string): Promise<number>;
  /** Teams whose members were last read from Slack before `before` (or never), oldest first. */
  staleTeams(before: Date, limit: number): Promise<Team[]>;
  /** The teams a person belongs to, with each team's size. */
  teamsOf(workspaceId: string, userId: string): Promise<Array<{ team: Team; memberCount: number }>>;
}

/** What Slack says about a channel's membership. */
export interface ChannelDirectory {
  /** True when the app can read the channel (its bot is a member). */
  botIsMember(workspaceId: string, channelId: string): Promise<boolean>;
  /** People in the channel, every page, without bots and deactivated accounts. */
  humanMembers(workspaceId: string, channelId: string): Promise<string[]>;
  /** Whether a user is in the channel (false when the app cannot see the channel). */
  isMember(workspaceId: string, channelId: string, userId: string): Promise<boolean>;
  /** Whether one user is a person (not a bot, not deactivated). */
  isPerson(workspaceId: string, userId: string): Promise<boolean>;
}
