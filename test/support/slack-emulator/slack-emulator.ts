/**
 * A local Slack: the Web API at /api/<method>, upload URLs at /upload/<file id>, response_urls at
 * /hooks/... and Socket Mode WebSockets at /socket-mode/<ticket>, on a real HTTP server on 127.0.0.1. Everything is recorded so tests can assert on what
 * each person would see, and faults can be injected. Facts come from shared/slack/PLATFORM.md.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { HANDLERS } from './api-handlers.ts';
import { fail } from './api-common.ts';
import { isRecord, validateView } from './block-kit.ts';
import type { ChannelInput, TokenRevocation, UserChange, UserInput, WorkspaceInput } from './directory.ts';
import { type Fault, FaultInjector, type Injection, RateLimiter, type RateLimitRule } from './faults.ts';
import {
  basicAuth,
  bearerToken,
  mediaType,
  parseApiParams,
  readBody,
  sendJson,
  sendText,
  uploadedBytes,
} from './http-io.ts';
import type { FunctionDefinition, FunctionExecution } from './functions.ts';
import type { ScheduledMessage } from './message-log.ts';
import { type MethodSpec, methodSpec, missingParams, unknownParams } from './method-specs.ts';
import type { CodeGrant } from './oauth-codes.ts';
import type { ResponseUrlContext } from './response-urls.ts';
import { seedDemo } from './seed.ts';
import { type DeliverOptions, type EnvelopeType, type SocketAck, SocketModeHost } from './socket-mode.ts';
import { EmulatorState, type OAuthClient } from './state.ts';
import type {
  ApiBody,
  CallRecord,
  Channel,
  Json,
  Params,
  ResponseRecord,
  ResponseUrlKind,
  SlackUser,
  StoredFile,
  StoredMessage,
  StoredView,
  ValidationIssue,
  ViewState,
  Workspace,
} from './types.ts';
import { toApiView } from './view-store.ts';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Emulator clock in ms (trigger expiry, ts values, response_url age, rate limiting). */
  now?: () => number;
  clientId?: string;
  clientSecret?: string;
}

export const EMULATOR_CLIENT_ID = '1111.2222';
export const EMULATOR_CLIENT_SECRET = 'emulator-client-secret';
/** App-level token (xapp-…) accepted by apps.connections.open. */
export const EMULATOR_APP_TOKEN = 'xapp-1-A0TRUST01-emulator';

interface Outcome {
  status: number;
  body: ApiBody;
  headers?: Record<string, string>;
  /** accept_then_drop: the side effect happened, the answer is never sent. */
  drop?: boolean;
  fault?: Fault['type'];
}

const REQUEST_EVENT = 'request';
const WAIT_POLL_MS = 20;

export class SlackEmulator {
  private state: EmulatorState;
  private readonly faults = new FaultInjector();
  private readonly limiter: RateLimiter;
  private callLog: CallRecord[] = [];
  private readonly events = new EventEmitter();
  private readonly socketMode: SocketModeHost;
  private baseUrl = '';

  private constructor(
    private readonly server: Server,
    private readonly now: () => number,
    private readonly client: OAuthClient,
  ) {
    this.state = this.freshState();
    this.limiter = new RateLimiter(now);
    this.socketMode = new SocketModeHost(
      () => this.state,
      () => this.events.emit(REQUEST_EVENT),
    );
    // Every test may wait on the same emulator; do not warn about many listeners.
    this.events.setMaxListeners(0);
  }

  static async start(options: EmulatorOptions = {}): Promise<SlackEmulator> {
    // Node 20's client agent drops idle keep-alive sockets after 5 s, exactly when a server with
    // Node's default keepAliveTimeout (5 s) closes them: a send at that moment dies with ECONNRESET.
    // Slack keeps idle connections open far longer, so the emulator does too.
    const server = createServer({ keepAliveTimeout: 60_000 });
    const emulator = new SlackEmulator(server, options.now ?? Date.now, {
      clientId: options.clientId ?? EMULATOR_CLIENT_ID,
      clientSecret: options.clientSecret ?? EMULATOR_CLIENT_SECRET,
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void emulator.route(req, res));
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      emulator.socketMode.handleUpgrade(req, socket, head),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    emulator.baseUrl = `http://127.0.0.1:${port}`;
    emulator.state.baseUrl = emulator.baseUrl;
    return emulator;
  }

  /** e.g. `http://127.0.0.1:PORT` */
  get url(): string {
    return this.baseUrl;
  }

  /** WebClient `slackApiUrl`, with the trailing slash it requires. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  get clientId(): string {
    return this.client.clientId;
  }

  get clientSecret(): string {
    return this.client.clientSecret;
  }

  async close(): Promise<void> {
    this.socketMode.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  // ---- directory ------------------------------------------------------------------------------

  /** Acme (T0TEAM001) with alice, bob, kari, a bot, a deactivated user and #team-rocket (see seed.ts). */
  seedDemoWorkspace(): Workspace {
    return seedDemo(this.state.directory);
  }

  addWorkspace(input: WorkspaceInput): Workspace {
    return this.state.directory.addWorkspace(input);
  }

  addUser(teamId: string, input: UserInput): SlackUser {
    return this.state.directory.addUser(teamId, input);
  }

  updateUser(userId: string, change: UserChange): SlackUser {
    return this.state.directory.updateUser(userId, change);
  }

  addChannel(input: ChannelInput): Channel {
    return this.state.directory.addChannel(input);
  }

  workspace(teamId: string): Workspace {
    const workspace = this.state.directory.workspace(teamId);
    if (workspace === undefined) throw new Error(`unknown workspace ${teamId}; seed it first`);
    return workspace;
  }

  user(userId: string): SlackUser | undefined {
    return this.state.directory.user(userId);
  }

  channel(channelId: string): Channel | undefined {
    return this.state.directory.channel(channelId);
  }

  /** The current bot token of a workspace (`xoxb-<teamId>-emulator`). */
  botToken(teamId: string): string {
    return this.workspace(teamId).botToken;
  }

  revokeToken(token: string, reason: TokenRevocation = 'token_revoked'): void {
    this.state.directory.revokeToken(token, reason);
  }

  /** The stable D… id of the app's DM with a user. */
  dmChannelId(userId: string): string {
    return this.state.directory.dmChannelId(userId);
  }

  /** A message written by a person (the app cannot update or delete it). */
  postAsUser(input: {
    teamId: string;
    channel: string;
    user: string;
    text: string;
    /** A reply in the thread of this message. */
    threadTs?: string;
  }): StoredMessage {
    const { threadTs, ...rest } = input;
    return this.state.messages.post({
      ...rest,
      blocks: [],
      via: 'seed',
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
    });
  }

  // ---- what the driver hands out ----------------------------------------------------------------

  issueTriggerId(teamId: string, userId: string): string {
    return this.state.triggers.issue(teamId, userId);
  }

  /** Turns token rotation on for the app; like Slack, it cannot be turned off again (§6.5). */
  enableTokenRotation(): void {
    this.state.rotation.enable();
  }

  /** A code as Slack appends it to the OAuth redirect (PLATFORM.md §6.1). */
  issueOAuthCode(grant: CodeGrant): string {
    return this.state.oauth.issue(grant);
  }

  /** Without a context the URL only records posts; with one, posts become visible messages. */
  createResponseUrl(kind: ResponseUrlKind, teamId: string, context?: ResponseUrlContext): string {
    return this.state.responseUrls.create(kind, teamId, context);
  }

  view(viewId: string): StoredView | undefined {
    return this.state.views.get(viewId);
  }

  /** The view object exactly as Slack puts it into payloads. */
  apiView(viewId: string): Json | undefined {
    const view = this.state.views.get(viewId);
    return view && toApiView(view, this.workspace(view.teamId));
  }

  /** What the person typed or picked; merged into the view's state by block_id/action_id. */
  setViewValues(viewId: string, values: ViewState['values']): void {
    const view = this.state.views.get(viewId);
    if (view === undefined) throw new Error(`setViewValues: unknown view ${viewId}`);
    this.state.views.setValues(view, values);
  }

  /** Applies the app's answer to a view_submission (PLATFORM.md §2.3) to the modal stack. */
  applyViewSubmissionAnswer(viewId: string, answer: unknown): void {
    const view = this.state.views.get(viewId);
    if (view === undefined) return;
    const action = isRecord(answer) ? answer.response_action : undefined;
    if (action === undefined) return this.state.views.close(viewId);
    if (action === 'clear') return this.state.views.clearStack(view.userId);
    if (action !== 'update' && action !== 'push') return; // 'errors' keeps the modal open as it is
    const next = isRecord(answer) ? answer.view : undefined;
    const report = validateView(next, 'modal');
    if (report.error !== undefined || !isRecord(next)) {
      return this.state.recordIssue('response_action', 'error', report.errors);
    }
    if (action === 'update') this.state.views.update(view, next);
    else if (this.state.views.pushModal(view.teamId, view.userId, next) === 'push_limit_reached') {
      this.state.recordIssue('response_action', 'error', ['[ERROR] push_limit_reached']);
    }
  }

  /** The person closed a modal (Cancel on one view, or the x for the whole stack). */
  closeView(viewId: string, cleared = false): void {
    const view = this.state.views.get(viewId);
    if (view === undefined) return;
    if (cleared) this.state.views.clearStack(view.userId);
    else this.state.views.close(viewId);
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.state.messages.find(channel, ts);
  }

  ephemeral(userId: string, ts: string): StoredMessage | undefined {
    return this.state.messages.findEphemeral(userId, ts);
  }

  /** Starts a custom step execution (the driver's `functionExecuted` sends its event). */
  startFunctionExecution(
    teamId: string,
    definition: FunctionDefinition,
    inputs: Record<string, unknown>,
  ): FunctionExecution {
    return this.state.functions.start(teamId, definition, inputs);
  }

  functionExecution(id: string): FunctionExecution | undefined {
    return this.state.functions.get(id);
  }

  // ---- recordings -------------------------------------------------------------------------------

  calls(method?: string): CallRecord[] {
    return this.callLog.filter((c) => method === undefined || c.method === method);
  }

  /** Messages currently visible (edits applied, deletions removed); `user` = what that person can see. */
  messages(filter: { channel?: string; user?: string } = {}): StoredMessage[] {
    const { channel, user } = filter;
    return this.state.messages
      .visible()
      .filter((m) => channel === undefined || m.channel === channel)
      .filter((m) => user === undefined || this.canSee(user, m.channel));
  }

  dmsTo(userId: string): StoredMessage[] {
    return this.messages({ channel: this.dmChannelId(userId) });
  }

  ephemerals(userId: string): StoredMessage[] {
    return this.state.messages.ephemerals(userId);
  }

  scheduledMessages(): ScheduledMessage[] {
    return this.state.messages.scheduled();
  }

  /** The user's open modal stack, bottom first. */
  views(userId: string): StoredView[] {
    return this.state.views.modalStack(userId);
  }

  homeView(userId: string): StoredView | undefined {
    return this.state.views.home(userId);
  }

  files(): StoredFile[] {
    return this.state.files.all();
  }

  responses(url?: string): ResponseRecord[] {
    return this.state.responseUrls.records.filter((r) => url === undefined || r.url === url);
  }

  /** Block Kit rejections and warnings (e.g. text over 4,000 characters). */
  issues(severity?: ValidationIssue['severity']): ValidationIssue[] {
    return this.state.issues.filter((i) => severity === undefined || i.severity === severity);
  }

  // ---- faults -----------------------------------------------------------------------------------

  inject(injection: Injection): void {
    this.faults.add(injection);
  }

  rateLimit(rule: RateLimitRule): void {
    this.limiter.set(rule);
  }

  // ---- Socket Mode (PLATFORM.md §2.7) --------------------------------------------------------------

  /** Open Socket Mode connections (an app connects through the URL apps.connections.open gave it). */
  socketConnections(): number {
    return this.socketMode.connections;
  }

  /**
   * An `events_api` envelope whose payload is the whole `event_callback` body (with its event_id);
   * a retry is the same payload again with `retryAttempt` ≥ 1 and a `retryReason`. Returns the envelope_id.
   */
  deliverSocketEvent(payload: Json, options: Omit<DeliverOptions, 'acceptsResponsePayload'> = {}): string {
    return this.socketMode.deliver('events_api', payload, options);
  }

  /** A `slash_commands` envelope (the command's fields as JSON); accepts a response payload. */
  deliverSocketCommand(payload: Json): string {
    return this.socketMode.deliver('slash_commands', payload);
  }

  /** Any envelope type, e.g. `interactive` with a block_actions payload. */
  deliverSocketEnvelope(type: EnvelopeType, payload: Json, options: DeliverOptions = {}): string {
    return this.socketMode.deliver(type, payload, options);
  }

  /** The app's ack (`{ envelope_id, payload? }`) of an envelope; rejects after `timeoutMs`. */
  awaitSocketAck(envelopeId: string, timeoutMs = 3_000): Promise<SocketAck> {
    return this.socketMode.awaitAck(envelopeId, timeoutMs);
  }

  socketAcks(): SocketAck[] {
    return this.socketMode.acks();
  }

  /** Slack's `disconnect` message to every open connection. */
  requestSocketDisconnect(reason?: 'warning' | 'refresh_requested' | 'link_disabled'): void {
    this.socketMode.requestDisconnect(reason);
  }

  // ---- synchronisation and lifecycle ------------------------------------------------------------

  /**
   * Resolves with the probe's first "ready" value (not undefined/null/false). Re-checked after every
   * request the emulator handles, and every 20 ms for time-based conditions.
   */
  waitFor<T>(
    probe: () => T | undefined,
    options: { timeoutMs?: number; description?: string } = {},
  ): Promise<T> {
    const timeoutMs = options.timeoutMs ?? 5000;
    return new Promise<T>((resolve, reject) => {
      const stop = (): void => {
        clearInterval(poll);
        clearTimeout(timer);
        this.events.off(REQUEST_EVENT, check);
      };
      function check(): void {
        try {
          const value = probe();
          if (value === undefined || value === null || value === false) return;
          stop();
          resolve(value);
        } catch (error) {
          stop();
          reject(error);
        }
      }
      const poll = setInterval(check, WAIT_POLL_MS);
      const timer = setTimeout(() => {
        stop();
        reject(new Error(this.timeoutMessage(timeoutMs, options.description)));
      }, timeoutMs);
      this.events.on(REQUEST_EVENT, check);
      check();
    });
  }

  /** Forgets calls, messages, views, files, responses, faults and token revocations; keeps the directory. */
  reset(): void {
    this.callLog = [];
    this.socketMode.reset();
    this.faults.clear();
    this.limiter.clear();
    this.state.clearActivity();
    this.state.directory.restoreTokens();
  }

  /** Forgets everything, including workspaces, users and channels. */
  clear(): void {
    this.reset();
    this.state = this.freshState();
  }

  // ---- HTTP -------------------------------------------------------------------------------------

  private freshState(): EmulatorState {
    const state = new EmulatorState(this.now, this.client);
    state.baseUrl = this.baseUrl;
    state.directory.registerToken(EMULATOR_APP_TOKEN, { kind: 'app' });
    return state;
  }

  private canSee(userId: string, channelId: string): boolean {
    if (channelId === this.dmChannelId(userId)) return true;
    return this.state.directory.channel(channelId)?.members.includes(userId) === true;
  }

  private timeoutMessage(timeoutMs: number, description = 'condition'): string {
    const recent = this.callLog
      .slice(-10)
      .map(
        (c) => `  ${c.method} -> ${c.status} ${isRecord(c.response) ? String(c.response.error ?? 'ok') : ''}`,
      )
      .join('\n');
    return `waitFor(${description}) timed out after ${timeoutMs} ms. Last calls:\n${recent || '  (none)'}`;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', this.baseUrl);
      const raw = await readBody(req);
      const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
      const upload = /^\/upload\/(F\w+)$/.exec(url.pathname);
      if (api?.[1] !== undefined) await this.handleApi(api[1], req, res, raw, url.searchParams);
      else if (upload?.[1] !== undefined && req.method === 'POST')
        await this.handleUpload(upload[1], req, res, raw);
      else if (url.pathname.startsWith('/hooks/') && req.method === 'POST') {
        const answer = this.state.responseUrls.post(url.pathname, mediaType(req), raw);
        sendText(res, answer.status, answer.text);
      } else sendText(res, 404, 'not_found');
    } catch (error) {
      // An emulator bug must fail loudly in the test, not look like a Slack answer.
      console.error('slack-emulator: request failed', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'emulator_bug', detail: String(error) });
    } finally {
      this.events.emit(REQUEST_EVENT);
    }
  }

  private async handleUpload(
    fileId: string,
    req: IncomingMessage,
    res: ServerResponse,
    raw: Buffer,
  ): Promise<void> {
    const file = this.state.files.get(fileId);
    if (file === undefined) return sendText(res, 404, 'file_not_found');
    file.bytes = await uploadedBytes(req, raw);
    sendText(res, 200, `OK - ${file.bytes.length}`);
  }

  private async handleApi(
    method: string,
    req: IncomingMessage,
    res: ServerResponse,
    raw: Buffer,
    query: URLSearchParams,
  ): Promise<void> {
    const at = this.now();
    const spec = methodSpec(method);
    const parsed = parseApiParams(req, raw, query);
    const params = 'params' in parsed ? parsed.params : {};
    const token = bearerToken(req) ?? ('formToken' in parsed ? parsed.formToken : undefined);
    const record = { method, params, token, at, unknownParams: spec ? unknownParams(spec, params) : [] };
    const outcome =
      spec === undefined
        ? { status: 200, body: fail('unknown_method') }
        : 'error' in parsed
          ? { status: 200, body: fail(parsed.error) }
          : await this.answer(method, spec, req, params, token);
    const teamId = token === undefined ? undefined : this.state.directory.token(token)?.teamId;
    this.callLog.push({
      ...record,
      teamId,
      status: outcome.status,
      response: outcome.body,
      fault: outcome.fault,
    });
    if (outcome.drop === true) {
      req.socket.destroy();
      return;
    }
    sendJson(res, outcome.status, outcome.body, outcome.headers);
  }

  /** Authentication, then injected faults and rate limits, then argument checks and the handler. */
  private async answer(
    method: string,
    spec: MethodSpec,
    req: IncomingMessage,
    params: Params,
    token: string | undefined,
  ): Promise<Outcome> {
    if (!spec.httpMethods.includes(req.method ?? '')) return { status: 200, body: fail('invalid_post_type') };
    const auth = this.authenticate(spec, token);
    if ('error' in auth) return { status: 200, body: fail(auth.error) };
    const fault = this.faults.take(method, auth.team?.id);
    if (fault?.type === 'delay') await sleep(fault.ms);
    const early = fault && this.faultOutcome(fault);
    if (early !== undefined) return early;
    const retryAfter = this.limiter.check(method, auth.team?.id);
    if (retryAfter !== undefined) return rateLimited(retryAfter);
    const handler = HANDLERS[method];
    // methods.json and HANDLERS are kept in step by a unit test; a gap is an emulator bug.
    if (handler === undefined) throw new Error(`no handler for ${method}`);
    const missing = missingParams(spec, params);
    const body =
      missing.length > 0
        ? fail('invalid_arguments', missing)
        : handler(this.state, { params, team: auth.team, token, basic: basicAuth(req) });
    return { status: 200, body, drop: fault?.type === 'accept_then_drop', fault: fault?.type };
  }

  private authenticate(
    spec: MethodSpec,
    token: string | undefined,
  ): { team?: Workspace } | { error: string } {
    if (spec.auth === 'client') return {};
    if (token === undefined) return { error: 'not_authed' };
    const info = this.state.directory.token(token);
    if (info === undefined) return { error: 'invalid_auth' };
    if (info.revoked !== undefined) return { error: info.revoked };
    if (info.expiresAt !== undefined && this.now() >= info.expiresAt) return { error: 'token_expired' };
    if (info.kind !== spec.auth) return { error: 'not_allowed_token_type' };
    if (info.kind === 'app') return {};
    const team = this.state.directory.workspace(info.teamId ?? '');
    return team === undefined ? { error: 'invalid_auth' } : { team };
  }

  /** Faults that replace the answer; `delay` and `accept_then_drop` let the call run. */
  private faultOutcome(fault: Fault): Outcome | undefined {
    switch (fault.type) {
      case 'rate_limited':
        return { ...rateLimited(fault.retryAfter), fault: fault.type };
      case 'http':
        return { status: fault.status, body: fail(`http_${fault.status}`), fault: fault.type };
      case 'error':
        return { status: 200, body: fail(fault.error), fault: fault.type };
      case 'delay':
      case 'accept_then_drop':
        return undefined;
    }
  }
}

function rateLimited(retryAfter: number): Outcome {
  return { status: 429, body: fail('ratelimited'), headers: { 'retry-after': String(retryAfter) } };
}
