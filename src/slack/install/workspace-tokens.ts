import { type Logger as BoltLogger, webApi } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../logger.ts';
import type {
  InstallationRepository,
  RefreshedToken,
  StoredInstallation,
} from '../../persistence/pg-installation.repository.ts';

/** A rotating token is refreshed when less than this is left (Slack issues 12-hour tokens). */
export const REFRESH_MARGIN_MS = 10 * 60_000;
/** How long one instance may take to refresh before another may try. */
const REFRESH_LEASE_MS = 30_000;

export interface TokenRefresher {
  refresh(
    refreshToken: string,
  ): Promise<{ botToken: string; refreshToken: string; expiresInSeconds: number }>;
}

export class WorkspaceNotInstalledError extends Error {
  readonly code = 'workspace_not_installed';
  constructor(readonly workspaceId: string) {
    super(`No installation for workspace ${workspaceId}`);
  }
}

const refreshResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

/** `oauth.v2.access` with `grant_type=refresh_token`, authenticated by the app's client credentials. */
export function createSlackTokenRefresher(input: {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  logger: BoltLogger;
}): TokenRefresher {
  const client = new webApi.WebClient(undefined, {
    slackApiUrl: input.apiUrl,
    logger: input.logger,
    timeout: 10_000,
    retryConfig: { retries: 1, factor: 1, minTimeout: 500, maxTimeout: 1_000 },
  });
  return {
    async refresh(refreshToken) {
      const response = refreshResponse.parse(
        await client.oauth.v2.access({
          client_id: input.clientId,
          client_secret: input.clientSecret,
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
        }),
      );
      return {
        botToken: response.access_token,
        refreshToken: response.refresh_token,
        expiresInSeconds: response.expires_in,
      };
    },
  };
}

export interface WorkspaceTokens {
  /** The workspace's installation with a bot token that works now, refreshed first if it is about to expire. */
  installationFor(workspaceId: string): Promise<StoredInstallation | undefined>;
}

/**
 * Rotating tokens are refreshed by exactly one caller: within a process the callers share one
 * refresh, across instances a lease in the installation row picks the one that calls Slack (no
 * transaction is held open over the Slack call). The others keep using the current token, which is
 * still valid for up to REFRESH_MARGIN_MS, or wait briefly for the new one if it already expired.
 */
export function createWorkspaceTokens(deps: {
  installations: InstallationRepository;
  refresher: TokenRefresher;
  logger: Logger;
  /** Wall-clock ms: token expiry is Slack's time, never a simulated clock. */
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** How many times to look again for another instance's refresh of an expired token. */
  waitPolls?: number;
}): WorkspaceTokens {
  const { installations, logger, now } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  // About 2 s: a request waiting here must still be acknowledged within Slack's 3 s.
  const waitPolls = deps.waitPolls ?? 20;
  const refreshing = new Map<string, Promise<StoredInstallation | undefined>>();

  const needsRefresh = (i: StoredInstallation) =>
    i.refreshToken !== undefined &&
    i.expiresAt !== undefined &&
    i.expiresAt.getTime() - now() < REFRESH_MARGIN_MS;
  const stillValid = (i: StoredInstallation) => i.expiresAt === undefined || i.expiresAt.getTime() > now();

  async function refresh(current: StoredInstallation): Promise<StoredInstallation | undefined> {
    const workspaceId = current.workspaceId;
    const at = now();
    const lease = new Date(at + REFRESH_LEASE_MS);
    const refreshToken = await installations.claimRefresh(workspaceId, {
      now: new Date(at),
      expiringBefore: new Date(at + REFRESH_MARGIN_MS),
      leaseUntil: lease,
    });
    if (refreshToken === undefined) return awaitOtherRefresh(current);
    let fresh: RefreshedToken;
    try {
      const answer = await deps.refresher.refresh(refreshToken);
      fresh = {
        botToken: answer.botToken,
        refreshToken: answer.refreshToken,
        expiresAt: new Date(now() + answer.expiresInSeconds * 1000),
      };
    } catch (error) {
      await installations.releaseRefresh(workspaceId);
      logger.error({ err: error, workspaceId }, 'bot token refresh failed');
      if (stillValid(current)) return current;
      throw error;
    }
    // Saved only while the lease is still ours: a refresh that outlived it (a stalled instance) must
    // not overwrite what the instance that took the lease over has stored since.
    if (!(await installations.saveRefreshed(workspaceId, fresh, new Date(now()), lease))) {
      logger.error({ workspaceId }, 'bot token refresh outlived its lease; not saved');
      return (await installations.find(workspaceId)) ?? { ...current, ...fresh };
    }
    logger.info({ workspaceId, expiresAt: fresh.expiresAt }, 'bot token refreshed');
    return { ...current, ...fresh };
  }

  async function awaitOtherRefresh(current: StoredInstallation): Promise<StoredInstallation | undefined> {
    let latest: StoredInstallation | undefined = current;
    for (let poll = 0; ; poll += 1) {
      if (latest === undefined || !needsRefresh(latest) || stillValid(latest) || poll >= waitPolls)
        return latest;
      await sleep(100);
      latest = await installations.find(current.workspaceId);
    }
  }

  return {
    async installationFor(workspaceId) {
      const found = await installations.find(workspaceId);
      if (found === undefined || !needsRefresh(found)) return found;
      let pending = refreshing.get(workspaceId);
      if (pending === undefined) {
        pending = refresh(found).finally(() => refreshing.delete(workspaceId));
        refreshing.set(workspaceId, pending);
      }
      return pending;
    },
  };
}
