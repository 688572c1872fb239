import type { BlockButtonAction } from '@slack/bolt';
import { homeActionIds } from '../../ids.ts';
import { homeTeamValue } from '../../blocks/home.blocks.ts';
import { buildNoticeModal, buildTeamSettingsModal } from '../../blocks/team.blocks.ts';
import { personOf } from '../checkins/person.ts';
import { interactionUser, workspaceOf } from '../../parsers/interaction.parser.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { authorizeManagerOf, managerRefusalText } from '../teams/team-access.ts';
import { sealedView } from '../../runtime/view-seal.ts';

/**
 * "Team settings" beside a managed team on the App Home: the same modal, with the same checks, as
 * `/trust team settings` in the team's channel; its submission is handled by the team settings view.
 */
export function registerHomeTeamSettingsAction(app: ListenerRegistrar, deps: ListenerDeps): void {
  const teams = deps.stores.teams;
  app.action<BlockButtonAction>(homeActionIds.teamSettings, async ({ ack, body, action, client }) => {
    await ack();
    const who = interactionUser.safeParse(body);
    const workspaceId = who.success ? workspaceOf(who.data) : undefined;
    const value = homeTeamValue.safeParse(action.value);
    if (!who.success || !workspaceId || !who.data.trigger_id || !value.success) return;
    const triggerId = who.data.trigger_id;
    const person = await personOf(deps, workspaceId, who.data.user.id);
    const m = person.m;
    const found = await teams.findById(value.data.t);
    // Another workspace's team reads as gone: nothing about it is revealed.
    const team = found && found.workspaceId === workspaceId ? found : undefined;
    const access = team ? await authorizeManagerOf(deps, person, team) : undefined;
    const refusal = !access ? m.home.notATeam : !access.ok ? managerRefusalText(m, access.reason) : undefined;
    if (refusal || !team) {
      await client.views.open({
        trigger_id: triggerId,
        view: buildNoticeModal(m.teams.settingsTitle, m.pulse.close, refusal ?? m.home.notATeam),
      });
      // The button was stale: show the Home as it is now.
      deps.home.refresh(workspaceId, person.userId);
      return;
    }
    await client.views.open({
      trigger_id: triggerId,
      view: sealedView(
        deps.viewSeal,
        buildTeamSettingsModal(m, { c: team.channelId, t: team.id }, team),
        person,
      ),
    });
  });
}
