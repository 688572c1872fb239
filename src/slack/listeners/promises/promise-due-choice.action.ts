import type { BlockButtonAction } from '@slack/bolt';
import { createChosenPromise, findDueChoice } from '../../../domain/promises/promise.service.ts';
import { promiseActionIds } from '../../ids.ts';
import {
  buildDueChoiceRefusal,
  buildPromiseConfirmation,
  buildPromiseProblemMessage,
  dueChoiceValue,
} from '../../blocks/promise.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { answerClick, audienceOf, promiseServiceDeps, recipientFacts } from './promise-interaction.ts';
import { actorFromBody } from '../../parsers/interaction.parser.ts';

/**
 * One of the two dates offered for a due date with two readings: makes the promise with it, once.
 * The button carries only the question's id and which date; the rest is read back from the
 * database, and only the person who asked can answer. The confirmation replaces the question.
 */
export function registerPromiseDueChoice(app: ListenerRegistrar, deps: ListenerDeps): void {
  const service = promiseServiceDeps(deps);
  const listener = (actionId: string) =>
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond, client }) => {
      await ack();
      const actor = actorFromBody(body);
      if (!actor) return;
      const a = await audienceOf(deps, actor.workspaceId, actor.userId);
      const tools = { respond, client, language: a.language };
      const picked = dueChoiceValue.safeParse(action.value);
      if (!picked.success) return answerClick(actor, tools, buildDueChoiceRefusal(a, 'choice_not_found'));
      const found = await findDueChoice(service, {
        workspaceId: actor.workspaceId,
        choiceId: picked.data.q,
        actorId: actor.userId,
      });
      if (!found.ok) return answerClick(actor, tools, buildDueChoiceRefusal(a, found.error));
      const recipient = await recipientFacts(deps, actor.workspaceId, actor.userId, found.choice.recipientId);
      const outcome = await createChosenPromise(service, {
        choice: found.choice,
        index: picked.data.c,
        ...recipient,
      });
      if (!outcome.ok) {
        const [error = 'choice_not_found'] = outcome.errors;
        const answer =
          error === 'choice_not_found' || error === 'choice_expired' || error === 'already_chosen'
            ? buildDueChoiceRefusal(a, error)
            : buildPromiseProblemMessage(a, { code: error });
        return answerClick(actor, tools, answer);
      }
      deps.kickOutbox();
      deps.home.refresh(actor.workspaceId, outcome.promise.ownerId, outcome.promise.recipientId);
      const confirmation = buildPromiseConfirmation(a, outcome.promise, outcome.picked.hadTime, {
        ...(outcome.picked.convention ? { convention: outcome.picked.convention } : {}),
      });
      if (!actor.responseUrl) return answerClick(actor, tools, confirmation);
      await respond({
        response_type: 'ephemeral',
        replace_original: true,
        text: confirmation.text,
        blocks: confirmation.blocks,
      });
    });
  listener(promiseActionIds.pickDueFirst);
  listener(promiseActionIds.pickDueSecond);
}
