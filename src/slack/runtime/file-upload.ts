import type { webApi } from '@slack/bolt';

export interface FileToUpload {
  filename: string;
  bytes: Uint8Array;
  title: string;
  altText?: string;
  snippetType?: string;
  /** Share it in this channel (with an optional comment); without one the file stays private. */
  channelId?: string;
  initialComment?: string;
}

/**
 * Slack's files upload v2 flow: reserve an upload URL, send the bytes there, complete the upload.
 * Returns the file id. Each step is bounded; any failure throws (callers decide what to fall back to).
 */
export async function uploadFile(client: webApi.WebClient, file: FileToUpload): Promise<string> {
  const reserved = await client.files.getUploadURLExternal({
    filename: file.filename,
    length: file.bytes.length,
    ...(file.altText ? { alt_text: file.altText.slice(0, 1_000) } : {}),
    ...(file.snippetType ? { snippet_type: file.snippetType } : {}),
  });
  if (!reserved.upload_url || !reserved.file_id) throw new Error('no upload URL');
  const posted = await fetch(reserved.upload_url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: file.bytes,
    signal: AbortSignal.timeout(15_000),
  });
  if (posted.status !== 200) throw new Error(`upload answered HTTP ${posted.status}`);
  await client.files.completeUploadExternal({
    files: [{ id: reserved.file_id, title: file.title }],
    ...(file.channelId ? { channel_id: file.channelId } : {}),
    ...(file.initialComment ? { initial_comment: file.initialComment } : {}),
  });
  return reserved.file_id;
}
