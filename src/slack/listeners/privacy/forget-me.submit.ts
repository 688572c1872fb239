import type { ViewSubmitAction } from '@slack/bolt';
import { forgetMe, hasPersonalData } from '../../../domain/privacy/privacy.service.ts';
import { messages } from '../../../i18n/index.ts';
import { settingsCallbackIds } from '../../ids.ts';
import { buildForgetMeModal, buildForgetMeResultView } from '../../blocks/privacy.blocks.ts';
import { personOf } from '../checkins/person.ts';
import { interactionUser, workspaceOf } from '../../parsers/interaction.parser.ts';
import { textMessage } from '../commands/trust.command.ts';
import type { SubcommandHandler } from '../commands/subcommand.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';

const formerMember = (language: 'en' | 'nb' | null) => messages(language ?? 'en').promises.formerColleague;

/** `/trust forget-me`: the confirmation modal, or "nothing left" when there is nothing to delete. */
export function forgetMeSubcommand(deps: ListenerDeps): SubcommandHandler {
  const service = deps.privacy;
  return async (ctx) => {
    const person = { workspaceId: ctx.workspaceId, userId: ctx.userId, zone: null };
    if (!(await hasPersonalData(service, person))) {
      // This very command re-created a bare profile from Slack: it goes too.
      await forgetMe(service, person, formerMember);
      deps.users.users.forget?.(ctx.workspaceId, ctx.userId);
      return textMessage(ctx.m.privacy.forgetNothingLeft);
    }
    if (!ctx.triggerId) return textMessage(ctx.m.command.somethingWentWrong);
    await ctx.client.views.open({ trigger_id: ctx.triggerId, view: buildForgetMeModal(ctx.m) });
    return undefined;
  };
}

/** The confirmed modal: everything goes in one transaction, then the modal says what happened. */
export function registerForgetMeView(app: ListenerRegistrar, deps: ListenerDeps): void {
  const service = deps.privacy;
  app.view<ViewSubmitAction>(settingsCallbackIds.forgetMe, async ({ ack, body }) => {
    const who = interactionUser.safeParse(body);
    const workspaceId = who.success ? workspaceOf(who.data) : undefined;
    if (!who.success || !workspaceId) return ack();
    const userId = who.data.user.id;
    const { m } = await personOf(deps, workspaceId, userId);
    try {
      const result = await forgetMe(service, { workspaceId, userId, zone: null }, formerMember);
      deps.users.users.forget?.(workspaceId, userId);
      deps.logger.info(
        { workspaceId, rows: result.kind === 'forgotten' ? result.outcome.rows : {} },
        'person forgotten',
      );
      const text = result.kind === 'forgotten' ? m.privacy.forgetDone : m.privacy.forgetNothingLeft;
      await ack({
        response_action: 'update',
        view: buildForgetMeResultView(m, text, result.kind === 'forgotten'),
      });
    } catch (error) {
      deps.logger.error({ err: error }, 'forget-me failed');
      await ack({
        response_action: 'update',
        view: buildForgetMeResultView(m, m.privacy.forgetFailed, false),
      });
    }
  });
}
