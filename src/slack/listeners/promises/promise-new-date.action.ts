import type { BlockButtonAction } from '@slack/bolt';
import { promiseActionIds } from '../../ids.ts';
import { buildNewDateModal } from '../../blocks/promise.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { openOwnerModal, promiseServiceDeps } from './promise-interaction.ts';

/** **New date** on a promise: opens the date modal for its owner. */
export function registerPromiseNewDateAction(app: ListenerRegistrar, deps: ListenerDeps): void {
  const service = promiseServiceDeps(deps);
  app.action<BlockButtonAction>(promiseActionIds.newDate, async ({ ack, body, action, respond, client }) => {
    await ack();
    await openOwnerModal(deps, service, { body, value: action.value, respond, client }, buildNewDateModal);
  });
}
