/** The v2 file upload flow (PLATFORM.md §3.2 "files upload v2 flow"). */
import { type BotHandler, fail, int, ok, resolvePostTarget, str } from './api-common.ts';
import { isRecord } from './block-kit.ts';
import { toApiFile } from './file-store.ts';
import type { StoredFile } from './types.ts';

const getUploadURLExternal: BotHandler = (state, { params, team }) => {
  const length = int(params, 'length');
  if (length === undefined || Number.isNaN(length) || length <= 0) return fail('missing_argument');
  // The docs name the description `alt_txt`, the SDK sends `alt_text`: accept both.
  const file = state.files.reserve({
    teamId: team.id,
    filename: str(params, 'filename') ?? '',
    length,
    altText: str(params, 'alt_txt') ?? str(params, 'alt_text'),
    snippetType: str(params, 'snippet_type'),
  });
  return ok({ upload_url: `${state.baseUrl}/upload/${file.id}`, file_id: file.id });
};

const completeUploadExternal: BotHandler = (state, { params, team }) => {
  const entries = params.files;
  if (!Array.isArray(entries) || entries.length === 0)
    return fail('invalid_arguments', ['[ERROR] files must be a JSON array']);
  const files: Array<{ file: StoredFile; title?: string }> = [];
  for (const entry of entries) {
    const file = isRecord(entry) && typeof entry.id === 'string' ? state.files.get(entry.id) : undefined;
    // A reserved file whose bytes never arrived cannot be completed either.
    if (file === undefined || file.teamId !== team.id || file.bytes === undefined)
      return fail('file_not_found');
    files.push({ file, title: isRecord(entry) && typeof entry.title === 'string' ? entry.title : undefined });
  }
  const wanted = (str(params, 'channel_id') ?? str(params, 'channels') ?? '')
    .split(',')
    .filter((c) => c !== '');
  const channels: string[] = [];
  for (const channel of wanted) {
    const target = resolvePostTarget(state, team, channel);
    if ('error' in target) return fail(target.error);
    channels.push(target.channelId);
  }
  const initialComment = str(params, 'initial_comment');
  const threadTs = str(params, 'thread_ts');
  for (const { file, title } of files)
    Object.assign(file, { completed: true, title, channels, initialComment, threadTs });
  // Sharing shows up in each channel as a message carrying the files.
  for (const channel of channels) {
    state.messages.post({
      teamId: team.id,
      channel,
      user: team.botUserId,
      bot_id: team.botId,
      text: initialComment ?? '',
      blocks: Array.isArray(params.blocks) ? params.blocks : [],
      thread_ts: threadTs,
      files: files.map(({ file }) => file.id),
      via: 'api',
    });
  }
  const created = Math.floor(state.now() / 1000);
  return ok({ files: files.map(({ file }) => toApiFile(file, created)) });
};

export const FILE_HANDLERS: Record<string, BotHandler> = {
  'files.getUploadURLExternal': getUploadURLExternal,
  'files.completeUploadExternal': completeUploadExternal,
};
