/** Building blocks shared by the Web API method handlers. */
import { validateMessage } from './block-kit.ts';
import type { EmulatorState } from './state.ts';
import type { ApiBody, Params, StoredMessage, Workspace } from './types.ts';

/** A Web API call authorised with a workspace's bot token. */
export interface BotCall {
  params: Params;
  team: Workspace;
  token: string;
}

export type BotHandler = (state: EmulatorState, call: BotCall) => ApiBody;

export function ok(fields: Record<string, unknown> = {}): ApiBody {
  return { ok: true, ...fields };
}

export function fail(error: string, messages: string[] = []): ApiBody {
  return messages.length > 0 ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };
}

/** Form fields arrive as strings, JSON bodies as typed values; both read as strings here. */
export function str(params: Params, key: string): string | undefined {
  const value = params[key];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function flag(params: Params, key: string): boolean {
  const value = params[key];
  return value === true || value === 'true' || value === '1' || value === 1;
}

/** Integer parameter: undefined when absent, NaN when present but not an integer. */
export function int(params: Params, key: string): number | undefined {
  const raw = str(params, key);
  if (raw === undefined) return undefined;
  return /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
}

/** Cursor pagination as Slack does it: opaque cursor, `next_cursor` '' when done. */
export function paginate<T>(
  items: T[],
  params: Params,
  limits: { default: number; max: number },
): { page: T[]; nextCursor: string } | { error: 'invalid_limit' | 'invalid_cursor' } {
  const limit = int(params, 'limit') ?? limits.default;
  if (Number.isNaN(limit) || limit < 0 || limit > limits.max) return { error: 'invalid_limit' };
  const cursor = str(params, 'cursor');
  const offset = cursor === undefined ? 0 : decodeCursor(cursor);
  if (offset === undefined) return { error: 'invalid_cursor' };
  const size = limit === 0 ? items.length : limit;
  const end = offset + size;
  return { page: items.slice(offset, end), nextCursor: end < items.length ? encodeCursor(end) : '' };
}

function encodeCursor(offset: number): string {
  return Buffer.from(`next:${offset}`).toString('base64');
}

function decodeCursor(cursor: string): number | undefined {
  const match = /^next:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match === null ? undefined : Number(match[1]);
}

/**
 * Where a message posted with `channel` lands: a U… id means the app's DM with that user
 * (answered with the D… id), channels need the bot as a member.
 */
export function resolvePostTarget(
  state: EmulatorState,
  team: Workspace,
  channel: string,
): { channelId: string; dmUser?: string } | { error: string } {
  const dir = state.directory;
  if (/^[UW]/.test(channel)) {
    const user = dir.user(channel);
    if (user === undefined || user.team_id !== team.id) return { error: 'channel_not_found' };
    if (user.is_bot) return { error: 'cannot_dm_bot' };
    // Posting to a deactivated user's DM: Slack's exact error is unverified; the app must treat it as a failure.
    if (user.deleted) return { error: 'channel_not_found' };
    return { channelId: dir.dmChannelId(user.id), dmUser: user.id };
  }
  const dmOwner = dir.dmOwner(channel);
  if (dmOwner !== undefined) {
    return dmOwner.team_id === team.id && !dmOwner.deleted
      ? { channelId: channel, dmUser: dmOwner.id }
      : { error: 'channel_not_found' };
  }
  const found = dir.channel(channel);
  if (found === undefined || found.teamId !== team.id) return { error: 'channel_not_found' };
  if (found.is_private && !found.botIsMember) return { error: 'channel_not_found' };
  if (found.is_archived) return { error: 'is_archived' };
  if (!found.botIsMember) return { error: 'not_in_channel' };
  return { channelId: found.id };
}

/** The message object as chat.* answers and interaction payloads show it. */
export function toApiMessage(message: StoredMessage, team: Workspace): Record<string, unknown> {
  return {
    type: 'message',
    ...(message.bot_id === undefined ? {} : { bot_id: message.bot_id, app_id: team.appId }),
    user: message.user,
    ts: message.ts,
    text: message.text,
    blocks: message.blocks,
    team: team.id,
    ...(message.thread_ts === undefined ? {} : { thread_ts: message.thread_ts }),
    ...(message.files === undefined ? {} : { files: message.files.map((id) => ({ id })) }),
    ...(message.metadata === undefined ? {} : { metadata: message.metadata }),
  };
}

export interface MessageContent {
  text?: string;
  blocks?: unknown[];
}

/**
 * text/blocks of chat.* calls and response_url posts, checked like Slack: something to show
 * (`no_text`), blocks that parse (`invalid_blocks_format`) and pass Block Kit limits.
 */
export function readMessageContent(
  state: EmulatorState,
  source: string,
  params: Params,
): MessageContent | ApiBody {
  const text = typeof params.text === 'string' && params.text !== '' ? params.text : undefined;
  const blocks = params.blocks;
  if (blocks !== undefined && !Array.isArray(blocks)) return fail('invalid_blocks_format');
  if (text === undefined && (blocks === undefined || blocks.length === 0)) return fail('no_text');
  const report = validateMessage({ text, blocks });
  state.recordIssue(source, 'warning', report.warnings);
  const missing = missingSlackFiles(state, blocks);
  if (report.error === undefined && missing.length > 0) {
    state.recordIssue(source, 'error', missing);
    return fail('invalid_blocks', missing);
  }
  if (report.error === undefined) return { text, blocks };
  state.recordIssue(source, 'error', report.errors);
  return fail(report.error, report.errors);
}

/**
 * Image blocks naming a `slack_file` by id that Slack could not show: no such file, or its upload
 * was never completed. Slack refuses the whole message or view then (`invalid_blocks`).
 */
export function missingSlackFiles(state: EmulatorState, blocks: unknown): string[] {
  const errors: string[] = [];
  const visit = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => visit(v, `${pointer}/${i}`));
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    const file = record.slack_file as { id?: unknown } | undefined;
    if (typeof file?.id === 'string' && !state.files.get(file.id)?.completed)
      errors.push(`[ERROR] no uploaded file ${file.id} [json-pointer:${pointer}/slack_file]`);
    for (const [key, child] of Object.entries(record))
      if (key !== 'slack_file') visit(child, `${pointer}/${key}`);
  };
  visit(blocks, '/blocks');
  return errors;
}

export function isApiBody(value: MessageContent | ApiBody): value is ApiBody {
  return 'ok' in value;
}
