/** oauth.v2.access, apps.uninstall and apps.connections.open (PLATFORM.md §2.7, §6). */
import { type BotHandler, fail, ok, str } from './api-common.ts';
import { randomHex } from './ids.ts';
import type { EmulatorState } from './state.ts';
import type { ApiBody, Params } from './types.ts';

/** A call authenticated by OAuth client credentials (form fields or HTTP Basic), not a token. */
export interface ClientCall {
  params: Params;
  basic?: { id: string; secret: string };
}

function clientError(
  state: EmulatorState,
  id: string | undefined,
  secret: string | undefined,
): string | undefined {
  if (id !== state.client.clientId) return 'invalid_client_id';
  if (secret !== state.client.clientSecret) return 'bad_client_secret';
  return undefined;
}

export function oauthV2Access(state: EmulatorState, { params, basic }: ClientCall): ApiBody {
  const error = clientError(
    state,
    basic?.id ?? str(params, 'client_id'),
    basic?.secret ?? str(params, 'client_secret'),
  );
  if (error !== undefined) return fail(error);
  const grantType = str(params, 'grant_type') ?? 'authorization_code';
  if (grantType === 'refresh_token') return refreshGrant(state, str(params, 'refresh_token') ?? '');
  if (grantType !== 'authorization_code') return fail('invalid_grant_type');
  const grant = state.oauth.redeem(str(params, 'code') ?? '');
  if (grant === undefined) return fail('invalid_code');
  if (grant.redirectUri !== undefined && str(params, 'redirect_uri') !== grant.redirectUri)
    return fail('bad_redirect_uri');
  const team = state.directory.workspace(grant.teamId);
  if (team === undefined) return fail('invalid_code');
  // Without token rotation the bot token is long-lived; with it, a 12-hour token and a refresh token.
  const rotated = state.rotation.enabled ? state.rotation.issue(team.id) : undefined;
  const accessToken = rotated?.accessToken ?? state.directory.installBotToken(team.id);
  const org = grant.enterpriseInstall === true;
  return ok({
    app_id: team.appId,
    authed_user: { id: grant.userId },
    scope: grant.scopes.join(','),
    token_type: 'bot',
    access_token: accessToken,
    bot_user_id: team.botUserId,
    ...(rotated === undefined ? {} : { refresh_token: rotated.refreshToken, expires_in: rotated.expiresIn }),
    team: org ? null : { id: team.id, name: team.name },
    enterprise: team.enterpriseId === undefined ? null : { id: team.enterpriseId, name: team.enterpriseName },
    is_enterprise_install: org,
  });
}

/** Token rotation is off unless the app turned it on (PLATFORM.md §5.2, §6.5). */
function refreshGrant(state: EmulatorState, refreshToken: string): ApiBody {
  if (!state.rotation.enabled) return fail('invalid_refresh_token');
  const rotated = state.rotation.refresh(refreshToken);
  if ('error' in rotated) return fail(rotated.error);
  return ok({
    token_type: 'bot',
    access_token: rotated.accessToken,
    refresh_token: rotated.refreshToken,
    expires_in: rotated.expiresIn,
  });
}

/** Uninstalls the app from the calling token's workspace: every token of it stops working. */
const appsUninstall: BotHandler = (state, { params, team }) => {
  const error = clientError(state, str(params, 'client_id'), str(params, 'client_secret'));
  if (error !== undefined) return fail(error);
  state.directory.revokeTeamTokens(team.id, 'token_revoked');
  state.rotation.revokeTeam(team.id);
  return ok();
};

/**
 * A one-use URL of the emulator's Socket Mode endpoint (socket-mode.ts); a new one on every call.
 * The app id comes from the app-level token (`xapp-1-<app id>-…`) and is sent back in `hello`.
 */
export function appsConnectionsOpen(state: EmulatorState, token: string | undefined): ApiBody {
  const ticket = randomHex(8);
  state.socketTickets.set(ticket, /^xapp-\d+-(A\w+?)-/.exec(token ?? '')?.[1] ?? 'A0UNKNOWN');
  return ok({ url: `${state.baseUrl.replace(/^http/, 'ws')}/socket-mode/${ticket}` });
}

export const AUTH_HANDLERS: Record<string, BotHandler> = {
  'apps.uninstall': appsUninstall,
};
