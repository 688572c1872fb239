/**
 * Plays Slack towards the app under test: signed requests shaped exactly like PLATFORM.md §2.1–§2.5.
 * Commands and interactivity are `application/x-www-form-urlencoded` without a charset (Bolt only
 * parses that exact type as a form); events are JSON. trigger_ids and response_urls come from the
 * emulator, so the app's follow-up Web API calls and responses land there. `socketCommand` and
 * `socketEvent` send the same payloads as Socket Mode envelopes through the emulator's socket instead.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { toApiMessage } from './api-common.ts';
import type { FunctionDefinition, FunctionParameter } from './functions.ts';
import { isRecord } from './block-kit.ts';
import { signSlackRequest } from './signing.ts';
import type { SocketAck } from './socket-mode.ts';
import type { SlackEmulator } from './slack-emulator.ts';
import type { Json, SlackUser, StoredView, ViewState, Workspace } from './types.ts';
import { findElement } from './view-state.ts';

export interface DriverOptions {
  /** e.g. http://127.0.0.1:3000/slack/events */
  appUrl: string;
  signingSecret: string;
  emulator: SlackEmulator;
  /** Clock for request timestamps; defaults to the real one because Bolt checks against it. */
  now?: () => number;
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  json?: unknown;
}

export interface CommandInput {
  teamId: string;
  userId: string;
  channelId: string;
  /**
   * What the person typed, with mentions, channels and links written as the tokens Slack makes of
   * them (`<@U…>`, `<@U…|name>`, `<#C…|name>`, `<!here>`, `<https://…|label>`). Sent as Slack sends
   * it (`should_escape`): every other `&`, `<` and `>` escaped (see `escapeAsSlack`).
   */
  text: string;
  command?: string;
  enterpriseId?: string;
}

export type ActionContainer =
  | { type: 'message'; channelId: string; messageTs: string; isEphemeral?: boolean }
  | { type: 'view'; viewId: string };

export interface BlockActionInput {
  teamId: string;
  userId: string;
  actionId: string;
  blockId: string;
  value?: string;
  /** Text is taken from the element's options when omitted. */
  selectedOption?: { value: string; text?: string };
  selectedDate?: string;
  container: ActionContainer;
}

export interface ViewSubmissionInput {
  teamId: string;
  userId: string;
  /** A view the app opened; its stored content is sent with `view.state.values` merged in. */
  viewId?: string;
  view?: { callback_id?: string; private_metadata?: string; state?: ViewState };
}

export interface ViewClosedInput {
  teamId: string;
  userId: string;
  viewId: string;
  /** true when the whole stack was closed with the x. */
  isCleared?: boolean;
}

export interface MessageShortcutInput {
  teamId: string;
  userId: string;
  callbackId: string;
  channelId: string;
  /** A message in the emulator (e.g. from `postAsUser`); its full structure goes in the payload. */
  messageTs: string;
}

export interface GlobalShortcutInput {
  teamId: string;
  userId: string;
  callbackId: string;
}

export interface FunctionExecutedInput {
  teamId: string;
  /** A step declared in manifest.yml's `functions`; its definition goes into the event. */
  callbackId: string;
  inputs: Record<string, unknown>;
  eventId?: string;
  /** Over Socket Mode (an `events_api` envelope) instead of a signed HTTP request. */
  socket?: boolean;
}

export interface EventInput {
  teamId: string;
  event: Json;
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface RawInput {
  body: string;
  contentType: string;
  timestamp?: number | string;
  signature?: string;
  headers?: Record<string, string>;
}

/** A Socket Mode envelope the emulator sent and the app's ack of it. */
export interface SocketDelivery {
  envelopeId: string;
  ack: SocketAck;
}

/** The deprecated verification token Slack still sends; apps must ignore it. */
export const LEGACY_TOKEN = 'legacy-verification-token';
const FORM = 'application/x-www-form-urlencoded';

export class SlackDriver {
  private readonly appUrl: string;
  private readonly signingSecret: string;
  private readonly emulator: SlackEmulator;
  private readonly now: () => number;
  private eventCounter = 0;

  constructor(options: DriverOptions) {
    this.appUrl = options.appUrl;
    this.signingSecret = options.signingSecret;
    this.emulator = options.emulator;
    this.now = options.now ?? Date.now;
  }

  /** A slash command (PLATFORM.md §2.1), fields in Slack's order. */
  async command(input: CommandInput): Promise<AppResponse> {
    return this.send(new URLSearchParams(this.commandFields(input)).toString(), FORM);
  }

  /**
   * The same command over Socket Mode (PLATFORM.md §2.7): a `slash_commands` envelope whose payload is
   * the command's fields as JSON. Resolves with the app's ack (its `payload` is the command's answer).
   */
  async socketCommand(input: CommandInput, timeoutMs?: number): Promise<SocketDelivery> {
    const envelopeId = this.emulator.deliverSocketCommand(this.commandFields(input));
    return { envelopeId, ack: await this.emulator.awaitSocketAck(envelopeId, timeoutMs) };
  }

  private commandFields(input: CommandInput): Record<string, string> {
    const team = this.emulator.workspace(input.teamId);
    const user = this.person(input.userId);
    const enterpriseId = input.enterpriseId ?? team.enterpriseId;
    const head: Record<string, string> = { token: LEGACY_TOKEN, team_id: team.id, team_domain: team.domain };
    if (enterpriseId !== undefined) {
      head.enterprise_id = enterpriseId;
      head.enterprise_name = team.enterpriseName ?? enterpriseId;
    }
    return {
      ...head,
      channel_id: input.channelId,
      channel_name: this.channelName(input.channelId),
      user_id: user.id,
      user_name: user.name,
      command: input.command ?? '/trust',
      text: escapeAsSlack(input.text),
      api_app_id: team.appId,
      is_enterprise_install: 'false',
      response_url: this.emulator.createResponseUrl('commands', team.id, {
        channelId: input.channelId,
        userId: user.id,
      }),
      trigger_id: this.emulator.issueTriggerId(team.id, user.id),
    };
  }

  /** A click/selection (PLATFORM.md §2.2) on a message or in a modal/Home tab. */
  async blockAction(input: BlockActionInput): Promise<AppResponse> {
    const team = this.emulator.workspace(input.teamId);
    const user = this.person(input.userId);
    const c = input.container;
    const payload: Json = {
      type: 'block_actions',
      user: this.userRef(user, c.type === 'view'),
      api_app_id: team.appId,
      token: LEGACY_TOKEN,
      container:
        c.type === 'view'
          ? { type: 'view', view_id: c.viewId }
          : {
              type: 'message',
              message_ts: c.messageTs,
              channel_id: c.channelId,
              is_ephemeral: c.isEphemeral ?? false,
            },
      trigger_id: this.emulator.issueTriggerId(team.id, user.id),
      ...this.teamRefs(team),
    };
    if (c.type === 'view') {
      const view = this.openView(c.viewId, user.id);
      const action = this.action(input, view.body.blocks, view.type);
      this.recordViewValue(view, input, action);
      Object.assign(payload, { view: this.emulator.apiView(view.id), state: view.state, actions: [action] });
    } else {
      const message =
        c.isEphemeral === true
          ? this.emulator.ephemeral(user.id, c.messageTs)
          : this.emulator.message(c.channelId, c.messageTs);
      const action = this.action(input, message?.blocks, 'message');
      Object.assign(payload, {
        channel: { id: c.channelId, name: this.channelName(c.channelId) },
        // Whether Slack includes `message` for ephemeral sources is unverified; leave it out so apps cope.
        ...(message === undefined || c.isEphemeral === true ? {} : { message: toApiMessage(message, team) }),
        state: { values: {} },
        response_url: this.emulator.createResponseUrl('actions', team.id, {
          channelId: c.channelId,
          userId: user.id,
          messageTs: c.messageTs,
          isEphemeral: c.isEphemeral,
        }),
        actions: [action],
      });
    }
    return this.sendPayload(payload);
  }

  /**
   * A message shortcut (`message_action`), shaped as Slack's shortcut payload reference shows it:
   * the whole message (with `thread_ts`/`parent_user_id` for a thread reply), the channel, a
   * trigger_id (3 s, once) and a response_url. The message may be in a conversation the app cannot
   * read (a DM between two people): the payload still carries it.
   */
  async messageShortcut(input: MessageShortcutInput): Promise<AppResponse> {
    return this.sendPayload(this.messageShortcutPayload(input));
  }

  /** The same message shortcut over Socket Mode (an `interactive` envelope). */
  async socketMessageShortcut(input: MessageShortcutInput, timeoutMs?: number): Promise<SocketDelivery> {
    const envelopeId = this.emulator.deliverSocketEnvelope('interactive', this.messageShortcutPayload(input));
    return { envelopeId, ack: await this.emulator.awaitSocketAck(envelopeId, timeoutMs) };
  }

  private messageShortcutPayload(input: MessageShortcutInput): Json {
    const team = this.emulator.workspace(input.teamId);
    const user = this.person(input.userId);
    const message = this.emulator.message(input.channelId, input.messageTs);
    if (message === undefined)
      throw new Error(`driver: no message ${input.messageTs} in ${input.channelId}; post it first`);
    const parent =
      message.thread_ts !== undefined && message.thread_ts !== message.ts
        ? this.emulator.message(input.channelId, message.thread_ts)
        : undefined;
    return {
      type: 'message_action',
      token: LEGACY_TOKEN,
      action_ts: this.actionTs(),
      ...this.teamRefs(team),
      user: { id: user.id, name: user.name, username: user.name, team_id: user.team_id },
      channel: { id: input.channelId, name: this.channelName(input.channelId) },
      callback_id: input.callbackId,
      trigger_id: this.emulator.issueTriggerId(team.id, user.id),
      response_url: this.emulator.createResponseUrl('actions', team.id, {
        channelId: input.channelId,
        userId: user.id,
      }),
      message_ts: message.ts,
      message: {
        ...toApiMessage(message, team),
        ...(parent === undefined ? {} : { parent_user_id: parent.user }),
      },
    };
  }

  /** A global shortcut (`shortcut`): no channel, no message, no response_url (PLATFORM.md §1.5). */
  async globalShortcut(input: GlobalShortcutInput): Promise<AppResponse> {
    const team = this.emulator.workspace(input.teamId);
    const user = this.person(input.userId);
    return this.sendPayload({
      type: 'shortcut',
      token: LEGACY_TOKEN,
      action_ts: this.actionTs(),
      ...this.teamRefs(team),
      user: { id: user.id, username: user.name, team_id: user.team_id },
      callback_id: input.callbackId,
      trigger_id: this.emulator.issueTriggerId(team.id, user.id),
    });
  }

  /** Submit of a modal (PLATFORM.md §2.3); the app's answer is applied to the emulator's modal stack. */
  async viewSubmission(input: ViewSubmissionInput): Promise<AppResponse> {
    const team = this.emulator.workspace(input.teamId);
    const user = this.person(input.userId);
    const view =
      input.viewId === undefined
        ? this.adHocView(team, input.view)
        : this.submittedView(input.viewId, user.id, input.view?.state);
    const response = await this.sendPayload({
      type: 'view_submission',
      ...this.teamRefs(team),
      user: this.userRef(user, true),
      api_app_id: team.appId,
      token: LEGACY_TOKEN,
      trigger_id: this.emulator.issueTriggerId(team.id, user.id),
      view,
      response_urls: [],
    });
    if (input.viewId !== undefined && response.status === 200) {
      this.emulator.applyViewSubmissionAnswer(input.viewId, response.text === '' ? undefined : response.json);
    }
    return response;
  }

  /** The person closed a modal opened with notify_on_close (PLATFORM.md §2.4). */
  async viewClosed(input: ViewClosedInput): Promise<AppResponse> {
    const team = this.emulator.workspace(input.teamId);
    const user = this.person(input.userId);
    const view = this.emulator.apiView(this.openView(input.viewId, user.id).id);
    this.emulator.closeView(input.viewId, input.isCleared ?? false);
    return this.sendPayload({
      type: 'view_closed',
      ...this.teamRefs(team),
      user: this.userRef(user, true),
      view,
      api_app_id: team.appId,
      token: LEGACY_TOKEN,
      is_cleared: input.isCleared ?? false,
    });
  }

  /** An Events API delivery (PLATFORM.md §2.5); retries carry the X-Slack-Retry-* headers. */
  async event(input: EventInput): Promise<AppResponse> {
    const headers: Record<string, string> =
      input.retryNum === undefined
        ? {}
        : {
            'x-slack-retry-num': String(input.retryNum),
            'x-slack-retry-reason': input.retryReason ?? 'http_timeout',
          };
    return this.send(JSON.stringify(this.eventCallback(input)), 'application/json', headers);
  }

  /**
   * The same delivery over Socket Mode: an `events_api` envelope whose payload is the whole
   * `event_callback` body; a retry carries `retry_attempt`/`retry_reason` (PLATFORM.md §2.7).
   * Resolves with the app's ack.
   */
  async socketEvent(input: EventInput, timeoutMs?: number): Promise<SocketDelivery> {
    const envelopeId = this.emulator.deliverSocketEvent(this.eventCallback(input), {
      retryAttempt: input.retryNum ?? 0,
      retryReason: input.retryNum === undefined ? '' : (input.retryReason ?? 'timeout'),
    });
    return { envelopeId, ack: await this.emulator.awaitSocketAck(envelopeId, timeoutMs) };
  }

  private eventCallback(input: EventInput): Json {
    const team = this.emulator.workspace(input.teamId);
    const type = typeof input.event.type === 'string' ? input.event.type : 'unknown';
    const enterpriseId = team.enterpriseId ?? null;
    const envelope: Json = {
      token: LEGACY_TOKEN,
      team_id: team.id,
      ...(team.enterpriseId === undefined ? {} : { enterprise_id: team.enterpriseId }),
      api_app_id: team.appId,
      event: input.event,
      type: 'event_callback',
      event_id: input.eventId ?? this.nextEventId(),
      event_time: Math.floor(this.now() / 1000),
      event_context: `4-${Buffer.from(JSON.stringify({ et: type, tid: team.id })).toString('base64url')}`,
      authorizations: [
        {
          enterprise_id: enterpriseId,
          team_id: team.id,
          user_id: team.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      context_team_id: team.id,
      context_enterprise_id: enterpriseId,
    };
    return envelope;
  }

  /**
   * A workflow ran one of the app's custom steps: the emulator starts an execution (with its own
   * workflow token) and the app gets `function_executed` as docs/slack-workflow-steps.md shows it.
   * Resolves once the app acknowledged it; wait on `emulator.functionExecution(id)` for the outcome.
   */
  async functionExecuted(
    input: FunctionExecutedInput,
  ): Promise<{ executionId: string; status: number | undefined }> {
    const definition = manifestFunction(input.callbackId);
    const execution = this.emulator.startFunctionExecution(input.teamId, definition, input.inputs);
    const team = this.emulator.workspace(input.teamId);
    const parameters = (list: FunctionParameter[]) =>
      list.map((p) => ({
        type: p.type,
        name: p.name,
        ...(p.description === undefined ? {} : { description: p.description }),
        ...(p.title === undefined ? {} : { title: p.title }),
        is_required: p.is_required,
      }));
    const event: Json = {
      type: 'function_executed',
      function: {
        id: `Fn0${input.callbackId
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, '')
          .slice(0, 8)}`,
        callback_id: definition.callbackId,
        title: definition.title,
        ...(definition.description === undefined ? {} : { description: definition.description }),
        type: 'app',
        input_parameters: parameters(definition.inputParameters),
        output_parameters: parameters(definition.outputParameters),
        app_id: team.appId,
        date_created: 1694727597,
        date_updated: 1698947481,
        date_deleted: 0,
      },
      inputs: input.inputs as Json,
      function_execution_id: execution.id,
      workflow_execution_id: execution.workflowExecutionId,
      event_ts: this.actionTs(),
      bot_access_token: execution.token,
    };
    const delivery = { teamId: input.teamId, event, ...(input.eventId ? { eventId: input.eventId } : {}) };
    if (input.socket === true) {
      await this.socketEvent(delivery);
      return { executionId: execution.id, status: undefined };
    }
    const response = await this.event(delivery);
    return { executionId: execution.id, status: response.status };
  }

  /** `app_home_opened` (PLATFORM.md §2.6), with the published Home view when there is one. */
  async appHomeOpened(input: {
    teamId: string;
    userId: string;
    tab?: 'home' | 'messages';
  }): Promise<AppResponse> {
    const home = this.emulator.homeView(input.userId);
    return this.event({
      teamId: input.teamId,
      event: {
        type: 'app_home_opened',
        user: input.userId,
        channel: this.emulator.dmChannelId(input.userId),
        tab: input.tab ?? 'home',
        event_ts: this.actionTs(),
        ...(home === undefined ? {} : { view: this.emulator.apiView(home.id) }),
      },
    });
  }

  async urlVerification(challenge: string): Promise<AppResponse> {
    return this.send(
      JSON.stringify({ token: LEGACY_TOKEN, challenge, type: 'url_verification' }),
      'application/json',
    );
  }

  /** Any body, optionally with a forged timestamp or signature, for request-guard tests. */
  async raw(input: RawInput): Promise<AppResponse> {
    return this.send(input.body, input.contentType, input.headers, input.timestamp, input.signature);
  }

  // ---- payload parts ----------------------------------------------------------------------------

  private person(userId: string): SlackUser {
    const user = this.emulator.user(userId);
    if (user === undefined) throw new Error(`driver: unknown user ${userId}; add it to the emulator first`);
    return user;
  }

  private channelName(channelId: string): string {
    if (channelId.startsWith('D')) return 'directmessage';
    const channel = this.emulator.channel(channelId);
    if (channel === undefined)
      throw new Error(`driver: unknown channel ${channelId}; add it to the emulator first`);
    return channel.name;
  }

  /** `name` is only present for view sources (PLATFORM.md §2.2/§2.3). */
  private userRef(user: SlackUser, withName: boolean): Json {
    return withName
      ? { id: user.id, username: user.name, name: user.name, team_id: user.team_id }
      : { id: user.id, username: user.name, team_id: user.team_id };
  }

  private teamRefs(team: Workspace): Json {
    const enterprise =
      team.enterpriseId === undefined ? null : { id: team.enterpriseId, name: team.enterpriseName };
    return { team: { id: team.id, domain: team.domain }, enterprise, is_enterprise_install: false };
  }

  /** Only the person a view was opened for can act in it. */
  private openView(viewId: string, userId: string): StoredView {
    const view = this.emulator.view(viewId);
    if (view === undefined || !view.open) throw new Error(`driver: view ${viewId} is not open`);
    if (view.userId !== userId)
      throw new Error(`driver: view ${viewId} belongs to ${view.userId}, not ${userId}`);
    return view;
  }

  /** The actions[0] entry; when the surface is known the element must exist on it. */
  private action(input: BlockActionInput, blocks: unknown, surface: string): Json {
    const element = findElement(blocks, input.blockId, input.actionId);
    if (blocks !== undefined && element === undefined) {
      throw new Error(`driver: no element ${input.blockId}/${input.actionId} on this ${surface}`);
    }
    const type = typeof element?.type === 'string' ? element.type : 'button';
    const value = input.value ?? (typeof element?.value === 'string' ? element.value : undefined);
    return {
      type,
      action_id: input.actionId,
      block_id: input.blockId,
      ...(element?.text === undefined ? {} : { text: element.text }),
      ...(value === undefined ? {} : { value }),
      ...(element?.style === undefined ? {} : { style: element.style }),
      ...(input.selectedOption === undefined
        ? {}
        : { selected_option: this.option(element, input.selectedOption) }),
      ...(input.selectedDate === undefined ? {} : { selected_date: input.selectedDate }),
      action_ts: this.actionTs(),
    };
  }

  /** The chosen option as Slack sends it; it must be one the element offers. */
  private option(element: Json | undefined, chosen: { value: string; text?: string }): Json {
    const options = Array.isArray(element?.options) ? element.options : [];
    const offered = options.find((o): o is Json => isRecord(o) && o.value === chosen.value);
    if (options.length > 0 && offered === undefined)
      throw new Error(`driver: option ${chosen.value} is not offered`);
    const text = offered?.text ?? { type: 'plain_text', text: chosen.text ?? chosen.value, emoji: true };
    return { text, value: chosen.value };
  }

  /** A selection inside a view also lands in `view.state` (e.g. a dispatching radio button). */
  private recordViewValue(view: StoredView, input: BlockActionInput, action: Json): void {
    const entry =
      input.selectedOption !== undefined
        ? { selected_option: action.selected_option }
        : input.selectedDate !== undefined
          ? { selected_date: input.selectedDate }
          : undefined;
    if (entry !== undefined) {
      this.emulator.setViewValues(view.id, {
        [input.blockId]: { [input.actionId]: { type: action.type, ...entry } },
      });
    }
  }

  private submittedView(viewId: string, userId: string, state: ViewState | undefined): Json {
    const view = this.openView(viewId, userId);
    if (view.type !== 'modal') throw new Error(`driver: view ${viewId} is a ${view.type}, not a modal`);
    for (const [blockId, actions] of Object.entries(state?.values ?? {})) {
      for (const actionId of Object.keys(actions)) {
        if (view.state.values[blockId]?.[actionId] === undefined) {
          throw new Error(`driver: view ${viewId} has no input ${blockId}/${actionId}`);
        }
      }
    }
    if (state !== undefined) this.emulator.setViewValues(viewId, state.values);
    return this.emulator.apiView(viewId) ?? {};
  }

  /** A modal the emulator never saw (e.g. to test a handler in isolation). */
  private adHocView(team: Workspace, view: ViewSubmissionInput['view']): Json {
    return {
      id: 'V0ADHOC01',
      team_id: team.id,
      type: 'modal',
      callback_id: view?.callback_id ?? '',
      private_metadata: view?.private_metadata ?? '',
      state: view?.state ?? { values: {} },
      hash: `${Math.floor(this.now() / 1000)}.adhoc`,
      blocks: [],
      root_view_id: 'V0ADHOC01',
      previous_view_id: null,
      app_id: team.appId,
      bot_id: team.botId,
    };
  }

  private actionTs(): string {
    return (this.now() / 1000).toFixed(6);
  }

  private nextEventId(): string {
    this.eventCounter += 1;
    return `Ev0EMU${String(this.eventCounter).padStart(6, '0')}`;
  }

  // ---- transport --------------------------------------------------------------------------------

  private sendPayload(payload: Json): Promise<AppResponse> {
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
  }

  private async send(
    body: string,
    contentType: string,
    headers: Record<string, string> = {},
    timestamp: number | string = Math.floor(this.now() / 1000),
    signature?: string,
  ): Promise<AppResponse> {
    const response = await fetch(this.appUrl, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature ?? signSlackRequest(this.signingSecret, timestamp, body),
        ...headers,
      },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      text,
      json: parseJson(text),
    };
  }
}

// The tokens Slack itself puts into command text: user, channel and group mentions, special
// mentions and links. Anything else in angle brackets was typed by the person.
const slackToken =
  /<(?:@[UW][A-Z0-9]+(?:\|[^<>|]*)?|#[CG][A-Z0-9]+(?:\|[^<>|]*)?|![a-z]+(?:\^[^<>|]*)?(?:\|[^<>|]*)?|(?:https?|mailto):[^<>|\s]+(?:\|[^<>]*)?)>/g;

/**
 * Command text as Slack delivers it (PLATFORM.md §2.1, §4.4): `&`, `<` and `>` the person typed
 * become `&amp;`, `&lt;` and `&gt;` (so a typed `&amp;` arrives as `&amp;amp;`); the tokens Slack
 * made of mentions and links are kept as they are.
 */
export function escapeAsSlack(typed: string): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  let out = '';
  let last = 0;
  for (const token of typed.matchAll(slackToken)) {
    out += escape(typed.slice(last, token.index)) + token[0];
    last = token.index + token[0].length;
  }
  return out + escape(typed.slice(last));
}

const manifestParameters = z
  .object({
    properties: z.record(
      z.string(),
      z.object({ type: z.string(), title: z.string().optional(), description: z.string().optional() }),
    ),
    required: z.array(z.string()).optional(),
  })
  .optional();

const manifestFunctions = z.object({
  functions: z
    .record(
      z.string(),
      z.object({
        title: z.string(),
        description: z.string().optional(),
        input_parameters: manifestParameters,
        output_parameters: manifestParameters,
      }),
    )
    .optional(),
});

/** A step as manifest.yml declares it (v2 parameters: `properties` plus a `required` list). */
function manifestFunction(callbackId: string): FunctionDefinition {
  const manifest = manifestFunctions.parse(parse(readFileSync('manifest.yml', 'utf8')));
  const found = manifest.functions?.[callbackId];
  if (found === undefined) throw new Error(`driver: manifest.yml declares no function ${callbackId}`);
  const list = (params: z.infer<typeof manifestParameters>): FunctionParameter[] =>
    Object.entries(params?.properties ?? {}).map(([name, p]) => ({
      name,
      type: p.type,
      ...(p.title === undefined ? {} : { title: p.title }),
      ...(p.description === undefined ? {} : { description: p.description }),
      is_required: params?.required?.includes(name) ?? false,
    }));
  return {
    callbackId,
    title: found.title,
    ...(found.description === undefined ? {} : { description: found.description }),
    inputParameters: list(found.input_parameters),
    outputParameters: list(found.output_parameters),
  };
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
