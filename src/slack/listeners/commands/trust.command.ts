import type { RespondFn } from '@slack/bolt';
import { z } from 'zod';
import { getUserLanguage } from '../../../domain/users/user.service.ts';
import { messages } from '../../../i18n/index.ts';
import { commands } from '../../ids.ts';
import { codeSpan } from '../../mrkdwn.ts';
import { parseTrustCommand, type TrustCommand } from '../../parsers/trust-command.parser.ts';
import { buildHelpMessage, type SlackMessage } from '../../views/help.view.ts';
import type { Messages } from '../../../i18n/en.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';

const commandPayload = z.object({
  team_id: z.string().min(1),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  text: z.string().max(4_000).default(''),
});

export function registerTrustCommand(app: ListenerRegistrar, deps: ListenerDeps): void {
  app.command(commands.trust, async ({ command, ack, respond }) => {
    await ack();
    const payload = commandPayload.safeParse(command);
    if (!payload.success) {
      deps.logger.warn({ issues: payload.error.issues.length }, 'malformed /trust payload ignored');
      return;
    }
    const { team_id: workspaceId, user_id: userId, text } = payload.data;
    const m = messages(await getUserLanguage(deps.users, workspaceId, userId));
    await replyEphemeral(respond, routeTrustCommand(parseTrustCommand(text), m), deps);
  });
}

export function routeTrustCommand(command: TrustCommand, m: Messages): SlackMessage {
  if (command.kind === 'unknown') return buildUnknownCommandMessage(command, m);
  switch (command.name) {
    case 'help':
      return buildHelpMessage(m);
    default:
      return textMessage(m.command.notYetAvailable(m.help.entries[command.name].usage));
  }
}

function buildUnknownCommandMessage(
  command: Extract<TrustCommand, { kind: 'unknown' }>,
  m: Messages,
): SlackMessage {
  const lines = [m.command.unknown(codeSpan(`/trust ${command.given}`))];
  if (command.suggestion) lines.push(m.command.didYouMean(command.suggestion));
  lines.push(m.command.seeHelp);
  return textMessage(lines.join(' '));
}

function textMessage(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

async function replyEphemeral(respond: RespondFn, message: SlackMessage, deps: ListenerDeps): Promise<void> {
  try {
    await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
  } catch (error) {
    // The response_url is the only way back to the user here; nothing else to do but record it.
    deps.logger.error({ err: error }, 'could not answer /trust through response_url');
  }
}
