import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { registerPromiseCreateAction } from './promise-create.action.ts';
import { registerPromiseCreateView } from './promise-create.submit.ts';
import { registerPromiseDueChoice } from './promise-due-choice.action.ts';
import { registerPromiseKept } from './promise-kept.action.ts';
import { registerPromiseNewDateAction } from './promise-new-date.action.ts';
import { registerPromiseNewDateView } from './promise-new-date.submit.ts';
import { registerPromiseReleaseAction } from './promise-release.action.ts';
import { registerPromiseReleaseView } from './promise-release.submit.ts';
import { promiseSubcommand } from './promise.subcommand.ts';
import { promisesSubcommand } from './promises.subcommand.ts';

/**
 * Promises: `/trust promise`, `/trust promises`, the Kept / New date / Release buttons and their
 * modals, and New promise on the App Home.
 */
export function registerPromiseListeners(app: ListenerRegistrar, deps: ListenerDeps) {
  registerPromiseKept(app, deps);
  registerPromiseNewDateAction(app, deps);
  registerPromiseNewDateView(app, deps);
  registerPromiseReleaseAction(app, deps);
  registerPromiseReleaseView(app, deps);
  registerPromiseCreateAction(app, deps);
  registerPromiseCreateView(app, deps);
  registerPromiseDueChoice(app, deps);
  return { promise: promiseSubcommand(deps), promises: promisesSubcommand(deps) };
}
