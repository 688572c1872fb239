import type { BlockButtonAction, ViewSubmitAction } from '@slack/bolt';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { updateSchedule } from '../../../domain/checkins/checkin.service.ts';
import { defaultCheckinTarget } from '../../../domain/checkins/checkin-schedule.ts';
import { formatDateTime } from '../../../i18n/format-date.ts';
import { checkinActionIds, checkinBlockIds, checkinCallbackIds } from '../../ids.ts';
import { buildPauseModal } from '../../blocks/checkin.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { personOf } from './person.ts';
import { interactionUser, workspaceOf } from '../../parsers/interaction.parser.ts';
import { replyEnvelope } from '../../../domain/outbox/message-kinds.ts';
import { queueAndSendSoon } from '../../../domain/outbox/outgoing-message.ts';
import { unreadableFormAck } from '../form-problem.ts';

const pauseState = z.object({
  [checkinBlockIds.pauseUntil]: z.object({
    [checkinBlockIds.pauseUntil]: z.object({
      selected_date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .nullable(),
    }),
  }),
});

/** "Pause…": no check-ins until a chosen day. */
export function registerCheckinPause(app: ListenerRegistrar, deps: ListenerDeps): void {
  const checkins = deps.stores.checkins;

  app.action<BlockButtonAction>(checkinActionIds.pause, async ({ ack, body, client }) => {
    await ack();
    const who = interactionUser.safeParse(body);
    const workspaceId = who.success ? workspaceOf(who.data) : undefined;
    if (!who.success || !workspaceId || !who.data.trigger_id) return;
    const person = await personOf(deps, workspaceId, who.data.user.id);
    const zone = person.profile?.tz ?? 'UTC';
    const inAWeek = DateTime.fromJSDate(deps.clock.now(), { zone }).plus({ weeks: 1 }).toISODate() ?? '';
    await client.views.open({ trigger_id: who.data.trigger_id, view: buildPauseModal(person.m, inAWeek) });
  });

  app.view<ViewSubmitAction>(checkinCallbackIds.pause, async ({ ack, body, view }) => {
    const who = interactionUser.safeParse(body);
    const state = pauseState.safeParse(view.state.values);
    const workspaceId = who.success ? workspaceOf(who.data) : undefined;
    if (!who.success || !workspaceId || !state.success) {
      await ack(await unreadableFormAck(deps, workspaceId, who.data?.user.id));
      return;
    }
    const person = await personOf(deps, workspaceId, who.data.user.id);
    const zone = person.profile?.tz ?? 'UTC';
    const picked = state.data[checkinBlockIds.pauseUntil][checkinBlockIds.pauseUntil].selected_date;
    const today = DateTime.fromJSDate(deps.clock.now(), { zone }).startOf('day');
    const day = picked ? DateTime.fromISO(picked, { zone }) : undefined;
    const problem =
      !day || !day.isValid || day <= today
        ? person.m.checkin.pauseInPast
        : day > today.plus({ years: 1 })
          ? person.m.checkin.pauseTooFar
          : undefined;
    if (problem || !picked) {
      await ack({
        response_action: 'errors',
        errors: { [checkinBlockIds.pauseUntil]: problem ?? person.m.checkin.pauseInPast },
      });
      return;
    }
    await ack();
    const current = await checkins.findSchedule(workspaceId, person.userId);
    const next = await updateSchedule(
      { checkins, clock: deps.clock },
      { workspaceId, userId: person.userId, zone: person.profile?.tz ?? null },
      {
        target: current?.target ?? defaultCheckinTarget,
        optedOut: current?.optedOut ?? false,
        pausedUntil: picked,
      },
    );
    deps.home.refresh(workspaceId, person.userId);
    const audience = { language: person.language, timeZone: zone, now: deps.clock.now() };
    const text = [
      person.m.checkin.paused(
        formatDateTime(DateTime.fromISO(picked, { zone }).toJSDate(), audience).replace(/,?\s*00:00$/, ''),
      ),
      next ? person.m.checkin.rescheduled(formatDateTime(next, audience)) : '',
    ]
      .filter(Boolean)
      .join(' ');
    const interaction = who.data.trigger_id ?? view.id;
    await queueAndSendSoon(deps, {
      ...replyEnvelope('checkin_pause', workspaceId, person.userId, interaction),
      text,
    });
  });
}
