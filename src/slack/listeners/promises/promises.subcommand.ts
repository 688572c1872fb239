import { listMyPromises } from '../../../domain/promises/promise.service.ts';
import { buildPromiseList } from '../../blocks/promise.blocks.ts';
import type { SubcommandHandler } from '../commands/subcommand.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { audienceOf, promiseServiceDeps } from './promise-interaction.ts';

/** `/trust promises`: my open promises, made and received, with my keep rate (for my eyes only). */
export function promisesSubcommand(deps: ListenerDeps): SubcommandHandler {
  const service = promiseServiceDeps(deps);
  return async (ctx) => {
    const a = { ...(await audienceOf(deps, ctx.workspaceId, ctx.userId)), language: ctx.language };
    return buildPromiseList(a, await listMyPromises(service, ctx.workspaceId, ctx.userId));
  };
}
