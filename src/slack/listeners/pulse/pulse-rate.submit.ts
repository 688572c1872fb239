import type { ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { PULSE_ITEMS, type PulseScores, roundAt, roundLabel } from '../../../domain/pulse/pulse.ts';
import { pulseCallbackIds } from '../../ids.ts';
import { buildPulseNoticeModal, pulseItemBlockIds } from '../../blocks/pulse.blocks.ts';
import { storedPersonOf } from '../checkins/person.ts';
import { interactionUser, workspaceOf } from '../../parsers/interaction.parser.ts';
import { isPulseOffered } from '../../../domain/teams/team.ts';
import { isProfileFresh } from '../../../domain/users/user.ts';
import { channelMention } from '../../blocks/team.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { pulseRoundJson } from './pulse-rate.action.ts';
import { unreadableFormAck } from '../form-problem.ts';

const answer = z.object({ selected_option: z.object({ value: z.enum(['1', '2', '3', '4', '5']) }) });

function scoresOf(values: unknown): PulseScores | undefined {
  const state = z.record(z.string(), z.record(z.string(), z.unknown())).safeParse(values);
  if (!state.success) return undefined;
  const scores = {} as PulseScores;
  for (const item of PULSE_ITEMS) {
    const id = pulseItemBlockIds[item];
    const parsed = answer.safeParse(state.data[id]?.[id]);
    if (!parsed.success) return undefined;
    scores[item] = Number(parsed.data.selected_option.value);
  }
  return scores;
}

/**
 * A pulse rating. The answer is the same modal whatever the scores, and nothing here logs them:
 * they go from the payload straight into a sealed ballot, stored with the participation mark in
 * one transaction. Nothing else is written: the profile is read as stored, never refreshed.
 */
export function registerPulseRateView(app: ListenerRegistrar, deps: ListenerDeps): void {
  const teams = deps.stores.teams;
  app.view<ViewSubmitAction>(pulseCallbackIds.rate, async ({ ack, body, view }) => {
    const who = interactionUser.safeParse(body);
    const workspaceId = who.success ? workspaceOf(who.data) : undefined;
    const value = pulseRoundJson.safeParse(view.private_metadata);
    const scores = scoresOf(view.state.values);
    if (!who.success || !workspaceId || !value.success || !scores) {
      await ack(await unreadableFormAck(deps, workspaceId, who.data?.user.id));
      return;
    }
    const person = await storedPersonOf(deps, workspaceId, who.data.user.id);
    const m = person.m.pulse;
    const team = await teams.findById(value.data.t);
    // Another workspace's team reads as "not yours": nothing about it is revealed.
    if (!team || team.workspaceId !== workspaceId || !(await teams.isMember(team.id, person.userId))) {
      await ack({ response_action: 'update', view: buildPulseNoticeModal(person.m, m.notMember) });
      return;
    }
    // The team may have shrunk below k since the modal opened: a result could then expose people.
    if (!isPulseOffered(team, await teams.memberCount(team.id))) {
      const text = m.notOffered(channelMention(team.channelId), team.minGroupSize);
      await ack({ response_action: 'update', view: buildPulseNoticeModal(person.m, text) });
      return;
    }
    const now = deps.clock.now();
    const round = roundAt(team.id, now, team.timeZone);
    const outcome =
      roundLabel(round) === value.data.w
        ? await deps.pulse.submit({ workspaceId, round, userId: person.userId, scores })
        : 'closed';
    const text = outcome === 'counted' ? m.thanks : outcome === 'duplicate' ? m.alreadyRated : m.roundClosed;
    await ack({ response_action: 'update', view: buildPulseNoticeModal(person.m, text) });
    // The Home drops its Rate button; publishing it would refresh a stale profile (a write next to
    // the mark), so then it waits for the person's next visit.
    if (person.profile && isProfileFresh(person.profile, now)) deps.home.refresh(workspaceId, person.userId);
  });
}
