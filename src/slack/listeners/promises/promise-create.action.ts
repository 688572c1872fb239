import type { BlockButtonAction } from '@slack/bolt';
import { promiseActionIds } from '../../ids.ts';
import { buildCreatePromiseModal } from '../../blocks/promise.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { audienceOf } from './promise-interaction.ts';
import { actorFromBody } from '../../parsers/interaction.parser.ts';

/** **New promise** on the App Home: the same modal as `/trust promise` with no text. */
export function registerPromiseCreateAction(app: ListenerRegistrar, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(promiseActionIds.create, async ({ ack, body, client }) => {
    await ack();
    const actor = actorFromBody(body);
    if (!actor?.triggerId) return;
    const a = await audienceOf(deps, actor.workspaceId, actor.userId);
    await client.views.open({ trigger_id: actor.triggerId, view: buildCreatePromiseModal(a) });
  });
}
