import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { registerMakePromiseShortcut } from './make-promise.shortcut.ts';
import { registerPromiseFromMessageShortcut } from './promise-from-message.shortcut.ts';
import { registerRateTeamTrustShortcut } from './rate-team-trust.shortcut.ts';

/** Shortcuts: "Make this a promise" on a message, and the global "Make a promise" and "Rate team trust". */
export function registerShortcutListeners(app: ListenerRegistrar, deps: ListenerDeps): void {
  registerPromiseFromMessageShortcut(app, deps);
  registerMakePromiseShortcut(app, deps);
  registerRateTeamTrustShortcut(app, deps);
}
