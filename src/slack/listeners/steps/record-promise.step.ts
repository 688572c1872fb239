import type { AllMiddlewareArgs, SlackEventMiddlewareArgs, webApi } from '@slack/bolt';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { parseDueDate } from '../../../domain/promises/due-date.parser.ts';
import { promiseMessageKey } from '../../../domain/outbox/message-kinds.ts';
import { createPromise } from '../../../domain/promises/promise.service.ts';
import { getUserProfile } from '../../../domain/users/user.service.ts';
import { messages } from '../../../i18n/index.ts';
import { escapeMrkdwn } from '../../blocks/mrkdwn.ts';
import { messageLink } from '../../parsers/message-shortcut.parser.ts';
import { readerOf } from '../../promise-notifier.ts';
import { functionCallbackIds } from '../../ids.ts';
import { classifySlackError } from '../../runtime/slack-errors.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { promiseServiceDeps, recipientFacts } from '../promises/promise-interaction.ts';
import type { ListenerRegistrar } from '../registrar.ts';

type StepArgs = SlackEventMiddlewareArgs<'function_executed'> & AllMiddlewareArgs;

const personId = z.string().regex(/^[UW][A-Z0-9]{2,40}$/);
const recordPromiseInputs = z.object({
  owner: personId,
  recipient: personId,
  what: z.string().max(3_000),
  // Words ("friday 3pm"); a builder who maps a timestamp variable in gives Unix seconds.
  due: z.union([z.string().min(1).max(200), z.number().int().positive()]),
});

/** How long the step waits for the recipient's notice to be sent, for the link it returns. */
const NOTICE_WAIT_MS = 10_000;
const NOTICE_POLL_MS = 200;

/**
 * Workflow Builder step "Record a promise": the same promise `/trust promise` makes, owned by the
 * `owner` input, read in the owner's zone and language. Any invalid input ends the step with
 * `functions.completeError` and a sentence saying why, before anything is saved. On success the
 * output is a link to the recipient's notice (docs/slack-workflow-steps.md).
 */
export function registerRecordPromiseStep(app: ListenerRegistrar, deps: ListenerDeps): void {
  const service = promiseServiceDeps(deps);
  app.function(functionCallbackIds.recordPromise, async (args) => {
    try {
      await recordPromise(deps, service, args);
    } catch (error) {
      // Slack unreachable or a bug: the step ends with an error rather than hanging "in progress".
      deps.logger.error({ err: error }, 'the Record a promise step failed');
      await args.fail({ error: messages('en').command.somethingWentWrong }).catch(() => undefined);
    }
  });
}

async function recordPromise(
  deps: ListenerDeps,
  service: ReturnType<typeof promiseServiceDeps>,
  { inputs, complete, fail, client, body }: StepArgs,
): Promise<void> {
  const workspaceId = body.team_id;
  const parsed = recordPromiseInputs.safeParse(inputs);
  if (!parsed.success) return void (await fail({ error: messages('en').steps.badInputs }));
  const { owner, recipient, what, due } = parsed.data;

  const ownerProfile = await profileOrMissing(deps, workspaceId, owner);
  const a = { ...readerOf(ownerProfile), now: deps.clock.now() };
  const m = messages(a.language);
  if (ownerProfile === undefined) return void (await fail({ error: m.steps.unknownPerson(`<@${owner}>`) }));
  if (ownerProfile.isBot || ownerProfile.isDeleted)
    return void (await fail({ error: m.steps.notAPerson(`<@${owner}>`) }));

  const dueAt = dueFrom(due, a);
  if (dueAt === undefined)
    return void (await fail({ error: m.steps.unparseableDue(escapeMrkdwn(String(due))) }));
  const facts = await recipientFacts(deps, workspaceId, owner, recipient);
  if (facts.recipientId === null)
    return void (await fail({ error: m.steps.unknownPerson(`<@${recipient}>`) }));

  const outcome = await createPromise(service, {
    workspaceId,
    ownerId: owner,
    ...facts,
    text: what,
    dueAt,
  });
  if (!outcome.ok) {
    const problem = m.promises.problems[outcome.errors[0] ?? 'no_recipient'];
    return void (await fail({ error: m.steps.notSaved(problem) }));
  }
  deps.kickOutbox();
  deps.home.refresh(workspaceId, owner, recipient);
  const link = await noticeLink(deps, client, workspaceId, promiseMessageKey('made', outcome.promise));
  await complete({ outputs: link === undefined ? {} : { promise_link: link } });
}

/** The person's profile; undefined when Slack does not know them (any other failure throws). */
async function profileOrMissing(deps: ListenerDeps, workspaceId: string, userId: string) {
  try {
    return await getUserProfile(deps.users, workspaceId, userId);
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'permanent' && failure.error === 'user_not_found') return undefined;
    throw error;
  }
}

function dueFrom(due: string | number, a: { now: Date; timeZone: string; language: 'en' | 'nb' }) {
  const seconds = typeof due === 'number' ? due : /^\d{9,11}$/.test(due.trim()) ? Number(due) : undefined;
  if (seconds !== undefined) return new Date(seconds * 1000);
  const parsed = parseDueDate(String(due), a);
  return parsed.ok ? parsed.due : undefined;
}

/**
 * A link to the recipient's notice once the outbox has sent it (bounded wait); undefined when it
 * was not sent in time or Slack gives no link.
 */
async function noticeLink(
  deps: ListenerDeps,
  client: webApi.WebClient,
  workspaceId: string,
  key: string,
): Promise<string | undefined> {
  const deadline = performance.now() + NOTICE_WAIT_MS;
  while (performance.now() < deadline) {
    const sent = await deps.stores.outbox.sentMessageOf(workspaceId, key);
    if (sent) {
      try {
        const answer = await client.chat.getPermalink({ channel: sent.channel, message_ts: sent.ts });
        const link = messageLink.safeParse(answer.permalink);
        return link.success ? link.data : undefined;
      } catch {
        return undefined;
      }
    }
    await sleep(NOTICE_POLL_MS);
  }
  return undefined;
}
