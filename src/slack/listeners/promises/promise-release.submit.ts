import type { ViewSubmitAction } from '@slack/bolt';
import { releasePromise } from '../../../domain/promises/promise.service.ts';
import { promiseCallbackIds } from '../../ids.ts';
import { parseReleaseState } from '../../parsers/promise-modal.parser.ts';
import { promiseRefValue } from '../../blocks/promise.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { audienceOf, promiseServiceDeps, refusalAnswer, submissionAnswer } from './promise-interaction.ts';
import { actorFromBody } from '../../parsers/interaction.parser.ts';

/** The Release modal: the recipient hears it from the owner, with the note if there is one. */
export function registerPromiseReleaseView(app: ListenerRegistrar, deps: ListenerDeps): void {
  const service = promiseServiceDeps(deps);
  app.view<ViewSubmitAction>(promiseCallbackIds.release, async ({ ack, body, view }) => {
    const actor = actorFromBody(body);
    if (!actor) return ack();
    const a = await audienceOf(deps, actor.workspaceId, actor.userId);
    const ref = promiseRefValue.safeParse(
      deps.viewSeal.open(view.private_metadata, { ...actor, callbackId: promiseCallbackIds.release }),
    );
    const state = parseReleaseState(view.state.values);
    if (!ref.success || !state) return ack(refusalAnswer(a, 'not_found'));
    const outcome = await releasePromise(
      service,
      { workspaceId: actor.workspaceId, promiseId: ref.data.p, actorId: actor.userId },
      state.note,
    );
    await ack(submissionAnswer(a, outcome, 'released'));
    if (outcome.ok) deps.kickOutbox();
    if (outcome.ok)
      deps.home.refresh(actor.workspaceId, outcome.promise.ownerId, outcome.promise.recipientId);
  });
}
