/** chat.* methods (PLATFORM.md §3.2 and method notes). */
import {
  type BotHandler,
  fail,
  int,
  isApiBody,
  ok,
  readMessageContent,
  resolvePostTarget,
  str,
  toApiMessage,
} from './api-common.ts';
import type { EmulatorState } from './state.ts';
import type { ApiBody, StoredMessage, Workspace } from './types.ts';

const MAX_SCHEDULE_AHEAD_MS = 120 * 24 * 3600 * 1000;

/** Looks up a message the app may edit: chat.update/delete need the C…/D… id, never a U… id. */
function ownMessage(
  state: EmulatorState,
  team: Workspace,
  channel: string,
  ts: string,
  notOwn: 'cant_update_message' | 'cant_delete_message',
): StoredMessage | ApiBody {
  const known =
    state.directory.channel(channel) !== undefined || state.directory.dmOwner(channel) !== undefined;
  if (!known) return fail('channel_not_found');
  const message = state.messages.find(channel, ts);
  if (message === undefined || message.teamId !== team.id) return fail('message_not_found');
  if (message.bot_id !== team.botId) return fail(notOwn);
  return message;
}

function isMessage(value: StoredMessage | ApiBody): value is StoredMessage {
  return 'ts' in value;
}

const postMessage: BotHandler = (state, { params, team }) => {
  const target = resolvePostTarget(state, team, str(params, 'channel') ?? '');
  if ('error' in target) return fail(target.error);
  const content = readMessageContent(state, 'chat.postMessage', params);
  if (isApiBody(content)) return content;
  const message = state.messages.post({
    teamId: team.id,
    channel: target.channelId,
    user: team.botUserId,
    bot_id: team.botId,
    text: content.text ?? '',
    blocks: content.blocks ?? [],
    thread_ts: str(params, 'thread_ts'),
    metadata: params.metadata,
    via: 'api',
  });
  return ok({ channel: message.channel, ts: message.ts, message: toApiMessage(message, team) });
};

const postEphemeral: BotHandler = (state, { params, team }) => {
  const target = resolvePostTarget(state, team, str(params, 'channel') ?? '');
  if ('error' in target) return fail(target.error);
  const userId = str(params, 'user') ?? '';
  const user = state.directory.user(userId);
  const channel = state.directory.channel(target.channelId);
  const inConversation =
    target.dmUser === undefined ? channel?.members.includes(userId) : target.dmUser === userId;
  if (user === undefined || user.team_id !== team.id || inConversation !== true)
    return fail('user_not_in_channel');
  const content = readMessageContent(state, 'chat.postEphemeral', params);
  if (isApiBody(content)) return content;
  const message = state.messages.post({
    teamId: team.id,
    channel: target.channelId,
    user: team.botUserId,
    bot_id: team.botId,
    text: content.text ?? '',
    blocks: content.blocks ?? [],
    thread_ts: str(params, 'thread_ts'),
    ephemeralTo: userId,
    via: 'api',
  });
  return ok({ message_ts: message.ts });
};

const update: BotHandler = (state, { params, team }) => {
  const channel = str(params, 'channel') ?? '';
  const found = ownMessage(state, team, channel, str(params, 'ts') ?? '', 'cant_update_message');
  if (!isMessage(found)) return found;
  const content = readMessageContent(state, 'chat.update', params);
  if (isApiBody(content)) return content;
  // Omitted fields keep their previous value; an empty blocks array removes the blocks.
  state.messages.replace(found, { text: content.text ?? found.text, blocks: content.blocks ?? found.blocks });
  return ok({ channel, ts: found.ts, text: found.text, message: toApiMessage(found, team) });
};

const remove: BotHandler = (state, { params, team }) => {
  const channel = str(params, 'channel') ?? '';
  const found = ownMessage(state, team, channel, str(params, 'ts') ?? '', 'cant_delete_message');
  if (!isMessage(found)) return found;
  state.messages.remove(found);
  return ok({ channel, ts: found.ts });
};

const scheduleMessage: BotHandler = (state, { params, team }) => {
  const target = resolvePostTarget(state, team, str(params, 'channel') ?? '');
  if ('error' in target) return fail(target.error);
  const postAt = int(params, 'post_at');
  if (postAt === undefined || Number.isNaN(postAt)) return fail('invalid_time');
  const postAtMs = postAt * 1000;
  if (postAtMs <= state.now()) return fail('time_in_past');
  if (postAtMs > state.now() + MAX_SCHEDULE_AHEAD_MS) return fail('time_too_far');
  const content = readMessageContent(state, 'chat.scheduleMessage', params);
  if (isApiBody(content)) return content;
  const scheduled = state.messages.schedule({
    teamId: team.id,
    channel: target.channelId,
    postAt,
    text: content.text ?? '',
    blocks: content.blocks ?? [],
  });
  return ok({
    channel: scheduled.channel,
    scheduled_message_id: scheduled.id,
    post_at: postAt,
    message: {
      type: 'message',
      bot_id: team.botId,
      user: team.botUserId,
      text: scheduled.text,
      blocks: scheduled.blocks,
    },
  });
};

/**
 * A message's address. Works where the bot can read: public channels, private ones it is in, and
 * its own DMs; a conversation it is not part of (a DM between two people) is `channel_not_found`.
 */
const getPermalink: BotHandler = (state, { params, team }) => {
  const channelId = str(params, 'channel') ?? '';
  const ts = str(params, 'message_ts') ?? '';
  const channel = state.directory.channel(channelId);
  const dmOwner = state.directory.dmOwner(channelId);
  const readable =
    channel !== undefined
      ? channel.teamId === team.id && (!channel.is_private || channel.botIsMember)
      : dmOwner?.team_id === team.id;
  if (!readable) return fail('channel_not_found');
  const message = state.messages.find(channelId, ts);
  if (message === undefined) return fail('message_not_found');
  const base = `https://${team.domain}.slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
  const inThread = message.thread_ts !== undefined && message.thread_ts !== ts;
  return ok({
    channel: channelId,
    permalink: inThread ? `${base}?thread_ts=${message.thread_ts}&cid=${channelId}` : base,
  });
};

export const CHAT_HANDLERS: Record<string, BotHandler> = {
  'chat.getPermalink': getPermalink,
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
  'chat.delete': remove,
  'chat.scheduleMessage': scheduleMessage,
};
