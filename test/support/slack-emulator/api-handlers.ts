/** One table from Web API method name to handler, covering every method in methods.json. */
import { AUTH_HANDLERS, appsConnectionsOpen, oauthV2Access } from './api-auth.ts';
import { CHAT_HANDLERS } from './api-chat.ts';
import type { BotHandler } from './api-common.ts';
import { fail } from './api-common.ts';
import { DIRECTORY_HANDLERS } from './api-directory.ts';
import { FILE_HANDLERS } from './api-files.ts';
import { FUNCTION_HANDLERS } from './api-functions.ts';
import { VIEW_HANDLERS } from './api-views.ts';
import type { EmulatorState } from './state.ts';
import type { ApiBody, Params, Workspace } from './types.ts';

export interface ApiCall {
  params: Params;
  /** Present for bot-token methods (the emulator authenticated the token first). */
  team?: Workspace;
  token?: string;
  basic?: { id: string; secret: string };
}

export type Handler = (state: EmulatorState, call: ApiCall) => ApiBody;

function forBot(handlers: Record<string, BotHandler>): Record<string, Handler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([method, handler]): [string, Handler] => [
      method,
      (state, { params, team, token }) =>
        team === undefined || token === undefined
          ? fail('invalid_auth')
          : handler(state, { params, team, token }),
    ]),
  );
}

export const HANDLERS: Record<string, Handler> = {
  ...forBot(DIRECTORY_HANDLERS),
  ...forBot(CHAT_HANDLERS),
  ...forBot(VIEW_HANDLERS),
  ...forBot(FILE_HANDLERS),
  ...forBot(AUTH_HANDLERS),
  ...forBot(FUNCTION_HANDLERS),
  'oauth.v2.access': (state, { params, basic }) => oauthV2Access(state, { params, basic }),
  'apps.connections.open': (state, { token }) => appsConnectionsOpen(state, token),
};
