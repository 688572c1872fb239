// What every promise listener shares: the service wired to the database and the outbox, who is
// acting in which workspace, and how to answer them.
import type { RespondFn, ViewErrorsResponseAction, ViewUpdateResponseAction, webApi } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { dueFromPickers } from '../../../domain/promises/due-date.parser.ts';
import type { TrustPromise } from '../../../domain/promises/promise.ts';
import {
  type ActionError,
  type ActionOutcome,
  findForOwnerAction,
  type PromiseServiceDeps,
} from '../../../domain/promises/promise.service.ts';
import { getUserProfile } from '../../../domain/users/user.service.ts';
import type { Audience } from '../../../i18n/format-date.ts';
import { createPromiseNotifier, readerOf } from '../../promise-notifier.ts';
import { classifySlackError } from '../../runtime/slack-errors.ts';
import type { SlackMessage } from '../../blocks/block-kit.ts';
import { actorFromBody, type InteractionActor } from '../../parsers/interaction.parser.ts';
import type { DuePicked } from '../../parsers/promise-modal.parser.ts';
import {
  buildActionDone,
  buildDoneModal,
  buildPromiseFieldErrors,
  buildPromiseRefusal,
  type DoneAction,
  type FieldProblem,
  promiseRefValue,
} from '../../blocks/promise.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { sealedView } from '../../runtime/view-seal.ts';

export function promiseServiceDeps(deps: ListenerDeps): PromiseServiceDeps {
  return {
    promises: deps.stores.promises,
    notifications: createPromiseNotifier(
      async (workspaceId, userId) =>
        readerOf(await getUserProfile(deps.users, workspaceId, userId).catch(() => undefined)),
      deps.clock,
    ),
    clock: deps.clock,
  };
}

/** The person's language and zone, now; Slack being unreachable only costs them English and UTC. */
export async function audienceOf(deps: ListenerDeps, workspaceId: string, userId: string): Promise<Audience> {
  const profile = await getUserProfile(deps.users, workspaceId, userId).catch(() => undefined);
  return { ...readerOf(profile), now: deps.clock.now() };
}

/**
 * Answers whoever clicked, only to them: ephemerally under the message they clicked, or, from the
 * App Home (no response_url there), in a small modal.
 */
export async function answerClick(
  actor: InteractionActor,
  tools: { respond: RespondFn; client: webApi.WebClient; language: Audience['language'] },
  message: SlackMessage,
): Promise<void> {
  if (actor.responseUrl) {
    await tools.respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: message.text,
      blocks: message.blocks,
    });
    return;
  }
  if (actor.triggerId)
    await tools.client.views.open({ trigger_id: actor.triggerId, view: buildDoneModal(tools, message) });
}

export interface RecipientFacts {
  recipientId: string | null;
  recipientIsBot: boolean;
  recipientIsDeleted: boolean;
}

/** What Slack says about the chosen recipient; someone Slack does not know counts as no recipient. */
export async function recipientFacts(
  deps: ListenerDeps,
  workspaceId: string,
  ownerId: string,
  recipientId: string | null,
): Promise<RecipientFacts> {
  const none = { recipientId, recipientIsBot: false, recipientIsDeleted: false };
  // Promising yourself is refused by the domain; no need to ask Slack who you are.
  if (recipientId === null || recipientId === ownerId) return none;
  try {
    const profile = await getUserProfile(deps.users, workspaceId, recipientId);
    return { recipientId, recipientIsBot: profile.isBot, recipientIsDeleted: profile.isDeleted };
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'permanent' && failure.error === 'user_not_found')
      return { ...none, recipientId: null };
    throw error;
  }
}

/**
 * A button that opens an owner-only modal (New date, Release): the owner gets the modal; anyone
 * else, or a closed or unknown promise, is told why not before filling anything in.
 */
export async function openOwnerModal(
  deps: ListenerDeps,
  service: PromiseServiceDeps,
  args: { body: unknown; value: string | undefined; respond: RespondFn; client: webApi.WebClient },
  build: (a: Audience, promise: TrustPromise) => ModalView,
): Promise<void> {
  const actor = actorFromBody(args.body);
  if (!actor) return;
  const a = await audienceOf(deps, actor.workspaceId, actor.userId);
  const ref = promiseRefValue.safeParse(args.value);
  const found = ref.success
    ? await findForOwnerAction(service, {
        workspaceId: actor.workspaceId,
        promiseId: ref.data.p,
        actorId: actor.userId,
      })
    : ({ ok: false, error: 'not_found' } as const);
  if (!found.ok) {
    await answerClick(actor, { ...args, language: a.language }, buildPromiseRefusal(a, found.error));
    return;
  }
  if (actor.triggerId)
    await args.client.views.open({
      trigger_id: actor.triggerId,
      view: sealedView(deps.viewSeal, build(a, found.promise), actor),
    });
}

// The refusals that are about what was typed in a modal, not about the promise or the person.
const fieldProblems = ['due_in_past', 'due_too_far', 'due_unchanged', 'note_too_long'] as const;

function isFieldProblem(error: ActionError): error is (typeof fieldProblems)[number] & FieldProblem {
  return (fieldProblems as readonly string[]).includes(error);
}

/**
 * A modal's answer, which Slack takes only in the ack: a problem with what was typed goes under
 * its input and the form stays open; a refusal or the outcome replaces the form.
 */
export function submissionAnswer(
  a: Audience,
  outcome: ActionOutcome,
  done: DoneAction,
): ViewErrorsResponseAction | ViewUpdateResponseAction {
  if (outcome.ok)
    return { response_action: 'update', view: buildDoneModal(a, buildActionDone(a, outcome.promise, done)) };
  if (isFieldProblem(outcome.error)) {
    return { response_action: 'errors', errors: buildPromiseFieldErrors(a, [outcome.error]) };
  }
  return refusalAnswer(a, outcome.error);
}

export function refusalAnswer(a: Audience, error: ActionError): ViewUpdateResponseAction {
  return { response_action: 'update', view: buildDoneModal(a, buildPromiseRefusal(a, error)) };
}

/** The due date and time picked in a modal, in the zone the pickers were shown in. */
export function pickedDue(a: Audience, picked: DuePicked): Date | undefined {
  return picked.date && picked.time ? dueFromPickers(picked.date, picked.time, a.timeZone) : undefined;
}
