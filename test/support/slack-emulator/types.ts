/** Shared shapes of the emulator's in-memory state and recordings. */

export type Json = Record<string, unknown>;
export type Params = Record<string, unknown>;

/** A Web API answer body: `{ok:true,...}` or `{ok:false,error,...}`. */
export interface ApiBody {
  ok: boolean;
  error?: string;
  [key: string]: unknown;
}

export interface Workspace {
  id: string;
  name: string;
  domain: string;
  enterpriseId?: string;
  enterpriseName?: string;
  botUserId: string;
  botId: string;
  appId: string;
  botToken: string;
}

/** The user object fields of PLATFORM.md §7 that the app reads. */
export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  deleted: boolean;
  is_bot: boolean;
  is_app_user: boolean;
  is_admin: boolean;
  is_owner: boolean;
  is_primary_owner: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  tz: string;
  tz_label: string;
  tz_offset: number;
  locale: string;
  updated: number;
  profile: { display_name: string; real_name: string; bot_id?: string };
}

export interface Channel {
  id: string;
  teamId: string;
  name: string;
  is_private: boolean;
  is_archived: boolean;
  /** Human (and other bot) members; the app's bot is tracked by `botIsMember`. */
  members: string[];
  botIsMember: boolean;
  created: number;
}

export interface MessageVersion {
  text: string;
  blocks: unknown[];
  /** Emulator time (ms) at which this version was replaced. */
  replacedAt: number;
}

export interface StoredMessage {
  teamId: string;
  channel: string;
  ts: string;
  /** Author: the app's bot user, or a human seeded with `postAsUser`. */
  user: string;
  /** Set when the app's bot posted it; chat.update/delete only work on these. */
  bot_id?: string;
  text: string;
  blocks: unknown[];
  thread_ts?: string;
  files?: string[];
  metadata?: unknown;
  /** Only this user sees it (chat.postEphemeral or an ephemeral response_url answer). */
  ephemeralTo?: string;
  via: 'api' | 'response_url' | 'seed';
  deleted: boolean;
  /** Earlier versions, oldest first. */
  history: MessageVersion[];
}

export interface ViewState {
  values: Record<string, Record<string, unknown>>;
}

export interface StoredView {
  id: string;
  teamId: string;
  userId: string;
  type: 'modal' | 'home';
  /** The view as the app last sent it (blocks, title, callback_id, ...). */
  body: Json;
  hash: string;
  state: ViewState;
  rootViewId: string;
  previousViewId: string | null;
  open: boolean;
}

export interface StoredFile {
  id: string;
  teamId: string;
  filename: string;
  length: number;
  altText?: string;
  snippetType?: string;
  title?: string;
  /** Bytes POSTed to the upload URL (undefined until then). */
  bytes?: Buffer;
  completed: boolean;
  channels: string[];
  initialComment?: string;
  threadTs?: string;
}

export interface CallRecord {
  method: string;
  /** Decoded parameters (JSON fields such as blocks/view/files parsed), without the token. */
  params: Params;
  token?: string;
  teamId?: string;
  /** Emulator time (ms) the request arrived. */
  at: number;
  status: number;
  response: unknown;
  /** Parameters the method does not know; accepted and ignored, listed to catch typos. */
  unknownParams: string[];
  /** Set when a fault was injected into this call. */
  fault?: string;
}

export interface ValidationIssue {
  /** Web API method or `response_url`. */
  source: string;
  severity: 'error' | 'warning';
  messages: string[];
  at: number;
}

export type ResponseUrlKind = 'commands' | 'actions';

export interface ResponseRecord {
  url: string;
  kind: ResponseUrlKind;
  teamId: string;
  body: unknown;
  status: number;
  /** Error text when the post was refused (e.g. `used_url`). */
  error?: string;
  at: number;
}
