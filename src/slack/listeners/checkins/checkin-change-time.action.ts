import type { BlockButtonAction, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { updateSchedule } from '../../../domain/checkins/checkin.service.ts';
import { defaultCheckinTarget } from '../../../domain/checkins/checkin-schedule.ts';
import { formatDateTime } from '../../../i18n/format-date.ts';
import { checkinActionIds, checkinBlockIds, checkinCallbackIds } from '../../ids.ts';
import { buildChangeTimeModal } from '../../blocks/checkin.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { personOf } from './person.ts';
import { interactionUser, workspaceOf } from '../../parsers/interaction.parser.ts';
import { replyEnvelope } from '../../../domain/outbox/message-kinds.ts';
import { queueAndSendSoon } from '../../../domain/outbox/outgoing-message.ts';
import { unreadableFormAck } from '../form-problem.ts';

const timeState = z.object({
  [checkinBlockIds.weekday]: z.object({
    [checkinBlockIds.weekday]: z.object({
      selected_option: z.object({ value: z.string().regex(/^[1-7]$/) }),
    }),
  }),
  [checkinBlockIds.time]: z.object({
    [checkinBlockIds.time]: z.object({ selected_time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) }),
  }),
});

/** "Change day and time…": the person's own weekly check-in slot, in their zone. */
export function registerCheckinChangeTime(app: ListenerRegistrar, deps: ListenerDeps): void {
  const checkins = deps.stores.checkins;

  app.action<BlockButtonAction>(checkinActionIds.changeTime, async ({ ack, body, client }) => {
    await ack();
    const who = interactionUser.safeParse(body);
    const workspaceId = who.success ? workspaceOf(who.data) : undefined;
    if (!who.success || !workspaceId || !who.data.trigger_id) return;
    const person = await personOf(deps, workspaceId, who.data.user.id);
    const current = await checkins.findSchedule(workspaceId, person.userId);
    await client.views.open({
      trigger_id: who.data.trigger_id,
      view: buildChangeTimeModal(
        person.m,
        current?.target ?? defaultCheckinTarget,
        person.profile?.tz ?? 'UTC',
      ),
    });
  });

  app.view<ViewSubmitAction>(checkinCallbackIds.changeTime, async ({ ack, body, view }) => {
    const who = interactionUser.safeParse(body);
    const state = timeState.safeParse(view.state.values);
    const workspaceId = who.success ? workspaceOf(who.data) : undefined;
    if (!who.success || !workspaceId || !state.success) {
      // Slack requires both inputs, so only a forged or broken payload lands here: change nothing.
      await ack(await unreadableFormAck(deps, workspaceId, who.data?.user.id));
      return;
    }
    await ack();
    const person = await personOf(deps, workspaceId, who.data.user.id);
    const target = {
      weekday: Number(state.data[checkinBlockIds.weekday][checkinBlockIds.weekday].selected_option.value),
      time: state.data[checkinBlockIds.time][checkinBlockIds.time].selected_time,
    };
    const current = await checkins.findSchedule(workspaceId, person.userId);
    const zone = person.profile?.tz ?? null;
    const next = await updateSchedule(
      { checkins, clock: deps.clock },
      { workspaceId, userId: person.userId, zone },
      {
        target,
        optedOut: current?.optedOut ?? false,
        pausedUntil: current?.pausedUntil ?? null,
        // Chosen by the person: team defaults no longer move it.
        custom: true,
      },
    );
    deps.home.refresh(workspaceId, person.userId);
    const text = next
      ? person.m.checkin.rescheduled(
          formatDateTime(next, { language: person.language, timeZone: zone ?? 'UTC', now: deps.clock.now() }),
        )
      : person.m.checkin.noSchedule;
    const interaction = who.data.trigger_id ?? view.id;
    await queueAndSendSoon(deps, {
      ...replyEnvelope('checkin_time', workspaceId, person.userId, interaction),
      text,
    });
  });
}
