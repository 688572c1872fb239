import { queueDueFollowups } from '../../domain/pulse/pulse-followup.service.ts';
import { messages } from '../../i18n/index.ts';
import { buildPulseFollowupMessage } from '../../slack/blocks/pulse-followup.blocks.ts';
import type { Job } from '../scheduler.ts';
import type { JobDeps } from './index.ts';

/** One pulse reminder two days after each check-in, to people who have not rated an open round. */
export function createPulseFollowupsJob(deps: JobDeps): Job {
  const followupDeps = {
    followups: deps.context.stores.pulseFollowups,
    teams: deps.context.stores.teams,
    pulse: deps.context.pulse,
    render: (language: 'en' | 'nb', rounds: Parameters<typeof buildPulseFollowupMessage>[1]) =>
      buildPulseFollowupMessage(messages(language), rounds),
  };
  return {
    name: 'pulse-followups',
    run: async (now) => ({ ...(await queueDueFollowups(followupDeps, now)) }),
  };
}
