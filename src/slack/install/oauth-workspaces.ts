import type { Installation, InstallationQuery, InstallationStore, webApi } from '@slack/bolt';
import type { AppConfig, Secrets } from '../../config.ts';
import { type Logger, toBoltLogger } from '../../logger.ts';
import type {
  InstallationRepository,
  StoredInstallation,
} from '../../persistence/pg-installation.repository.ts';
import { createPacedClient } from '../runtime/paced-client.ts';
import { createInteractiveClient } from '../runtime/web-client.ts';
import {
  createSlackTokenRefresher,
  createWorkspaceTokens,
  type TokenRefresher,
  WorkspaceNotInstalledError,
  type WorkspaceTokens,
} from './workspace-tokens.ts';

/** Multi-workspace (OAuth) mode: every workspace has its own installation, token and clients. */
export interface OAuthWorkspaces {
  installations: InstallationRepository;
  tokens: WorkspaceTokens;
  /** For Bolt's installer: stores what the OAuth callback received, fetches for each request. */
  installationStore: InstallationStore;
  /** Client for interactive calls (a person is waiting). */
  clientFor(workspaceId: string): Promise<webApi.WebClient>;
  /** Client for bulk sends through the outbox (no hidden retries). */
  bulkClientFor(workspaceId: string): Promise<webApi.WebClient>;
  /** Uninstall: deletes the installation and drops this process's clients for it. */
  remove(workspaceId: string): Promise<void>;
}

export class OrgInstallRefusedError extends Error {
  readonly code = 'org_install_refused';
  constructor() {
    super('Org-wide (Enterprise Grid) installs are not supported; install into each workspace.');
  }
}

export function createOAuthWorkspaces(input: {
  config: AppConfig;
  secrets: Secrets;
  /** The stored installations (tokens sealed with TOKEN_ENCRYPTION_KEY), from the app context. */
  installations: InstallationRepository | undefined;
  logger: Logger;
  /** Wall-clock ms (token expiry); Date.now unless a test simulates Slack's time. */
  now?: () => number;
  refresher?: TokenRefresher;
}): OAuthWorkspaces {
  const { config, secrets, installations, logger } = input;
  const now = input.now ?? Date.now;
  const { clientId } = config.slack;
  const { clientSecret } = secrets;
  if (!clientId || !clientSecret || !installations)
    throw new Error('OAuth mode needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and TOKEN_ENCRYPTION_KEY');
  const boltLogger = toBoltLogger(logger);
  const tokens = createWorkspaceTokens({
    installations,
    refresher:
      input.refresher ??
      createSlackTokenRefresher({ apiUrl: config.slack.apiUrl, clientId, clientSecret, logger: boltLogger }),
    logger: logger.child({ subsystem: 'installations' }),
    now,
  });
  const interactive = clientCache(tokens, (token) =>
    createInteractiveClient(token, config.slack.apiUrl, boltLogger),
  );
  const bulk = clientCache(tokens, (token) => createPacedClient(token, config.slack.apiUrl, boltLogger));

  const installationStore: InstallationStore = {
    async storeInstallation(installation) {
      const stored = toStored(installation);
      await installations.save(stored, new Date(now()));
      logger.info(
        {
          workspaceId: stored.workspaceId,
          enterpriseId: stored.enterpriseId,
          rotating: stored.expiresAt !== undefined,
        },
        'workspace installed',
      );
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      if (query.isEnterpriseInstall || !query.teamId) throw new OrgInstallRefusedError();
      const found = await tokens.installationFor(query.teamId);
      if (found === undefined) throw new WorkspaceNotInstalledError(query.teamId);
      return toBolt(found);
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      if (query.teamId) await installations.delete(query.teamId);
    },
  };

  return {
    installations,
    tokens,
    installationStore,
    clientFor: interactive,
    bulkClientFor: bulk,
    async remove(workspaceId) {
      await installations.delete(workspaceId);
    },
  };
}

/**
 * One client per workspace, reused while the stored token stays the same; a reinstall or a
 * refreshed token gets a new client, an uninstall makes the next call fail. Every call reads the
 * installation row (one primary-key lookup), so other instances' changes are seen at once.
 */
function clientCache(
  tokens: WorkspaceTokens,
  create: (token: string) => webApi.WebClient,
): (workspaceId: string) => Promise<webApi.WebClient> {
  const clients = new Map<string, { token: string; client: webApi.WebClient }>();
  return async (workspaceId) => {
    const installation = await tokens.installationFor(workspaceId);
    if (installation === undefined) {
      clients.delete(workspaceId);
      throw new WorkspaceNotInstalledError(workspaceId);
    }
    const cached = clients.get(workspaceId);
    if (cached?.token === installation.botToken) return cached.client;
    const client = create(installation.botToken);
    clients.set(workspaceId, { token: installation.botToken, client });
    return client;
  };
}

function toStored(installation: Installation<'v1' | 'v2', boolean>): StoredInstallation {
  const team = installation.team;
  const bot = installation.bot;
  if (installation.isEnterpriseInstall || team === undefined) throw new OrgInstallRefusedError();
  if (bot === undefined) throw new Error('The installation has no bot token');
  return {
    workspaceId: team.id,
    teamName: team.name,
    enterpriseId: installation.enterprise?.id,
    appId: installation.appId,
    botToken: bot.token,
    botId: bot.id,
    botUserId: bot.userId,
    scopes: bot.scopes,
    refreshToken: bot.refreshToken,
    expiresAt: bot.expiresAt === undefined ? undefined : new Date(bot.expiresAt * 1000),
    installerUserId: installation.user?.id,
  };
}

/**
 * What Bolt's authorize reads. The refresh token and expiry stay out on purpose: the token handed
 * over was refreshed by us when needed, and Bolt would otherwise refresh it again on its own.
 */
function toBolt(i: StoredInstallation): Installation<'v2', false> {
  return {
    team: { id: i.workspaceId, ...(i.teamName === undefined ? {} : { name: i.teamName }) },
    enterprise: i.enterpriseId === undefined ? undefined : { id: i.enterpriseId },
    isEnterpriseInstall: false,
    appId: i.appId,
    tokenType: 'bot',
    authVersion: 'v2',
    bot: {
      token: i.botToken,
      scopes: i.scopes,
      id: i.botId ?? '',
      userId: i.botUserId,
    },
    user: { id: i.installerUserId ?? '', token: undefined, scopes: undefined },
  };
}
