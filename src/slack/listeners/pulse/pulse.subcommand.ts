import { buildPulseModal } from '../../blocks/pulse.blocks.ts';
import { channelMention } from '../../blocks/team.blocks.ts';
import { textMessage } from '../commands/trust.command.ts';
import type { SubcommandHandler } from '../commands/subcommand.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { availableRound } from './pulse-round.ts';

/** `/trust pulse`: the rating modal for this channel's team, or else the first team not yet rated. */
export function pulseSubcommand(deps: ListenerDeps): SubcommandHandler {
  const teams = deps.stores.teams;
  return async (ctx) => {
    const mine = await teams.teamsOf(ctx.workspaceId, ctx.userId);
    if (mine.length === 0) return textMessage(ctx.m.pulse.noTeam);
    const ordered = [...mine].sort(
      (a, b) => Number(b.team.channelId === ctx.channelId) - Number(a.team.channelId === ctx.channelId),
    );
    let firstRefusal: string | undefined;
    for (const { team } of ordered) {
      const available = await availableRound(
        { teams, pulse: deps.pulse, now: deps.clock.now() },
        team,
        ctx.userId,
      );
      if (available.kind === 'open') {
        if (!ctx.triggerId) return textMessage(ctx.m.command.somethingWentWrong);
        await ctx.client.views.open({
          trigger_id: ctx.triggerId,
          view: buildPulseModal(ctx.m, available.value, team.channelId),
        });
        return undefined;
      }
      if (available.kind === 'not_offered' && !firstRefusal) {
        firstRefusal = ctx.m.pulse.notOffered(channelMention(team.channelId), available.minGroupSize);
      }
    }
    return textMessage(firstRefusal ?? ctx.m.pulse.nothingToRate);
  };
}
