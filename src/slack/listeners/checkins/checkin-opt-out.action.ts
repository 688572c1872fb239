import type { BlockButtonAction } from '@slack/bolt';
import { updateSchedule } from '../../../domain/checkins/checkin.service.ts';
import { defaultCheckinTarget } from '../../../domain/checkins/checkin-schedule.ts';
import { checkinActionIds } from '../../ids.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { personOf, weekValue } from './person.ts';
import { interactionUser, workspaceOf } from '../../parsers/interaction.parser.ts';

export function registerCheckinOptOut(app: ListenerRegistrar, deps: ListenerDeps): void {
  const checkins = deps.stores.checkins;
  app.action<BlockButtonAction>(checkinActionIds.optOut, async ({ ack, body, action, respond }) => {
    await ack();
    const who = interactionUser.safeParse(body);
    const workspaceId = who.success ? workspaceOf(who.data) : undefined;
    // Only a button we rendered carries a well-formed week; anything else changes nothing.
    if (!who.success || !workspaceId || !weekValue.safeParse(action.value).success) return;
    const person = await personOf(deps, workspaceId, who.data.user.id);
    const current = await checkins.findSchedule(workspaceId, person.userId);
    await updateSchedule(
      { checkins, clock: deps.clock },
      { workspaceId, userId: person.userId, zone: person.profile?.tz ?? null },
      {
        target: current?.target ?? defaultCheckinTarget,
        pausedUntil: current?.pausedUntil ?? null,
        optedOut: true,
      },
    );
    deps.home.refresh(workspaceId, person.userId);
    await respond({ response_type: 'ephemeral', replace_original: false, text: person.m.checkin.optedOut });
  });
}
