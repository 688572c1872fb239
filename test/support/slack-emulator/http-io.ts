/** Reading and answering HTTP requests the way Slack's Web API and hooks endpoints do. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord } from './block-kit.ts';
import type { Params } from './types.ts';

/** Form fields that carry JSON strings (PLATFORM.md §3.1). */
const JSON_FIELDS = ['blocks', 'view', 'files', 'attachments', 'metadata', 'outputs'];

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

export function basicAuth(req: IncomingMessage): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (match?.[1] === undefined) return undefined;
  const [id, ...secret] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
  return id === undefined ? undefined : { id, secret: secret.join(':') };
}

/** Unparseable JSON strings stay strings, so handlers can answer e.g. `invalid_blocks_format`. */
function decodeJsonFields(params: Params): Params {
  const decoded: Params = { ...params };
  for (const field of JSON_FIELDS) {
    const value = decoded[field];
    if (typeof value !== 'string') continue;
    try {
      decoded[field] = JSON.parse(value);
    } catch {
      // keep the raw string
    }
  }
  return decoded;
}

export type ParsedParams = { params: Params; formToken?: string } | { error: string };

/**
 * Web API arguments from a form, JSON or query string. A token is only taken from a form field:
 * JSON bodies need the Authorization header and query-string tokens are refused (PLATFORM.md §3.1).
 */
export function parseApiParams(req: IncomingMessage, raw: Buffer, query: URLSearchParams): ParsedParams {
  const fromQuery = Object.fromEntries([...query].filter(([key]) => key !== 'token'));
  const type = mediaType(req);
  if (raw.length === 0 && type === '') return { params: fromQuery };
  if (type === 'application/x-www-form-urlencoded') {
    const { token, ...fields } = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    return { params: decodeJsonFields({ ...fromQuery, ...fields }), formToken: token };
  }
  if (type === 'application/json') {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return { error: 'invalid_json' };
    }
    if (!isRecord(body)) return { error: 'json_not_object' };
    const { token: _ignored, ...fields } = body;
    return { params: { ...fromQuery, ...fields } };
  }
  return { error: type === '' ? 'missing_post_type' : 'invalid_post_type' };
}

/** Bytes POSTed to an upload URL: raw, or the first file part of a multipart body (the SDK's way). */
export async function uploadedBytes(req: IncomingMessage, raw: Buffer): Promise<Buffer> {
  if (mediaType(req) !== 'multipart/form-data') return raw;
  const form = await new Response(new Uint8Array(raw), {
    headers: { 'content-type': req.headers['content-type'] ?? '' },
  }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  const field = form.get('body') ?? form.get('file');
  return Buffer.from(typeof field === 'string' ? field : '');
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
