import type { GlobalShortcut } from '@slack/bolt';
import { shortcutCallbackIds } from '../../ids.ts';
import { buildCreatePromiseModal } from '../../blocks/promise.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { audienceOf } from '../promises/promise-interaction.ts';
import { actorFromBody } from '../../parsers/interaction.parser.ts';

/** Global shortcut "Make a promise": the same modal as `/trust promise` with no text. */
export function registerMakePromiseShortcut(app: ListenerRegistrar, deps: ListenerDeps): void {
  app.shortcut<GlobalShortcut>(shortcutCallbackIds.makePromise, async ({ ack, body, client }) => {
    await ack();
    const actor = actorFromBody(body);
    if (!actor?.triggerId) return;
    const a = await audienceOf(deps, actor.workspaceId, actor.userId);
    await client.views.open({ trigger_id: actor.triggerId, view: buildCreatePromiseModal(a) });
  });
}
