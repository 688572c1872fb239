/** Workspaces, users, channels and tokens: the emulator's "directory" state, kept across reset(). */
import type { Channel, SlackUser, Workspace } from './types.ts';

export interface WorkspaceInput {
  id: string;
  name: string;
  domain?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
}

export interface UserInput {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  tz?: string;
  locale?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isPrimaryOwner?: boolean;
  isRestricted?: boolean;
  isBot?: boolean;
  deleted?: boolean;
}

export interface ChannelInput {
  id: string;
  teamId: string;
  name: string;
  isPrivate?: boolean;
  isArchived?: boolean;
  members?: string[];
  botIsMember?: boolean;
}

export type UserChange = Partial<Pick<SlackUser, 'tz' | 'locale' | 'deleted' | 'is_admin' | 'real_name'>>;

/** Why a token stopped working; the value is the Slack error code returned for it. */
export type TokenRevocation = 'token_revoked' | 'account_inactive' | 'invalid_auth';

export interface TokenInfo {
  kind: 'bot' | 'app';
  /** App-level tokens belong to the app, not to a workspace. */
  teamId?: string;
  revoked?: TokenRevocation;
  /** Rotating tokens only: epoch ms after which calls fail with `token_expired`. */
  expiresAt?: number;
}

export function botTokenFor(teamId: string): string {
  return `xoxb-${teamId}-emulator`;
}

/** Slack shows `tz_offset` and `tz_label` for *now*; derive both from the IANA zone at creation time. */
function zoneFacts(tz: string, atMs: number): { tz_offset: number; tz_label: string } {
  const part = (style: 'longOffset' | 'long'): string =>
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style })
      .formatToParts(atMs)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part('longOffset'));
  const offset =
    match === null ? 0 : (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60);
  return { tz_offset: offset, tz_label: part('long') };
}

export class Directory {
  private readonly workspaces = new Map<string, Workspace>();
  private readonly users = new Map<string, SlackUser>();
  private readonly channels = new Map<string, Channel>();
  private readonly tokens = new Map<string, TokenInfo>();
  private installs = 0;

  constructor(private readonly now: () => number) {}

  addWorkspace(input: WorkspaceInput): Workspace {
    const suffix = input.id.slice(1);
    const workspace: Workspace = {
      id: input.id,
      name: input.name,
      domain: input.domain ?? input.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      enterpriseId: input.enterpriseId,
      enterpriseName: input.enterpriseName,
      botUserId: input.botUserId ?? `U${suffix}BOT`,
      botId: input.botId ?? `B${suffix}`,
      appId: input.appId ?? `A${suffix}`,
      botToken: botTokenFor(input.id),
    };
    this.workspaces.set(workspace.id, workspace);
    this.tokens.set(workspace.botToken, { kind: 'bot', teamId: workspace.id });
    this.addUser(workspace.id, {
      id: workspace.botUserId,
      name: 'trusthabits',
      realName: 'Trust Habits',
      isBot: true,
    });
    const botUser = this.users.get(workspace.botUserId);
    if (botUser !== undefined) botUser.profile.bot_id = workspace.botId;
    return workspace;
  }

  workspace(teamId: string): Workspace | undefined {
    return this.workspaces.get(teamId);
  }

  addUser(teamId: string, input: UserInput): SlackUser {
    const tz = input.tz ?? 'America/Los_Angeles';
    const realName = input.realName ?? input.name;
    const user: SlackUser = {
      id: input.id,
      team_id: teamId,
      name: input.name,
      real_name: realName,
      deleted: input.deleted ?? false,
      is_bot: input.isBot ?? false,
      is_app_user: false,
      is_admin: input.isAdmin ?? false,
      is_owner: input.isOwner ?? false,
      is_primary_owner: input.isPrimaryOwner ?? false,
      is_restricted: input.isRestricted ?? false,
      is_ultra_restricted: false,
      tz,
      ...zoneFacts(tz, this.now()),
      locale: input.locale ?? 'en-US',
      updated: Math.floor(this.now() / 1000),
      profile: { display_name: input.displayName ?? input.name, real_name: realName },
    };
    this.users.set(user.id, user);
    return user;
  }

  /** Changes user fields (e.g. a tz change before a `user_change` event); recomputes tz facts. */
  updateUser(userId: string, change: UserChange): SlackUser {
    const user = this.users.get(userId);
    if (user === undefined) throw new Error(`updateUser: unknown user ${userId}`);
    Object.assign(user, change, { updated: Math.floor(this.now() / 1000) });
    if (change.tz !== undefined) Object.assign(user, zoneFacts(change.tz, this.now()));
    return user;
  }

  user(userId: string): SlackUser | undefined {
    return this.users.get(userId);
  }

  usersOf(teamId: string): SlackUser[] {
    return [...this.users.values()].filter((u) => u.team_id === teamId);
  }

  addChannel(input: ChannelInput): Channel {
    const channel: Channel = {
      id: input.id,
      teamId: input.teamId,
      name: input.name,
      is_private: input.isPrivate ?? false,
      is_archived: input.isArchived ?? false,
      members: [...(input.members ?? [])],
      botIsMember: input.botIsMember ?? true,
      created: Math.floor(this.now() / 1000),
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  channel(channelId: string): Channel | undefined {
    return this.channels.get(channelId);
  }

  /** Every person sees the app's DM under a stable id derived from their user id. */
  dmChannelId(userId: string): string {
    return `D${userId.slice(1)}`;
  }

  /** The user whose app DM this is, if `channelId` is one. */
  dmOwner(channelId: string): SlackUser | undefined {
    if (!channelId.startsWith('D')) return undefined;
    return [...this.users.values()].find((u) => this.dmChannelId(u.id) === channelId);
  }

  registerToken(token: string, info: TokenInfo): void {
    this.tokens.set(token, info);
  }

  token(token: string): TokenInfo | undefined {
    return this.tokens.get(token);
  }

  revokeToken(token: string, reason: TokenRevocation = 'token_revoked'): void {
    const info = this.tokens.get(token);
    if (info === undefined) throw new Error(`revokeToken: unknown token ${token}`);
    info.revoked = reason;
  }

  revokeTeamTokens(teamId: string, reason: TokenRevocation): void {
    for (const info of this.tokens.values()) if (info.teamId === teamId) info.revoked = reason;
  }

  /** An install after an uninstall gets a new bot token; the revoked one stays dead. */
  installBotToken(teamId: string): string {
    const workspace = this.workspaces.get(teamId);
    if (workspace === undefined) throw new Error(`installBotToken: unknown workspace ${teamId}`);
    if (this.tokens.get(workspace.botToken)?.revoked === undefined) return workspace.botToken;
    this.installs += 1;
    workspace.botToken = `${botTokenFor(teamId)}-${this.installs}`;
    this.tokens.set(workspace.botToken, { kind: 'bot', teamId });
    return workspace.botToken;
  }

  /** The token `botToken(teamId)` hands out: the newest one issued (token rotation). */
  setCurrentBotToken(teamId: string, token: string): void {
    const workspace = this.workspaces.get(teamId);
    if (workspace === undefined) throw new Error(`setCurrentBotToken: unknown workspace ${teamId}`);
    workspace.botToken = token;
  }

  /** Revocations belong to a test scenario, so reset() brings every token back. */
  restoreTokens(): void {
    for (const info of this.tokens.values()) info.revoked = undefined;
  }
}
