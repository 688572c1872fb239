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
  // Token rotation is off in the app manifest (PLATFORM.md §5.2), so no refresh token is ever valid here.
  if (grantType === 'refresh_token') return fail('invalid_refresh_token');
  if (grantType !== 'authorization_code') return fail('invalid_grant_type');
  const grant = state.oauth.redeem(str(params, 'code') ?? '');
  if (grant === undefined) return fail('invalid_code');
  if (grant.redirectUri !== undefined && str(params, 'redirect_uri') !== grant.redirectUri)
    return fail('bad_redirect_uri');
  const team = state.directory.workspace(grant.teamId);
  if (team === undefined) return fail('invalid_code');
  const accessToken = state.directory.installBotToken(team.id);
  return ok({
    app_id: team.appId,
    authed_user: { id: grant.userId },
    scope: grant.scopes.join(','),
    token_type: 'bot',
    access_token: accessToken,
    bot_user_id: team.botUserId,
    team: { id: team.id, name: team.name },
    enterprise: team.enterpriseId === undefined ? null : { id: team.enterpriseId, name: team.enterpriseName },
    is_enterprise_install: false,
  });
}

/** Uninstalls the app from the calling token's workspace: every token of it stops working. */
const appsUninstall: BotHandler = (state, { params, team }) => {
  const error = clientError(state, str(params, 'client_id'), str(params, 'client_secret'));
  if (error !== undefined) return fail(error);
  state.directory.revokeTeamTokens(team.id, 'token_revoked');
  return ok();
};

/** Socket Mode itself is not emulated; the URL only proves the app-level token was accepted. */
export function appsConnectionsOpen(state: EmulatorState): ApiBody {
  return ok({ url: `${state.baseUrl.replace(/^http/, 'ws')}/socket-mode/${randomHex(8)}` });
}

export const AUTH_HANDLERS: Record<string, BotHandler> = {
  'apps.uninstall': appsUninstall,
};
