import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { registerHabitNudges } from './habit-nudges.action.ts';
import { registerHabitReflect } from './habit-reflect.action.ts';
import { habitsSubcommand } from './habits.subcommand.ts';

/** Habits: `/trust habits`, the check-in's reflection buttons and the nudge switch. */
export function registerHabitListeners(app: ListenerRegistrar, deps: ListenerDeps) {
  registerHabitReflect(app, deps);
  registerHabitNudges(app, deps);
  return { habits: habitsSubcommand(deps) };
}
