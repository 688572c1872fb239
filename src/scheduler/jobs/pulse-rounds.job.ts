import { closeDueRounds, lastClosedResults } from '../../domain/pulse/pulse.service.ts';
import { roundLabel } from '../../domain/pulse/pulse.ts';
import { messages } from '../../i18n/index.ts';
import { createPgOutbox } from '../../persistence/pg-outbox.repository.ts';
import { createPgPulseRepository } from '../../persistence/pg-pulse.repository.ts';
import { forgetFollowupsOfTeam } from '../../persistence/pg-pulse-followup.repository.ts';
import { createPgTeamRepository } from '../../persistence/pg-team.repository.ts';
import { buildPulseResultMessage } from '../../slack/blocks/pulse.blocks.ts';
import type { Job } from '../scheduler.ts';
import type { JobDeps } from './index.ts';

/** Closes pulse rounds whose week has ended in the team's zone and tells the team's managers the result. */
export function createPulseRoundsJob(deps: JobDeps): Job {
  const pulse = createPgPulseRepository(deps.db);
  const teams = createPgTeamRepository(deps.db);
  const outbox = createPgOutbox(deps.db);
  return {
    name: 'pulse-rounds',
    run: async (now) => {
      const closed = await closeDueRounds(
        {
          pulse,
          ballots: deps.pulse,
          teams,
          // A count only: which ballots, and what they held, is never known.
          onUnreadable: (round, unreadable) =>
            deps.logger.error(
              { teamId: round.teamId, week: roundLabel(round), unreadable },
              'pulse round closed with ballots no key opens (PULSE_SECRET changed without PULSE_SECRET_PREVIOUS?)',
            ),
        },
        now,
      );
      let queued = 0;
      for (const round of closed) {
        await forgetFollowupsOfTeam(deps.db, round.workspaceId, round.teamId);
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
            workspaceId: round.workspaceId,
            idempotencyKey: `pulse-result:${round.teamId}:${roundLabel(round)}:${userId}`,
            kind: 'pulse_result',
            channel: userId,
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
