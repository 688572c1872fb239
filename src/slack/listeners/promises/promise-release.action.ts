import type { BlockButtonAction } from '@slack/bolt';
import { promiseActionIds } from '../../ids.ts';
import { buildReleaseModal } from '../../blocks/promise.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { openOwnerModal, promiseServiceDeps } from './promise-interaction.ts';

/** **Release** on a promise: opens the release modal (with a note to the recipient) for its owner. */
export function registerPromiseReleaseAction(app: ListenerRegistrar, deps: ListenerDeps): void {
  const service = promiseServiceDeps(deps);
  app.action<BlockButtonAction>(promiseActionIds.release, async ({ ack, body, action, respond, client }) => {
    await ack();
    await openOwnerModal(deps, service, { body, value: action.value, respond, client }, buildReleaseModal);
  });
}
