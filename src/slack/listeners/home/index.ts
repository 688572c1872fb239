import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { registerHomeTeamSettingsAction } from './home-team-settings.action.ts';

/** The App Home's own buttons (the others belong to their features: promises, pulse, settings). */
export function registerHomeListeners(app: ListenerRegistrar, deps: ListenerDeps): void {
  registerHomeTeamSettingsAction(app, deps);
}
