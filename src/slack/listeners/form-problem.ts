import type { ViewResponseAction } from '@slack/bolt';
import { resolveLanguage } from '../../domain/users/language.ts';
import { messages } from '../../i18n/index.ts';
import type { ListenerDeps } from './listener-deps.ts';
import { withTimeout } from '../../with-timeout.ts';

/** How long the ack may wait for the person's stored language; English after that. */
const LANGUAGE_WAIT_MS = 300;

/**
 * The ack for a modal submission that cannot be read (a forged or broken payload: Slack itself
 * sends every input): the modal turns into a short notice in the person's language that nothing
 * was saved, instead of closing without a word.
 */
export async function unreadableFormAck(
  deps: Pick<ListenerDeps, 'users'>,
  workspaceId: string | undefined,
  userId: string | undefined,
): Promise<ViewResponseAction> {
  const known =
    workspaceId && userId
      ? await withTimeout(deps.users.users.find(workspaceId, userId), LANGUAGE_WAIT_MS)
      : undefined;
  const m = messages(resolveLanguage(known?.language, known?.slackLocale)).command;
  return {
    response_action: 'update',
    view: {
      type: 'modal',
      title: { type: 'plain_text', text: m.formTitle },
      close: { type: 'plain_text', text: m.formClose },
      blocks: [{ type: 'section', text: { type: 'plain_text', text: m.formUnreadable } }],
    },
  };
}
