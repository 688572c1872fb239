import type { GlobalShortcut } from '@slack/bolt';
import { shortcutCallbackIds } from '../../ids.ts';
import { buildPulseModal, buildPulseNoticeModal } from '../../blocks/pulse.blocks.ts';
import { channelMention } from '../../blocks/team.blocks.ts';
import { personOf } from '../checkins/person.ts';
import { interactionUser, workspaceOf } from '../../parsers/interaction.parser.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { availableRound, type RoundAvailability } from '../pulse/pulse-round.ts';
import type { ListenerRegistrar } from '../registrar.ts';

/**
 * Global shortcut "Rate team trust": the rating modal for the first of the person's teams whose
 * round is open and not yet rated by them, or a small modal saying why there is none (no team,
 * too few members for an anonymous pulse, already rated, the round closed).
 */
export function registerRateTeamTrustShortcut(app: ListenerRegistrar, deps: ListenerDeps): void {
  const teams = deps.stores.teams;
  app.shortcut<GlobalShortcut>(shortcutCallbackIds.rateTeamTrust, async ({ ack, body, client }) => {
    await ack();
    const who = interactionUser.safeParse(body);
    const workspaceId = who.success ? workspaceOf(who.data) : undefined;
    const triggerId = who.success ? who.data.trigger_id : undefined;
    if (!who.success || !workspaceId || !triggerId) return;
    const person = await personOf(deps, workspaceId, who.data.user.id);
    const mine = await teams.teamsOf(workspaceId, person.userId);
    const refusals: Array<{ channelId: string; available: RoundAvailability }> = [];
    for (const { team } of mine) {
      const available = await availableRound(
        { teams, pulse: deps.pulse, now: deps.clock.now() },
        team,
        person.userId,
      );
      if (available.kind === 'open') {
        await client.views.open({
          trigger_id: triggerId,
          view: buildPulseModal(person.m, available.value, team.channelId),
        });
        return;
      }
      refusals.push({ channelId: team.channelId, available });
    }
    const m = person.m.pulse;
    const belowK = refusals.find((r) => r.available.kind === 'not_offered');
    const text =
      refusals.length === 0
        ? m.noTeam
        : belowK && belowK.available.kind === 'not_offered'
          ? m.notOffered(channelMention(belowK.channelId), belowK.available.minGroupSize)
          : refusals.some((r) => r.available.kind === 'closed')
            ? m.roundClosed
            : m.nothingToRate;
    await client.views.open({ trigger_id: triggerId, view: buildPulseNoticeModal(person.m, text) });
  });
}
