import type { ViewSubmitAction } from '@slack/bolt';
import { createPromise } from '../../../domain/promises/promise.service.ts';
import { messages } from '../../../i18n/index.ts';
import { promiseBlockIds, promiseCallbackIds } from '../../ids.ts';
import { parseCreatePromiseState } from '../../parsers/promise-modal.parser.ts';
import { textMessage } from '../commands/trust.command.ts';
import {
  buildCreatedDone,
  buildDoneModal,
  buildPromiseFieldErrors,
  createPromiseMetadata,
} from '../../blocks/promise.blocks.ts';
import { messageLink } from '../../parsers/message-shortcut.parser.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { audienceOf, pickedDue, promiseServiceDeps, recipientFacts } from './promise-interaction.ts';
import { actorFromBody } from '../../parsers/interaction.parser.ts';

/**
 * The create modal. Slack takes field errors only in the ack, so the (quick) checks and the save
 * run before it; no transaction is open while Slack is asked about the recipient.
 */
export function registerPromiseCreateView(app: ListenerRegistrar, deps: ListenerDeps): void {
  const service = promiseServiceDeps(deps);
  app.view<ViewSubmitAction>(promiseCallbackIds.create, async ({ ack, body, view }) => {
    const actor = actorFromBody(body);
    if (!actor) return ack();
    const a = await audienceOf(deps, actor.workspaceId, actor.userId);
    const state = parseCreatePromiseState(view.state.values);
    if (!state) {
      const broken = textMessage(messages(a.language).command.somethingWentWrong);
      return ack({ response_action: 'update', view: buildDoneModal(a, broken) });
    }
    const dueAt = pickedDue(a, state);
    if (!dueAt) {
      return ack({
        response_action: 'errors',
        errors: { [promiseBlockIds.dueDate]: messages(a.language).promises.problems.due_in_past },
      });
    }
    const sourceLink = sourceLinkOf(view.private_metadata);
    const outcome = await createPromise(service, {
      workspaceId: actor.workspaceId,
      ownerId: actor.userId,
      ...(await recipientFacts(deps, actor.workspaceId, actor.userId, state.recipientId)),
      text: state.text,
      dueAt,
      ...(sourceLink === undefined ? {} : { sourceLink }),
    });
    if (!outcome.ok)
      return ack({ response_action: 'errors', errors: buildPromiseFieldErrors(a, outcome.errors) });
    await ack({ response_action: 'update', view: buildDoneModal(a, buildCreatedDone(a, outcome.promise)) });
    deps.kickOutbox();
    deps.home.refresh(actor.workspaceId, outcome.promise.ownerId, outcome.promise.recipientId);
  });
}

/** The message link a "Make this a promise" modal carries; anything else (forged, absent) is none. */
function sourceLinkOf(privateMetadata: string | undefined): string | undefined {
  if (!privateMetadata) return undefined;
  const parsed = createPromiseMetadata.safeParse(privateMetadata);
  const link = parsed.success ? messageLink.safeParse(parsed.data.l) : undefined;
  return link?.success ? link.data : undefined;
}
