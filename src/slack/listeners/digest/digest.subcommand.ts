import { digestNowKey } from '../../../domain/outbox/message-kinds.ts';
import { buildTeamWeekSummary, queueDigestNow, zoneOf } from '../../../domain/digest/digest.service.ts';
import type { DigestTeam } from '../../../domain/digest/ports.ts';
import { isoWeekOf } from '../../../domain/schedule/local-time.ts';
import { buildDigestPreview } from '../../blocks/digest.blocks.ts';
import type { SlackMessage } from '../../blocks/block-kit.ts';
import { channelMention } from '../../blocks/team.blocks.ts';
import { renderDigest } from '../../digest-deps.ts';
import { personOf } from '../checkins/person.ts';
import type { SubcommandContext, SubcommandHandler } from '../commands/subcommand.ts';
import { textMessage } from '../commands/trust.command.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { authorizeManagerOf, managerRefusalText } from '../teams/team-access.ts';

type Access = { ok: true; team: DigestTeam } | { ok: false; reply: SlackMessage };

/** Only in a team's channel, and only for one of its managers. */
async function managedTeam(deps: ListenerDeps, ctx: SubcommandContext): Promise<Access> {
  const teams = deps.stores.teams;
  const team = await teams.findByChannel(ctx.workspaceId, ctx.channelId);
  if (!team) return { ok: false, reply: textMessage(ctx.m.digest.teamOnly) };
  const person = await personOf(deps, ctx.workspaceId, ctx.userId);
  const access = await authorizeManagerOf(deps, person, team);
  if (!access.ok) return { ok: false, reply: textMessage(managerRefusalText(ctx.m, access.reason)) };
  const digestTeam = await deps.digest.digests.findTeam(ctx.workspaceId, ctx.channelId);
  return digestTeam
    ? { ok: true, team: digestTeam }
    : { ok: false, reply: textMessage(ctx.m.digest.teamOnly) };
}

/** `/trust digest`: posts this week's digest in the team channel now, through the outbox. */
export function digestSubcommand(deps: ListenerDeps): SubcommandHandler {
  const digestDeps = deps.digest;
  return async (ctx) => {
    const access = await managedTeam(deps, ctx);
    if (!access.ok) return access.reply;
    // One post per invocation: the trigger id is unique to it (Slack does not resend commands).
    const invocation = ctx.triggerId ?? String(deps.clock.now().getTime());
    await queueDigestNow(digestDeps, access.team, digestNowKey(access.team.id, invocation));
    deps.kickOutbox();
    return textMessage(ctx.m.digest.posted(channelMention(access.team.channelId)));
  };
}

/** `/trust digest preview`: the same digest, shown to the manager only. */
export function digestPreviewSubcommand(deps: ListenerDeps): SubcommandHandler {
  const digestDeps = deps.digest;
  return async (ctx) => {
    const access = await managedTeam(deps, ctx);
    if (!access.ok) return access.reply;
    const week = isoWeekOf(deps.clock.now(), zoneOf(access.team));
    const summary = await buildTeamWeekSummary(digestDeps, access.team, week);
    return buildDigestPreview(ctx.m, renderDigest(summary, access.team));
  };
}
