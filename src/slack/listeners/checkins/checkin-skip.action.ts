import type { BlockButtonAction } from '@slack/bolt';
import { skipWeek } from '../../../domain/checkins/checkin.service.ts';
import { checkinActionIds } from '../../ids.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { personOf, weekValue } from './person.ts';
import { interactionUser, workspaceOf } from '../../parsers/interaction.parser.ts';

export function registerCheckinSkip(app: ListenerRegistrar, deps: ListenerDeps): void {
  const checkins = deps.stores.checkins;
  app.action<BlockButtonAction>(checkinActionIds.skip, async ({ ack, body, action, respond }) => {
    await ack();
    const who = interactionUser.safeParse(body);
    const value = weekValue.safeParse(action.value);
    const workspaceId = who.success ? workspaceOf(who.data) : undefined;
    if (!who.success || !value.success || !workspaceId) return;
    const person = await personOf(deps, workspaceId, who.data.user.id);
    await skipWeek({ checkins }, workspaceId, person.userId, value.data.w);
    deps.home.refresh(workspaceId, person.userId);
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: person.m.checkin.skipped(value.data.w),
    });
  });
}
