import type { RequestListener } from 'node:http';
import {
  App,
  type Authorize,
  HTTPReceiver,
  type Receiver,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';
import type { AppConfig, Secrets } from '../config.ts';
import type { AppContext } from '../app-context.ts';
import type { UserServiceDeps } from '../domain/users/user.service.ts';
import { type Logger, toBoltLogger } from '../logger.ts';
import type { Metrics, SlackSurface } from '../metrics.ts';
import { BotIdentityProbe } from './runtime/bot-identity.ts';
import { registerTrustCommand } from './listeners/commands/trust.command.ts';
import { registerAppHomeOpened } from './listeners/events/app-home-opened.event.ts';
import { registerHomeListeners } from './listeners/home/index.ts';
import { registerUninstall } from './listeners/events/uninstall.event.ts';
import { registerUserChange } from './listeners/events/user-change.event.ts';
import { registerCheckinListeners } from './listeners/checkins/index.ts';
import { registerPromiseListeners } from './listeners/promises/index.ts';
import { registerTeamListeners } from './listeners/teams/index.ts';
import { registerPulseListeners } from './listeners/pulse/index.ts';
import { registerHabitListeners } from './listeners/habits/index.ts';
import { registerDigestListeners } from './listeners/digest/index.ts';
import { registerSettingsListeners } from './listeners/settings/index.ts';
import { registerPrivacyListeners } from './listeners/privacy/index.ts';
import { registerShortcutListeners } from './listeners/shortcuts/index.ts';
import { registerStepListeners } from './listeners/steps/index.ts';
import { createSlackChannelDirectory } from './directory/slack-channel-directory.ts';
import type { SubcommandHandlers } from './listeners/commands/subcommand.ts';
import type { ListenerDeps } from './listeners/listener-deps.ts';
import { type ListenerInventory, ListenerRegistrar } from './listeners/registrar.ts';
import { createSlackUserSource } from './directory/slack-user-source.ts';
import { createHomeRefresher, type HomeRefresher } from './home-refresher.ts';
import { publishHome } from './home-publisher.ts';
import { createInteractiveClient, interactiveClientOptions } from './runtime/web-client.ts';
import { createOAuthReceiver, INSTALL_PATH, REDIRECT_PATH } from './install/oauth-install.ts';
import type { OAuthWorkspaces } from './install/oauth-workspaces.ts';
import { createViewSeal } from './runtime/view-seal.ts';
import { createResponseUrlGuard, responseUrlsOf } from './runtime/response-url-guard.ts';

/** Largest request body accepted; Slack's biggest payloads (view submissions) are far below it. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface SlackAppDeps {
  /** OAuth mode: the installations shared with the scheduler (required when config.slack.oauth). */
  oauth: OAuthWorkspaces | undefined;
  config: AppConfig;
  secrets: Secrets;
  logger: Logger;
  metrics: Metrics;
  /** The repositories and feature dependencies, shared with the scheduler. */
  context: AppContext;
  kickOutbox(): void;
}

export type { ListenerInventory };

export interface SlackRuntime {
  app: App;
  /** Handles POST /slack/events (HTTP mode only). */
  requestListener: RequestListener | undefined;
  /** Single-workspace mode: who the bot token belongs to (auth.test); none with OAuth. */
  identity: BotIdentityProbe | undefined;
  /** GET paths of the OAuth install flow, served by `requestListener` (empty without OAuth). */
  oauthPaths: string[];
  /** Slack side of readiness: the bot token answered (single workspace); always true with OAuth. */
  ready(): boolean;
  listeners: ListenerInventory;
  /** App Home refreshes; `flush()` lets tests wait for them. */
  home: HomeRefresher;
  clientFor(workspaceId: string): Promise<webApi.WebClient>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createSlackApp(deps: SlackAppDeps): SlackRuntime {
  const { config, secrets, logger } = deps;
  const boltLogger = toBoltLogger(logger);
  const clientOptions = interactiveClientOptions(config.slack.apiUrl, boltLogger);
  const auth = config.slack.oauth ? oauthAuth(deps, boltLogger) : singleWorkspaceAuth(deps, boltLogger);
  const { receiver, identity, clientFor } = auth;
  const app = new App({
    receiver,
    // With OAuth, Bolt's installer authorizes each request from the installation store.
    ...(auth.authorize ? { authorize: auth.authorize } : {}),
    logger: boltLogger,
    clientOptions,
    // We keep no per-conversation state in Bolt; its store costs an Error per request.
    convoStore: false,
  });

  const { context } = deps;
  const users: UserServiceDeps = {
    users: context.users,
    slack: createSlackUserSource(clientFor),
    clock: context.clock,
    onProfileSaved: context.onProfileSaved,
  };
  const listenerDeps: ListenerDeps = {
    logger: logger.child({ subsystem: 'listeners' }),
    clock: context.clock,
    settings: context.settings,
    stores: context.stores,
    outbox: context.outbox,
    pulse: context.pulse,
    checkinComposer: context.checkinComposer,
    digest: context.digest,
    teamDefaults: context.teamDefaults,
    privacy: context.privacy,
    users,
    kickOutbox: deps.kickOutbox,
    channels: createSlackChannelDirectory(clientFor, users),
    home: createHomeRefresher({
      logger: logger.child({ subsystem: 'home' }),
      publish: async (workspaceId, userId) =>
        publishHome(listenerDeps, await clientFor(workspaceId), workspaceId, userId),
    }),
    viewSeal: createViewSeal(secrets.pulseSecret),
  };

  installMiddleware(app, deps);
  const listeners = registerListeners(app, listenerDeps);

  app.error(async (error) => {
    logger.error({ err: error, errorCode: error.code }, 'unhandled error in a Slack listener');
  });

  return {
    app,
    requestListener: receiver instanceof HTTPReceiver ? receiver.requestListener : undefined,
    identity,
    oauthPaths: auth.oauthPaths,
    ready: () => config.slack.oauth || identity?.identity !== undefined,
    listeners,
    home: listenerDeps.home,
    clientFor,
    async start() {
      // With OAuth there is no single token to probe; each workspace's token is checked on use.
      await identity?.start();
      if (receiver instanceof SocketModeReceiver) await receiver.start();
    },
    async stop() {
      identity?.stop();
      await listenerDeps.home.stop();
      if (receiver instanceof SocketModeReceiver) await disconnectSocket(receiver);
    },
  };
}

/**
 * Bolt's SocketModeReceiver.stop() only sends the close frame and resolves at once; wait for Slack's
 * answer (at most 2 s) so the socket closes cleanly instead of being cut mid-handshake when the
 * process exits or the test's Slack goes away. (No OAuth server to close: Socket Mode excludes OAuth.)
 */
async function disconnectSocket(receiver: SocketModeReceiver): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    receiver.client.disconnect(),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 2_000);
    }),
  ]);
  clearTimeout(timer);
}

interface WorkspaceAuth {
  receiver: Receiver;
  authorize: Authorize<boolean> | undefined;
  clientFor(workspaceId: string): Promise<webApi.WebClient>;
  identity: BotIdentityProbe | undefined;
  oauthPaths: string[];
}

/** One workspace, one bot token from the environment. */
function singleWorkspaceAuth(deps: SlackAppDeps, boltLogger: ReturnType<typeof toBoltLogger>): WorkspaceAuth {
  const { config, secrets, logger } = deps;
  const botToken = secrets.botToken;
  if (!botToken) throw new Error('SLACK_BOT_TOKEN is required in single-workspace mode.');

  const botClient = createInteractiveClient(botToken, config.slack.apiUrl, boltLogger);
  const identity = new BotIdentityProbe(botClient, logger.child({ subsystem: 'identity' }));
  identity.onIdentity((id) => deps.context.stores.workspaces.saveIdentity(id));

  const authorize: Authorize<boolean> = async (source) => {
    const known = identity.identity;
    return {
      botToken,
      botId: known?.botId,
      botUserId: known?.botUserId,
      teamId: known?.teamId ?? source.teamId,
      enterpriseId: known?.enterpriseId ?? source.enterpriseId,
    };
  };
  return {
    receiver: createReceiver(config, secrets, boltLogger),
    authorize,
    clientFor: async () => botClient,
    identity,
    oauthPaths: [],
  };
}

/** Many workspaces installed through OAuth, each with its own (encrypted, maybe rotating) token. */
function oauthAuth(deps: SlackAppDeps, boltLogger: ReturnType<typeof toBoltLogger>): WorkspaceAuth {
  const { config, secrets, logger } = deps;
  const workspaces = deps.oauth;
  if (!workspaces) throw new Error('OAuth mode needs the installations built with the app context.');
  return {
    receiver: createOAuthReceiver({
      config,
      secrets,
      logger,
      boltLogger,
      workspaces,
      bodyLimit: MAX_BODY_BYTES,
    }),
    authorize: undefined,
    clientFor: workspaces.clientFor,
    identity: undefined,
    oauthPaths: [INSTALL_PATH, REDIRECT_PATH],
  };
}

function createReceiver(
  config: AppConfig,
  secrets: Secrets,
  logger: ReturnType<typeof toBoltLogger>,
): Receiver {
  if (config.slack.mode === 'socket') {
    if (!secrets.appToken) throw new Error('SLACK_APP_TOKEN missing in Socket Mode');
    return new SocketModeReceiver({
      appToken: secrets.appToken,
      logger,
      installerOptions: { clientOptions: { slackApiUrl: config.slack.apiUrl } },
    });
  }
  if (!secrets.signingSecret) throw new Error('SLACK_SIGNING_SECRET missing in HTTP mode');
  return new HTTPReceiver({
    signingSecret: secrets.signingSecret,
    endpoints: '/slack/events',
    logger,
    bodyLimit: MAX_BODY_BYTES,
    unhandledRequestTimeoutMillis: 3_001,
  });
}

function registerListeners(app: App, deps: ListenerDeps): ListenerInventory {
  const registrar = new ListenerRegistrar(app, (kind, id) =>
    deps.logger.warn({ kind, id: id.slice(0, 100) }, 'no listener for this Slack request; acknowledged'),
  );
  // Each feature registers its actions and views and hands back the subcommands it answers.
  const subcommands: SubcommandHandlers = {
    ...registerCheckinListeners(registrar, deps),
    ...registerPromiseListeners(registrar, deps),
    ...registerTeamListeners(registrar, deps),
    ...registerPulseListeners(registrar, deps),
    ...registerHabitListeners(registrar, deps),
    ...registerDigestListeners(deps),
    ...registerSettingsListeners(registrar, deps),
    ...registerPrivacyListeners(registrar, deps),
  };
  registerTrustCommand(registrar, deps, subcommands);
  registerAppHomeOpened(registrar, deps);
  registerHomeListeners(registrar, deps);
  registerUserChange(registrar, deps);
  registerUninstall(registrar, deps);
  registerShortcutListeners(registrar, deps);
  registerStepListeners(registrar, deps);
  return registrar.inventory;
}

function installMiddleware(app: App, deps: SlackAppDeps): void {
  // One global middleware, not two: Bolt copies the request's arguments for every middleware call.
  // Timing covers everything after it; then Slack's event retries (same event_id) are dropped, so
  // an event has one side effect only.
  const allowedResponseUrl = createResponseUrlGuard(
    deps.config.slack.apiUrl,
    deps.config.slack.responseUrlOrigin,
  );
  app.use(async (args) => {
    const { body, next, logger } = args;
    const ack = 'ack' in args ? (args.ack as (() => Promise<void>) | undefined) : undefined;
    const surface = surfaceOf(body);
    const end = deps.metrics.slackRequests.startTimer({ surface });
    try {
      // A response_url off Slack's host is never called: the request is acked and dropped.
      if (!responseUrlsOf(body).every(allowedResponseUrl)) {
        logger.warn("request with a response_url off Slack's host ignored");
        await ack?.();
        end({ outcome: 'ok' });
        return;
      }
      const eventId = (body as { event_id?: unknown }).event_id;
      if (surface === 'event' && typeof eventId === 'string') {
        const first = await deps.context.stores.workspaces.claimEvent(
          eventId,
          (body as { team_id?: string }).team_id,
        );
        if (!first) {
          logger.debug(`duplicate event ${eventId} skipped`);
          end({ outcome: 'ok' });
          return;
        }
      }
      await next();
      end({ outcome: 'ok' });
    } catch (error) {
      end({ outcome: 'error' });
      throw error;
    }
  });
}

function surfaceOf(body: unknown): SlackSurface {
  if (typeof body !== 'object' || body === null) return 'other';
  const b = body as { type?: unknown; command?: unknown };
  if (typeof b.command === 'string') return 'command';
  switch (b.type) {
    case 'block_actions':
      return 'action';
    case 'view_submission':
      return 'view_submission';
    case 'view_closed':
      return 'view_closed';
    case 'shortcut':
    case 'message_action':
      return 'shortcut';
    case 'event_callback':
      return 'event';
    default:
      return 'other';
  }
}
