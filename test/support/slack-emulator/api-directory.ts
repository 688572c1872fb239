/** auth.test, team.info, users.* and conversations.* (PLATFORM.md §3.2, §7). */
import { type BotHandler, fail, flag, ok, paginate, str } from './api-common.ts';
import type { EmulatorState } from './state.ts';
import type { Channel, Params, SlackUser, Workspace } from './types.ts';

/** `locale` is only part of the user object when the caller asks for it. */
function toApiUser(user: SlackUser, params: Params): Record<string, unknown> {
  const { locale, ...rest } = user;
  return flag(params, 'include_locale') ? { ...rest, locale } : rest;
}

function teamUser(state: EmulatorState, team: Workspace, userId: string): SlackUser | undefined {
  const user = state.directory.user(userId);
  return user?.team_id === team.id ? user : undefined;
}

/** Channels the bot may read: private ones only when it is a member. */
function readableChannel(state: EmulatorState, team: Workspace, channelId: string): Channel | undefined {
  const channel = state.directory.channel(channelId);
  if (channel === undefined || channel.teamId !== team.id) return undefined;
  return channel.is_private && !channel.botIsMember ? undefined : channel;
}

/** The person whose app DM `channelId` is, within the calling workspace. */
function teamDmOwner(state: EmulatorState, team: Workspace, channelId: string): SlackUser | undefined {
  const owner = state.directory.dmOwner(channelId);
  return owner?.team_id === team.id ? owner : undefined;
}

function memberIds(channel: Channel, team: Workspace): string[] {
  return channel.botIsMember ? [...channel.members, team.botUserId] : [...channel.members];
}

const authTest: BotHandler = (state, { team }) =>
  ok({
    url: `https://${team.domain}.slack.com/`,
    team: team.name,
    user: state.directory.user(team.botUserId)?.name,
    team_id: team.id,
    user_id: team.botUserId,
    bot_id: team.botId,
    is_enterprise_install: false,
    ...(team.enterpriseId === undefined ? {} : { enterprise_id: team.enterpriseId }),
  });

const teamInfo: BotHandler = (_state, { params, team }) => {
  const asked = str(params, 'team');
  if (asked !== undefined && asked !== team.id) return fail('team_not_found');
  return ok({
    team: {
      id: team.id,
      name: team.name,
      domain: team.domain,
      email_domain: '',
      icon: { image_default: true },
      ...(team.enterpriseId === undefined
        ? {}
        : { enterprise_id: team.enterpriseId, enterprise_name: team.enterpriseName }),
    },
  });
};

const usersInfo: BotHandler = (state, { params, team }) => {
  const user = teamUser(state, team, str(params, 'user') ?? '');
  return user === undefined ? fail('user_not_found') : ok({ user: toApiUser(user, params) });
};

const usersList: BotHandler = (state, { params, team }) => {
  const page = paginate(state.directory.usersOf(team.id), params, { default: 0, max: 1000 });
  if ('error' in page) return fail(page.error === 'invalid_limit' ? 'invalid_arguments' : page.error);
  return ok({
    members: page.page.map((u) => toApiUser(u, params)),
    cache_ts: Math.floor(state.now() / 1000),
    response_metadata: { next_cursor: page.nextCursor },
  });
};

const conversationsMembers: BotHandler = (state, { params, team }) => {
  const channelId = str(params, 'channel') ?? '';
  const dmUser = teamDmOwner(state, team, channelId);
  const channel = readableChannel(state, team, channelId);
  const members = dmUser !== undefined ? [dmUser.id, team.botUserId] : channel && memberIds(channel, team);
  if (members === undefined) return fail('channel_not_found');
  // Slack: default 100, must be under 1000.
  const page = paginate(members, params, { default: 100, max: 999 });
  if ('error' in page) return fail(page.error);
  return ok({ members: page.page, response_metadata: { next_cursor: page.nextCursor } });
};

const conversationsInfo: BotHandler = (state, { params, team }) => {
  const channelId = str(params, 'channel') ?? '';
  const dmUser = teamDmOwner(state, team, channelId);
  if (dmUser !== undefined) {
    return ok({ channel: { id: channelId, is_im: true, user: dmUser.id, is_user_deleted: dmUser.deleted } });
  }
  const channel = readableChannel(state, team, channelId);
  if (channel === undefined) return fail('channel_not_found');
  return ok({
    channel: {
      id: channel.id,
      name: channel.name,
      is_channel: !channel.is_private,
      is_group: false,
      is_im: false,
      is_mpim: false,
      is_private: channel.is_private,
      is_archived: channel.is_archived,
      is_member: channel.botIsMember,
      created: channel.created,
      ...(flag(params, 'include_num_members') ? { num_members: memberIds(channel, team).length } : {}),
    },
  });
};

/** Only 1:1 DMs are emulated; group DMs (several users) are rejected explicitly. */
const conversationsOpen: BotHandler = (state, { params, team }) => {
  const channel = str(params, 'channel');
  const users = (str(params, 'users') ?? '').split(',').filter((u) => u !== '');
  if (channel !== undefined) {
    return teamDmOwner(state, team, channel) === undefined
      ? fail('channel_not_found')
      : ok({ channel: { id: channel } });
  }
  if (users.length > 8) return fail('too_many_users');
  if (users.length > 1) return fail('invalid_arguments', ['[ERROR] group DMs are not emulated']);
  const user = teamUser(state, team, users[0] ?? '');
  if (user === undefined) return fail('user_not_found');
  if (user.id === team.botUserId) return fail('cannot_dm_bot');
  if (user.deleted) return fail('user_disabled');
  const id = state.directory.dmChannelId(user.id);
  return flag(params, 'return_im')
    ? ok({
        channel: { id, is_im: true, user: user.id, created: Math.floor(state.now() / 1000), is_open: true },
      })
    : ok({ channel: { id } });
};

export const DIRECTORY_HANDLERS: Record<string, BotHandler> = {
  'auth.test': authTest,
  'team.info': teamInfo,
  'users.info': usersInfo,
  'users.list': usersList,
  'conversations.members': conversationsMembers,
  'conversations.info': conversationsInfo,
  'conversations.open': conversationsOpen,
};
