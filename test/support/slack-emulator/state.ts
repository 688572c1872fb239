/** All in-memory state the Web API handlers and response_url host read and write. */
import { Directory } from './directory.ts';
import { FileStore } from './file-store.ts';
import { FunctionExecutions } from './functions.ts';
import { IdGenerator } from './ids.ts';
import { MessageLog } from './message-log.ts';
import { OAuthCodes } from './oauth-codes.ts';
import { ResponseUrlHost } from './response-urls.ts';
import { TokenRotation } from './token-rotation.ts';
import { TriggerRegistry } from './triggers.ts';
import type { ValidationIssue } from './types.ts';
import { ViewStore } from './view-store.ts';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export class EmulatorState {
  readonly ids = new IdGenerator();
  readonly directory: Directory;
  readonly messages: MessageLog;
  readonly views: ViewStore;
  readonly triggers: TriggerRegistry;
  readonly files: FileStore;
  readonly oauth: OAuthCodes;
  readonly rotation: TokenRotation;
  readonly responseUrls: ResponseUrlHost;
  readonly functions: FunctionExecutions;
  issues: ValidationIssue[] = [];
  /** Socket Mode URLs handed out by apps.connections.open and not used yet: ticket → app id. */
  readonly socketTickets = new Map<string, string>();
  /** Set once the server listens; upload and socket URLs point back at the emulator. */
  baseUrl = '';

  constructor(
    readonly now: () => number,
    readonly client: OAuthClient,
  ) {
    this.directory = new Directory(now);
    this.messages = new MessageLog(this.ids, now);
    this.views = new ViewStore(this.ids, now);
    this.triggers = new TriggerRegistry(now);
    this.files = new FileStore(this.ids);
    this.oauth = new OAuthCodes(now);
    this.rotation = new TokenRotation(this.directory, now);
    this.responseUrls = new ResponseUrlHost(this);
    this.functions = new FunctionExecutions(this.ids, this.directory);
  }

  recordIssue(source: string, severity: ValidationIssue['severity'], messages: string[]): void {
    if (messages.length > 0) this.issues.push({ source, severity, messages, at: this.now() });
  }

  /** Forgets everything that happened; the directory (workspaces, users, channels) stays. */
  clearActivity(): void {
    this.messages.clear();
    this.views.clear();
    this.triggers.clear();
    this.files.clear();
    this.oauth.clear();
    this.responseUrls.clear();
    this.socketTickets.clear();
    this.functions.clear();
    this.issues = [];
  }
}
