import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { registerPersonalSettingsView } from './personal-settings.submit.ts';
import { registerSettingsOpenAction, settingsSubcommand } from './settings-open.action.ts';

/** Personal settings: `/trust settings`, the Settings button and the modal. */
export function registerSettingsListeners(app: ListenerRegistrar, deps: ListenerDeps) {
  registerSettingsOpenAction(app, deps);
  registerPersonalSettingsView(app, deps);
  return { settings: settingsSubcommand(deps) };
}
