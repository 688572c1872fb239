import type { BlockButtonAction } from '@slack/bolt';
import { keepPromise } from '../../../domain/promises/promise.service.ts';
import { promiseActionIds } from '../../ids.ts';
import { buildActionDone, buildPromiseRefusal, promiseRefValue } from '../../blocks/promise.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { answerClick, audienceOf, promiseServiceDeps } from './promise-interaction.ts';
import { actorFromBody } from '../../parsers/interaction.parser.ts';

/** **Kept** (owner) or **Mark as kept** (recipient); a second click answers that it already is. */
export function registerPromiseKept(app: ListenerRegistrar, deps: ListenerDeps): void {
  const service = promiseServiceDeps(deps);
  app.action<BlockButtonAction>(promiseActionIds.kept, async ({ ack, body, action, respond, client }) => {
    await ack();
    const actor = actorFromBody(body);
    if (!actor) return;
    const a = await audienceOf(deps, actor.workspaceId, actor.userId);
    const tools = { respond, client, language: a.language };
    const ref = promiseRefValue.safeParse(action.value);
    if (!ref.success) return answerClick(actor, tools, buildPromiseRefusal(a, 'not_found'));
    const outcome = await keepPromise(service, {
      workspaceId: actor.workspaceId,
      promiseId: ref.data.p,
      actorId: actor.userId,
    });
    if (!outcome.ok) return answerClick(actor, tools, buildPromiseRefusal(a, outcome.error));
    deps.kickOutbox();
    await answerClick(actor, tools, buildActionDone(a, outcome.promise, 'kept'));
    deps.home.refresh(actor.workspaceId, outcome.promise.ownerId, outcome.promise.recipientId);
  });
}
