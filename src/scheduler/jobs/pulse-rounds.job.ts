import { pulseResultEnvelope } from '../../domain/outbox/message-kinds.ts';
import { closeDueRounds, lastClosedResults } from '../../domain/pulse/pulse.service.ts';
import { roundLabel } from '../../domain/pulse/pulse.ts';
import { messages } from '../../i18n/index.ts';
import { buildPulseResultMessage } from '../../slack/blocks/pulse.blocks.ts';
import type { Job } from '../scheduler.ts';
import type { JobDeps } from './index.ts';

/** Closes pulse rounds whose week has ended in the team's zone and tells the team's managers the result. */
export function createPulseRoundsJob(deps: JobDeps): Job {
  const { stores, outbox, logger } = deps.context;
  const { pulse, teams } = stores;
  return {
    name: 'pulse-rounds',
    run: async (now) => {
      const closed = await closeDueRounds(
        {
          pulse,
          ballots: deps.context.pulse,
          teams,
          // A count only: which ballots, and what they held, is never known.
          onUnreadable: (round, unreadable) =>
            logger.error(
              { teamId: round.teamId, week: roundLabel(round), unreadable },
              'pulse round closed with ballots no key opens (PULSE_SECRET changed without PULSE_SECRET_PREVIOUS?)',
            ),
        },
        now,
      );
      let queued = 0;
      for (const round of closed) {
        await stores.pulseFollowups.forgetOfTeam(round.workspaceId, round.teamId);
        const [result] = await lastClosedResults({ pulse }, round.teamId, 1);
        if (!result) continue;
        const message = buildPulseResultMessage(
          messages(round.language),
          round.channelId,
          result,
          round.minGroupSize,
        );
        const managers = await teams.managers(round.teamId);
        queued += await outbox.enqueue(
          managers.map((userId) => ({
            ...pulseResultEnvelope(round.workspaceId, round.teamId, roundLabel(round), userId),
            text: message.text,
            blocks: message.blocks,
            onAmbiguous: 'give_up' as const,
          })),
        );
      }
      return { closed: closed.length, queued };
    },
  };
}
