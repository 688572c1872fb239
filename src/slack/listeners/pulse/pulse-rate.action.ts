import type { BlockButtonAction } from '@slack/bolt';
import { pulseActionIds } from '../../ids.ts';
import { buildPulseModal, buildPulseNoticeModal, pulseRoundValue } from '../../blocks/pulse.blocks.ts';
import { channelMention } from '../../blocks/team.blocks.ts';
import { storedPersonOf } from '../checkins/person.ts';
import { interactionUser, workspaceOf } from '../../parsers/interaction.parser.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { availableRound } from './pulse-round.ts';
import { jsonValue } from '../../parsers/json-value.parser.ts';

export const pulseRoundJson = jsonValue(pulseRoundValue, 200);

/** "Rate team trust (anonymous)" in the check-in: opens the rating modal for that team's round. */
export function registerPulseRateAction(app: ListenerRegistrar, deps: ListenerDeps): void {
  const teams = deps.stores.teams;
  app.action<BlockButtonAction>(pulseActionIds.rate, async ({ ack, body, action, client, respond }) => {
    await ack();
    const who = interactionUser.safeParse(body);
    const value = pulseRoundJson.safeParse(action.value);
    const workspaceId = who.success ? workspaceOf(who.data) : undefined;
    if (!who.success || !workspaceId || !value.success || !who.data.trigger_id) return;
    // Read as stored: opening the modal must not stamp the person's row just before they rate.
    const person = await storedPersonOf(deps, workspaceId, who.data.user.id);
    const team = await teams.findById(value.data.t);
    const available =
      team && team.workspaceId === workspaceId
        ? await availableRound({ teams, pulse: deps.pulse, now: deps.clock.now() }, team, person.userId)
        : { kind: 'not_member' as const };
    if (team && available.kind === 'open' && available.value.w === value.data.w) {
      await client.views.open({
        trigger_id: who.data.trigger_id,
        view: buildPulseModal(person.m, available.value, team.channelId),
      });
      return;
    }
    const m = person.m.pulse;
    const text =
      available.kind === 'rated'
        ? m.alreadyRated
        : available.kind === 'not_member'
          ? m.notMember
          : available.kind === 'not_offered' && team
            ? m.notOffered(channelMention(team.channelId), available.minGroupSize)
            : m.roundClosed;
    // A click on the App Home has no response URL: answer in a small modal, and show the Home as it is now.
    if (!(body as { response_url?: string }).response_url) {
      await client.views.open({
        trigger_id: who.data.trigger_id,
        view: buildPulseNoticeModal(person.m, text),
      });
      deps.home.refresh(workspaceId, person.userId);
      return;
    }
    await respond({ response_type: 'ephemeral', replace_original: false, text });
  });
}
