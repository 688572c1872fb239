import type { BlockButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { applyTeamDefaults } from '../../../domain/settings/team-defaults.service.ts';
import { teamActionIds } from '../../ids.ts';
import { channelMention } from '../../blocks/team.blocks.ts';
import { personOf } from '../checkins/person.ts';
import { interactionUser, workspaceOf } from '../../parsers/interaction.parser.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { authorizeManagerOf, managerRefusalText } from './team-access.ts';
import { jsonValue } from '../../parsers/json-value.parser.ts';

const removeValue = jsonValue(z.object({ c: z.string().regex(/^[A-Z0-9]{3,30}$/) }), 100);

/** The confirmed "Remove team" button from `/trust team remove`. */
export function registerTeamRemoveAction(app: ListenerRegistrar, deps: ListenerDeps): void {
  const teams = deps.stores.teams;
  const defaults = deps.teamDefaults;
  app.action<BlockButtonAction>(teamActionIds.remove, async ({ ack, body, action, respond }) => {
    await ack();
    const who = interactionUser.safeParse(body);
    const value = removeValue.safeParse(action.value);
    const workspaceId = who.success ? workspaceOf(who.data) : undefined;
    if (!who.success || !workspaceId || !value.success) return;
    const person = await personOf(deps, workspaceId, who.data.user.id);
    const team = await teams.findByChannel(workspaceId, value.data.c);
    if (!team) {
      await respond({ response_type: 'ephemeral', replace_original: true, text: person.m.teams.notATeam });
      return;
    }
    const access = await authorizeManagerOf(deps, person, team);
    if (!access.ok) {
      const text = managerRefusalText(person.m, access.reason);
      await respond({ response_type: 'ephemeral', replace_original: false, text });
      return;
    }
    const members = await defaults.settings.memberIds(team.id);
    await teams.remove(team.id);
    deps.home.refresh(workspaceId, person.userId);
    await respond({
      response_type: 'ephemeral',
      replace_original: true,
      text: person.m.teams.removed(channelMention(team.channelId)),
    });
    // Its former members now follow their other team's defaults, or none (nudges back on).
    await applyTeamDefaults(defaults, workspaceId, members);
  });
}
