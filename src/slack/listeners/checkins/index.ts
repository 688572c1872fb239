import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { registerCheckinChangeTime } from './checkin-change-time.action.ts';
import { registerCheckinOptOut } from './checkin-opt-out.action.ts';
import { registerCheckinPause } from './checkin-pause.action.ts';
import { registerCheckinSkip } from './checkin-skip.action.ts';
import { checkinSubcommand } from './checkin.subcommand.ts';

/** The weekly check-in's buttons, modals and `/trust checkin`. */
export function registerCheckinListeners(app: ListenerRegistrar, deps: ListenerDeps) {
  registerCheckinSkip(app, deps);
  registerCheckinPause(app, deps);
  registerCheckinChangeTime(app, deps);
  registerCheckinOptOut(app, deps);
  return { checkin: checkinSubcommand(deps) };
}
