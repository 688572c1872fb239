import type { ViewSubmitAction } from '@slack/bolt';
import { renegotiatePromise } from '../../../domain/promises/promise.service.ts';
import { messages } from '../../../i18n/index.ts';
import { promiseBlockIds, promiseCallbackIds } from '../../ids.ts';
import { parseNewDateState } from '../../parsers/promise-modal.parser.ts';
import { promiseRefValue } from '../../blocks/promise.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import {
  audienceOf,
  pickedDue,
  promiseServiceDeps,
  refusalAnswer,
  submissionAnswer,
} from './promise-interaction.ts';
import { actorFromBody } from '../../parsers/interaction.parser.ts';

/** The New date modal: the recipient is told old → new, with the note if there is one. */
export function registerPromiseNewDateView(app: ListenerRegistrar, deps: ListenerDeps): void {
  const service = promiseServiceDeps(deps);
  app.view<ViewSubmitAction>(promiseCallbackIds.newDate, async ({ ack, body, view }) => {
    const actor = actorFromBody(body);
    if (!actor) return ack();
    const a = await audienceOf(deps, actor.workspaceId, actor.userId);
    const ref = promiseRefValue.safeParse(
      deps.viewSeal.open(view.private_metadata, { ...actor, callbackId: promiseCallbackIds.newDate }),
    );
    const state = parseNewDateState(view.state.values);
    if (!ref.success || !state) return ack(refusalAnswer(a, 'not_found'));
    const dueAt = pickedDue(a, state);
    if (!dueAt) {
      return ack({
        response_action: 'errors',
        errors: { [promiseBlockIds.dueDate]: messages(a.language).promises.problems.due_in_past },
      });
    }
    const outcome = await renegotiatePromise(
      service,
      { workspaceId: actor.workspaceId, promiseId: ref.data.p, actorId: actor.userId },
      { dueAt, note: state.note },
    );
    await ack(submissionAnswer(a, outcome, 'renegotiated'));
    if (outcome.ok) deps.kickOutbox();
    if (outcome.ok)
      deps.home.refresh(actor.workspaceId, outcome.promise.ownerId, outcome.promise.recipientId);
  });
}
