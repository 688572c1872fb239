import type { ListenerDeps } from '../listener-deps.ts';
import { digestPreviewSubcommand, digestSubcommand } from './digest.subcommand.ts';

/** The channel digest: `/trust digest` and `/trust digest preview` (the weekly one is a scheduler job). */
export function registerDigestListeners(deps: ListenerDeps) {
  return {
    digest: digestSubcommand(deps),
    digestPreview: digestPreviewSubcommand(deps),
  };
}
