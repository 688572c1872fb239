import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPReceiver, type Installation, type Logger as BoltLogger, webApi } from '@slack/bolt';
import type { AppConfig, Secrets } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { manifestBotScopes } from './manifest-scopes.ts';
import type { OAuthWorkspaces } from './oauth-workspaces.ts';
import {
  buildInstallFailurePage,
  buildInstallSuccessPage,
  type InstallFailure,
  installPageLanguage,
} from './install-page.html.ts';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/**
 * Bolt's receiver with its OAuth installer: `GET /slack/install` sets the state cookie and
 * redirects to Slack's authorize page with the manifest's scopes; `GET /slack/oauth_redirect`
 * checks the state against the cookie, exchanges the code (oauth.v2.access) and stores the
 * installation. Enterprise Grid org-wide installs are refused (see README).
 */
export function createOAuthReceiver(input: {
  config: AppConfig;
  secrets: Secrets;
  logger: Logger;
  boltLogger: BoltLogger;
  workspaces: OAuthWorkspaces;
  bodyLimit: number;
}): HTTPReceiver {
  const { config, secrets, logger, boltLogger } = input;
  const { clientId } = config.slack;
  const { clientSecret, stateSecret, signingSecret } = secrets;
  if (!clientId || !clientSecret || !stateSecret) throw new Error('OAuth variables missing');
  if (!signingSecret) throw new Error('SLACK_SIGNING_SECRET missing in HTTP mode');
  const apiUrl = config.slack.apiUrl;
  const log = logger.child({ subsystem: 'install' });

  return new HTTPReceiver({
    signingSecret,
    endpoints: '/slack/events',
    logger: boltLogger,
    bodyLimit: input.bodyLimit,
    unhandledRequestTimeoutMillis: 3_001,
    clientId,
    clientSecret,
    stateSecret,
    scopes: manifestBotScopes(),
    installationStore: input.workspaces.installationStore,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      directInstall: true,
      stateVerification: true,
      // https://slack.com/api/ → https://slack.com/oauth/v2/authorize (the emulator's host in tests).
      authorizationUrl: new URL('../oauth/v2/authorize', apiUrl).toString(),
      clientOptions: { slackApiUrl: apiUrl, timeout: 10_000, retryConfig: { retries: 1 } },
      callbackOptions: {
        afterInstallation: async (installation, _options, req, res) => {
          if (!installation.isEnterpriseInstall) return true;
          log.warn({ enterpriseId: installation.enterprise?.id }, 'org-wide install refused');
          await uninstallQuietly(installation, { apiUrl, clientId, clientSecret, logger: boltLogger });
          sendPage(res, 403, buildInstallFailurePage(languageOf(req), 'orgRefused'));
          return false;
        },
        success: (installation, _options, req, res) => {
          const team = installation.team;
          const appUrl = `https://slack.com/app_redirect?app=${encodeURIComponent(installation.appId ?? '')}&team=${encodeURIComponent(team?.id ?? '')}`;
          sendPage(res, 200, buildInstallSuccessPage(languageOf(req), team?.name ?? team?.id ?? '', appUrl));
        },
        failure: (error, _options, req, res) => {
          const reason = failureReason(error.code, req);
          log.warn({ errorCode: error.code, reason }, 'install did not finish');
          const status = reason === 'failed' ? 502 : reason === 'orgRefused' ? 403 : 400;
          sendPage(res, status, buildInstallFailurePage(languageOf(req), reason));
        },
      },
    },
  });
}

function failureReason(code: string, req: IncomingMessage): InstallFailure {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  if (query.get('error') === 'access_denied') return 'cancelled';
  if (code === 'slack_oauth_invalid_state' || code === 'slack_oauth_missing_state') return 'badState';
  if (code === 'org_install_refused') return 'orgRefused';
  return 'failed';
}

function languageOf(req: IncomingMessage) {
  const header = req.headers['accept-language'];
  return installPageLanguage(typeof header === 'string' ? header : undefined);
}

function sendPage(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

/** A refused org install should not leave a live token behind at Slack. */
async function uninstallQuietly(
  installation: Installation,
  input: { apiUrl: string; clientId: string; clientSecret: string; logger: BoltLogger },
): Promise<void> {
  const token = installation.bot?.token;
  if (token === undefined) return;
  try {
    const client = new webApi.WebClient(token, {
      slackApiUrl: input.apiUrl,
      logger: input.logger,
      timeout: 5_000,
      retryConfig: { retries: 0 },
    });
    await client.apps.uninstall({ client_id: input.clientId, client_secret: input.clientSecret });
  } catch {
    // The install is refused either way; the admin can remove the app from the org's settings.
  }
}
