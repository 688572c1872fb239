import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { registerPulseRateAction } from './pulse-rate.action.ts';
import { registerPulseRateView } from './pulse-rate.submit.ts';
import { pulseSubcommand } from './pulse.subcommand.ts';

/** The anonymous pulse: `/trust pulse`, the check-in's rating button and the rating modal. */
export function registerPulseListeners(app: ListenerRegistrar, deps: ListenerDeps) {
  registerPulseRateAction(app, deps);
  registerPulseRateView(app, deps);
  return { pulse: pulseSubcommand(deps) };
}
