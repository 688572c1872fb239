/** response_url hosting (PLATFORM.md §1.5): 5 uses in 30 minutes, JSON bodies, message effects. */
import { isApiBody, readMessageContent } from './api-common.ts';
import { isRecord } from './block-kit.ts';
import { randomHex } from './ids.ts';
import type { EmulatorState } from './state.ts';
import type { Json, ResponseRecord, ResponseUrlKind, StoredMessage } from './types.ts';

export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

/** Where the payload that carried the URL came from; needed to post, replace or delete. */
export interface ResponseUrlContext {
  channelId: string;
  userId: string;
  /** The message holding the clicked component (block_actions only). */
  messageTs?: string;
  isEphemeral?: boolean;
}

interface HostedUrl {
  url: string;
  kind: ResponseUrlKind;
  teamId: string;
  createdAt: number;
  uses: number;
  context?: ResponseUrlContext;
  /** For commands, replace_original replaces the previous reply sent through the same URL. */
  lastReply?: StoredMessage;
}

export interface HookAnswer {
  status: number;
  text: string;
}

export class ResponseUrlHost {
  private urls = new Map<string, HostedUrl>();
  private counter = 0;
  records: ResponseRecord[] = [];

  constructor(private readonly state: EmulatorState) {}

  create(kind: ResponseUrlKind, teamId: string, context?: ResponseUrlContext): string {
    this.counter += 1;
    const path = `/hooks/${kind}/${teamId}/${this.counter}/${randomHex(12)}`;
    const url = `${this.state.baseUrl}${path}`;
    this.urls.set(path, { url, kind, teamId, createdAt: this.state.now(), uses: 0, context });
    return url;
  }

  /** Handles one POST; the body must be JSON, as Bolt's respond() sends it. */
  post(path: string, mediaType: string, raw: Buffer): HookAnswer {
    const hosted = this.urls.get(path);
    if (hosted === undefined) return { status: 404, text: 'no_service' };
    const body = mediaType === 'application/json' ? parseJson(raw) : undefined;
    const error = this.refusal(hosted, body) ?? this.apply(hosted, body ?? {});
    const status = error === undefined ? 200 : error === 'used_url' || error === 'expired_url' ? 404 : 400;
    if (error === undefined) hosted.uses += 1;
    this.records.push({
      url: hosted.url,
      kind: hosted.kind,
      teamId: hosted.teamId,
      body: body ?? raw.toString('utf8'),
      status,
      error,
      at: this.state.now(),
    });
    return { status, text: error ?? 'ok' };
  }

  clear(): void {
    this.urls.clear();
    this.records = [];
  }

  private refusal(hosted: HostedUrl, body: Json | undefined): string | undefined {
    if (body === undefined) return 'invalid_payload';
    if (this.state.now() - hosted.createdAt > RESPONSE_URL_TTL_MS) return 'expired_url';
    if (hosted.uses >= RESPONSE_URL_MAX_USES) return 'used_url';
    return undefined;
  }

  /** Performs the message effect; answers the error text when Slack would refuse the body. */
  private apply(hosted: HostedUrl, body: Json): string | undefined {
    const deleteOnly = body.delete_original === true && body.text === undefined && body.blocks === undefined;
    if (body.delete_original === true) this.deleteSource(hosted);
    if (deleteOnly) return undefined;
    const content = readMessageContent(this.state, 'response_url', body);
    if (isApiBody(content)) return content.error;
    const context = hosted.context;
    if (context === undefined) return undefined;
    const next = { text: content.text ?? '', blocks: content.blocks ?? [] };
    const target = body.replace_original === true ? this.replaceTarget(hosted, context) : undefined;
    if (target !== undefined) {
      this.state.messages.replace(target, next);
      return undefined;
    }
    const team = this.state.directory.workspace(hosted.teamId);
    hosted.lastReply = this.state.messages.post({
      ...next,
      teamId: hosted.teamId,
      channel: context.channelId,
      user: team?.botUserId ?? '',
      bot_id: team?.botId,
      thread_ts: typeof body.thread_ts === 'string' ? body.thread_ts : undefined,
      ephemeralTo: body.response_type === 'in_channel' ? undefined : context.userId,
      via: 'response_url',
    });
    return undefined;
  }

  private replaceTarget(hosted: HostedUrl, context: ResponseUrlContext): StoredMessage | undefined {
    if (hosted.kind === 'commands') return hosted.lastReply?.deleted === false ? hosted.lastReply : undefined;
    const ts = context.messageTs ?? '';
    return context.isEphemeral === true
      ? this.state.messages.findEphemeral(context.userId, ts)
      : this.state.messages.find(context.channelId, ts);
  }

  private deleteSource(hosted: HostedUrl): void {
    if (hosted.kind === 'commands') {
      this.state.recordIssue('response_url', 'warning', [
        '[WARN] delete_original is not supported for slash commands (the command line cannot be deleted)',
      ]);
      return;
    }
    const source = hosted.context && this.replaceTarget(hosted, hosted.context);
    if (source !== undefined) this.state.messages.remove(source);
  }
}

function parseJson(raw: Buffer): Json | undefined {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
