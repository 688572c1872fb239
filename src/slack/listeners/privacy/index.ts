import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { exportSubcommand } from './export.subcommand.ts';
import { forgetMeSubcommand, registerForgetMeView } from './forget-me.submit.ts';

/** Data rights: `/trust export` and `/trust forget-me` with its confirmation modal. */
export function registerPrivacyListeners(app: ListenerRegistrar, deps: ListenerDeps) {
  registerForgetMeView(app, deps);
  return { export: exportSubcommand(deps), forgetMe: forgetMeSubcommand(deps) };
}
