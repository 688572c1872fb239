import type { BlockButtonAction, webApi } from '@slack/bolt';
import { loadPersonalSettings } from '../../../domain/settings/personal-settings.service.ts';
import { settingsActionIds } from '../../ids.ts';
import type { SlackMessage } from '../../blocks/block-kit.ts';
import { buildPersonalSettingsModal } from '../../blocks/settings.blocks.ts';
import { personOf } from '../checkins/person.ts';
import { interactionUser, workspaceOf } from '../../parsers/interaction.parser.ts';
import { replyEnvelope } from '../../../domain/outbox/message-kinds.ts';
import { queueAndSendSoon } from '../../../domain/outbox/outgoing-message.ts';
import { textMessage } from '../commands/trust.command.ts';
import type { SubcommandHandler } from '../commands/subcommand.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';

/** Opens the personal settings modal; answers with a message when it cannot. */
async function openSettings(
  deps: ListenerDeps,
  client: webApi.WebClient,
  input: { workspaceId: string; userId: string; triggerId: string },
): Promise<SlackMessage | undefined> {
  const person = await personOf(deps, input.workspaceId, input.userId);
  const current = await loadPersonalSettings(deps.teamDefaults, input.workspaceId, input.userId);
  if (!current) return textMessage(person.m.settings.unknownPerson);
  await client.views.open({
    trigger_id: input.triggerId,
    view: buildPersonalSettingsModal(person.m, current),
  });
  return undefined;
}

/** `/trust settings`. */
export function settingsSubcommand(deps: ListenerDeps): SubcommandHandler {
  return async (ctx) => {
    if (!ctx.triggerId) return textMessage(ctx.m.command.somethingWentWrong);
    return openSettings(deps, ctx.client, {
      workspaceId: ctx.workspaceId,
      userId: ctx.userId,
      triggerId: ctx.triggerId,
    });
  };
}

/** The Settings button (App Home and elsewhere). */
export function registerSettingsOpenAction(app: ListenerRegistrar, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(settingsActionIds.open, async ({ ack, body, client, respond }) => {
    await ack();
    const who = interactionUser.safeParse(body);
    const workspaceId = who.success ? workspaceOf(who.data) : undefined;
    if (!who.success || !workspaceId || !who.data.trigger_id) return;
    const refusal = await openSettings(deps, client, {
      workspaceId,
      userId: who.data.user.id,
      triggerId: who.data.trigger_id,
    });
    // A click on the App Home has no response URL; there the refusal goes by DM.
    if (!refusal) return;
    if ((body as { response_url?: string }).response_url) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: refusal.text });
    } else {
      const reply = replyEnvelope('settings_open', workspaceId, who.data.user.id, who.data.trigger_id);
      await queueAndSendSoon(deps, { ...reply, text: refusal.text });
    }
  });
}
