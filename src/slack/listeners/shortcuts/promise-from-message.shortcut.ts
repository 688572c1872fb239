import type { MessageShortcut as BoltMessageShortcut, webApi } from '@slack/bolt';
import { z } from 'zod';
import { findDueDateInText } from '../../../domain/promises/due-date-in-text.ts';
import { messages } from '../../../i18n/index.ts';
import { withTimeout } from '../../../with-timeout.ts';
import {
  builtPermalink,
  type MessageShortcut,
  mentionedUserIds,
  messageLink,
  messageShortcutPayload,
  readableMessageText,
  suggestedRecipient,
} from '../../parsers/message-shortcut.parser.ts';
import { shortcutCallbackIds } from '../../ids.ts';
import { displayNamesOf } from '../../directory/user-names.ts';
import { buildCreatePromiseModal } from '../../blocks/promise.blocks.ts';
import { readerOf } from '../../promise-notifier.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { audienceOf } from '../promises/promise-interaction.ts';

/** Slack's trigger_id lives 3 s; what we ask Slack before opening the modal must fit well inside. */
const LOOKUP_BUDGET_MS = 1_500;
const MAX_NAMES = 10;

const permalinkAnswer = z.object({ permalink: z.string() });

/**
 * "Make this a promise" on any message: the promise modal, prefilled from the message (its text as
 * a person reads it, the person it answers, a date it mentions, a link back). The payload carries
 * the message, so no history scope is needed and it works in DMs the app is not part of. Whoever
 * runs it is the owner; nothing is saved until they submit the modal.
 */
export function registerPromiseFromMessageShortcut(app: ListenerRegistrar, deps: ListenerDeps): void {
  app.shortcut<BoltMessageShortcut>(shortcutCallbackIds.promiseFromMessage, async ({ ack, body, client }) => {
    await ack();
    const parsed = messageShortcutPayload.safeParse(body);
    if (!parsed.success) return;
    const payload = parsed.data;
    const workspaceId = payload.team?.id ?? payload.user.team_id;
    if (!workspaceId) return;
    const ownerId = payload.user.id;
    const raw = payload.message.text ?? '';

    const [audience, people, link] = await Promise.all([
      withTimeout(audienceOf(deps, workspaceId, ownerId), LOOKUP_BUDGET_MS),
      withTimeout(displayNamesOf(client, mentionedUserIds(raw).slice(0, MAX_NAMES)), LOOKUP_BUDGET_MS),
      withTimeout(permalinkOf(client, payload), LOOKUP_BUDGET_MS),
    ]);
    // Slack too slow to say who they are: English and UTC rather than no modal at all.
    const a = audience ?? { ...readerOf(undefined), now: deps.clock.now() };
    const m = messages(a.language);
    const text = readableMessageText(raw, {
      people: people ?? new Map(),
      someone: m.shortcuts.someone,
      channel: m.shortcuts.channel,
    });
    const due = findDueDateInText(text, a);
    const recipientId = suggestedRecipient(payload.message, ownerId);
    const sourceLink = link ?? builtPermalink(payload);
    await client.views.open({
      trigger_id: payload.trigger_id,
      view: buildCreatePromiseModal(a, {
        fromMessage: true,
        ...(text === '' ? {} : { text }),
        ...(recipientId === undefined ? {} : { recipientId }),
        ...(due === undefined ? {} : { due: due.due }),
        ...(sourceLink === undefined || !messageLink.safeParse(sourceLink).success ? {} : { sourceLink }),
      }),
    });
  });
}

/**
 * Slack's own link to the message; it needs no extra scope in conversations the app can read and
 * fails (channel_not_found) in DMs it cannot, where the caller builds the link from the payload.
 */
async function permalinkOf(client: webApi.WebClient, payload: MessageShortcut): Promise<string | undefined> {
  const channel = payload.channel?.id;
  if (!channel) return undefined;
  try {
    const answer = permalinkAnswer.safeParse(
      await client.chat.getPermalink({ channel, message_ts: payload.message.ts }),
    );
    const link = answer.success ? messageLink.safeParse(answer.data.permalink) : undefined;
    return link?.success ? link.data : undefined;
  } catch {
    return undefined;
  }
}
