import { teamMessageLanguage } from '../../../domain/users/language.ts';
import type { SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { pulseStepEnvelope } from '../../../domain/outbox/message-kinds.ts';
import type { OutgoingMessage } from '../../../domain/outbox/outgoing-message.ts';
import { roundAt, roundLabel } from '../../../domain/pulse/pulse.ts';
import { isPulseOffered } from '../../../domain/teams/team.ts';
import { getUserLanguage } from '../../../domain/users/user.service.ts';
import { messages } from '../../../i18n/index.ts';
import { functionCallbackIds } from '../../ids.ts';
import { buildPulseCheckinSection } from '../../blocks/pulse.blocks.ts';
import { channelMention } from '../../blocks/team.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';

const pulseInputs = z.object({ channel: z.string().regex(/^[CGD][A-Z0-9]{2,40}$/) });

/**
 * Workflow Builder step "Send the trust pulse to a team": every member of the team in `channel`
 * who has no participation mark for this week's round gets the Rate button by DM, through the
 * outbox. The pulse's anonymity is untouched: only "has this person a mark?" is asked, as the
 * follow-up reminder does. A channel that is no team, a team below k or a closed round ends the
 * step with `functions.completeError`, nothing queued.
 */
export function registerSendTrustPulseStep(app: ListenerRegistrar, deps: ListenerDeps): void {
  const teams = deps.stores.teams;
  app.function(functionCallbackIds.sendTrustPulse, async (args) => {
    try {
      await sendTrustPulse(deps, teams, args);
    } catch (error) {
      deps.logger.error({ err: error }, 'the Send the trust pulse step failed');
      await args.fail({ error: messages('en').command.somethingWentWrong }).catch(() => undefined);
    }
  });
}

async function sendTrustPulse(
  deps: ListenerDeps,
  teams: ListenerDeps['stores']['teams'],
  { inputs, complete, fail, body }: SlackEventMiddlewareArgs<'function_executed'>,
): Promise<void> {
  const workspaceId = body.team_id;
  const parsed = pulseInputs.safeParse(inputs);
  if (!parsed.success) return void (await fail({ error: messages('en').steps.badInputs }));
  const channel = parsed.data.channel;
  const team = await teams.findByChannel(workspaceId, channel);
  if (!team) return void (await fail({ error: messages('en').steps.notATeam(channelMention(channel)) }));
  const m = messages(teamMessageLanguage(team.language));
  if (!isPulseOffered(team, await teams.memberCount(team.id)))
    return void (await fail({ error: m.pulse.notOffered(channelMention(channel), team.minGroupSize) }));
  const round = roundAt(team.id, deps.clock.now(), team.timeZone);
  if (await deps.pulse.isClosed(round)) return void (await fail({ error: m.pulse.roundClosed }));

  const week = roundLabel(round);
  const asks: OutgoingMessage[] = [];
  for (const userId of await deps.channels.humanMembers(workspaceId, channel)) {
    if (!(await teams.isMember(team.id, userId))) continue;
    if (await deps.pulse.hasRated(workspaceId, round, userId)) continue;
    const reader = messages(
      await getUserLanguage(deps.users, workspaceId, userId).catch(() => teamMessageLanguage(team.language)),
    );
    asks.push({
      // One ask per round and person, however often the workflow runs.
      ...pulseStepEnvelope(
        workspaceId,
        userId,
        deps.pulse.followupTag(workspaceId, userId, week),
        week,
        team.id,
      ),
      text: reader.steps.pulseAskText,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: reader.steps.pulseAsk(channelMention(channel)) } },
        ...buildPulseCheckinSection(reader, [
          { kind: 'rate', channelId: channel, value: { t: team.id, w: week } },
        ]),
      ],
      onAmbiguous: 'give_up',
    });
  }
  const asked = asks.length > 0 ? await deps.outbox.enqueue(asks) : 0;
  if (asked > 0) deps.kickOutbox();
  await complete({ outputs: { asked } });
}
