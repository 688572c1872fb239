import { defaultTeamSettings, type Team } from '../../../domain/teams/team.ts';
import type { SlackMessage } from '../../blocks/block-kit.ts';
import {
  buildTeamRemoveConfirmation,
  buildTeamSettingsModal,
  channelMention,
} from '../../blocks/team.blocks.ts';
import { personOf } from '../checkins/person.ts';
import { sealedView } from '../../runtime/view-seal.ts';
import { textMessage } from '../commands/trust.command.ts';
import type { SubcommandContext, SubcommandHandler } from '../commands/subcommand.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { authorizeManagerOf, managerRefusalText } from './team-access.ts';

const mention = /^<@([UW][A-Z0-9]{2,30})(?:\|[^>]*)?>$/;

/** The team of the channel the command was typed in, when the person may manage it. */
async function channelTeamYouManage(
  deps: ListenerDeps,
  ctx: SubcommandContext,
): Promise<{ team: Team } | { refusal: SlackMessage }> {
  const team = await deps.stores.teams.findByChannel(ctx.workspaceId, ctx.channelId);
  if (!team) return { refusal: textMessage(ctx.m.teams.notATeam) };
  const person = await personOf(deps, ctx.workspaceId, ctx.userId);
  const access = await authorizeManagerOf(deps, person, team);
  if (!access.ok) return { refusal: textMessage(managerRefusalText(ctx.m, access.reason)) };
  return { team };
}

/** `/trust team setup`: in the channel that becomes the team; managers only; opens the settings. */
export function teamSetupSubcommand(deps: ListenerDeps): SubcommandHandler {
  const teams = deps.stores.teams;
  return async (ctx) => {
    if (await teams.findByChannel(ctx.workspaceId, ctx.channelId))
      return textMessage(ctx.m.teams.alreadyTeam);
    const person = await personOf(deps, ctx.workspaceId, ctx.userId);
    const access = await authorizeManagerOf(deps, person, undefined);
    if (!access.ok) return textMessage(managerRefusalText(ctx.m, access.reason));
    if (!(await deps.channels.botIsMember(ctx.workspaceId, ctx.channelId))) {
      return textMessage(ctx.m.teams.botNotInChannel);
    }
    if (!ctx.triggerId) return textMessage(ctx.m.command.somethingWentWrong);
    const settings = defaultTeamSettings({
      minGroupSize: deps.settings.minGroupSize,
      timeZone: person.profile?.tz ?? null,
    });
    await ctx.client.views.open({
      trigger_id: ctx.triggerId,
      view: sealedView(deps.viewSeal, buildTeamSettingsModal(ctx.m, { c: ctx.channelId }, settings), ctx),
    });
    return undefined;
  };
}

/** `/trust team settings`: the same modal, filled in with the team's settings. */
export function teamSettingsSubcommand(deps: ListenerDeps): SubcommandHandler {
  return async (ctx) => {
    const found = await channelTeamYouManage(deps, ctx);
    if ('refusal' in found) return found.refusal;
    const { team } = found;
    if (!ctx.triggerId) return textMessage(ctx.m.command.somethingWentWrong);
    await ctx.client.views.open({
      trigger_id: ctx.triggerId,
      view: sealedView(
        deps.viewSeal,
        buildTeamSettingsModal(ctx.m, { c: team.channelId, t: team.id }, team),
        ctx,
      ),
    });
    return undefined;
  };
}

/** `/trust team managers add @person`. */
export function teamManagersAddSubcommand(deps: ListenerDeps): SubcommandHandler {
  const teams = deps.stores.teams;
  return async (ctx) => {
    const found = await channelTeamYouManage(deps, ctx);
    if ('refusal' in found) return found.refusal;
    const { team } = found;
    const target = mention.exec(ctx.args.trim())?.[1];
    if (!target) return textMessage(ctx.m.teams.managerUsage);
    const isPerson = await deps.channels.isPerson(ctx.workspaceId, target).catch(() => false);
    if (!isPerson) return textMessage(ctx.m.teams.managerNotPerson);
    await teams.addManager(team.id, target, ctx.userId);
    deps.home.refresh(ctx.workspaceId, target);
    return textMessage(ctx.m.teams.managerAdded(`<@${target}>`, channelMention(team.channelId)));
  };
}

/** `/trust team remove`: answers with a confirm button; the button does the removing. */
export function teamRemoveSubcommand(deps: ListenerDeps): SubcommandHandler {
  return async (ctx) => {
    const found = await channelTeamYouManage(deps, ctx);
    if ('refusal' in found) return found.refusal;
    const { team } = found;
    return buildTeamRemoveConfirmation(ctx.m, team.channelId);
  };
}
