import { createPromise, offerDueChoice } from '../../../domain/promises/promise.service.ts';
import { parsePromiseCommand } from '../../parsers/promise-command.parser.ts';
import {
  buildCreatePromiseModal,
  buildDueChoiceQuestion,
  buildPromiseConfirmation,
  buildPromiseProblemMessage,
} from '../../blocks/promise.blocks.ts';
import type { SubcommandHandler } from '../commands/subcommand.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { audienceOf, promiseServiceDeps, recipientFacts } from './promise-interaction.ts';

/**
 * `/trust promise @person <what> by <when>`, read in the invoker's zone and language; with no
 * text, the same promise through a modal. Every problem is answered with the right form and
 * nothing saved.
 */
export function promiseSubcommand(deps: ListenerDeps): SubcommandHandler {
  const service = promiseServiceDeps(deps);
  return async (ctx) => {
    const a = { ...(await audienceOf(deps, ctx.workspaceId, ctx.userId)), language: ctx.language };
    if (ctx.args === '') {
      if (!ctx.triggerId) return buildPromiseProblemMessage(a, { code: 'no_recipient' });
      await ctx.client.views.open({ trigger_id: ctx.triggerId, view: buildCreatePromiseModal(a) });
      return undefined;
    }

    const parsed = parsePromiseCommand(ctx.args, a);
    if (!parsed.ok && parsed.error === 'ambiguous_due') {
      // Two readings: ask with a button for each; the promise is made when one is clicked.
      const recipient = await recipientFacts(deps, ctx.workspaceId, ctx.userId, parsed.recipientId);
      const offer = await offerDueChoice(service, {
        workspaceId: ctx.workspaceId,
        ownerId: ctx.userId,
        ...recipient,
        text: parsed.text,
        candidates: parsed.candidates,
      });
      if (!offer.ok) return buildPromiseProblemMessage(a, { code: offer.errors[0] ?? 'no_recipient' });
      return buildDueChoiceQuestion(a, {
        choiceId: offer.choiceId,
        recipientId: parsed.recipientId,
        text: parsed.text,
        candidates: offer.candidates,
      });
    }
    if (!parsed.ok) {
      return buildPromiseProblemMessage(
        a,
        parsed.error === 'unparseable_due'
          ? { code: parsed.error, dueText: parsed.dueText }
          : { code: parsed.error },
      );
    }
    const recipient = await recipientFacts(deps, ctx.workspaceId, ctx.userId, parsed.recipientId);
    const outcome = await createPromise(service, {
      workspaceId: ctx.workspaceId,
      ownerId: ctx.userId,
      ...recipient,
      text: parsed.text,
      dueAt: parsed.due,
    });
    // The most fundamental problem first: fixing it may make the others moot.
    if (!outcome.ok) return buildPromiseProblemMessage(a, { code: outcome.errors[0] ?? 'no_recipient' });
    deps.kickOutbox();
    deps.home.refresh(ctx.workspaceId, outcome.promise.ownerId, outcome.promise.recipientId);
    return buildPromiseConfirmation(a, outcome.promise, parsed.hadTime, {
      dueText: parsed.dueText,
      ...(parsed.convention ? { convention: parsed.convention } : {}),
    });
  };
}
