import type { KnownBlock } from '@slack/types';
import type { FollowupRound } from '../../domain/pulse/pulse-followup.service.ts';
import type { Messages } from '../../i18n/en.ts';
import { type SlackMessage, section } from './block-kit.ts';
import { buildPulseCheckinSection } from './pulse.blocks.ts';

/** The one reminder, two days after the check-in, for rounds the person has not rated yet. */
export function buildPulseFollowupMessage(m: Messages, rounds: FollowupRound[]): SlackMessage {
  const blocks: KnownBlock[] = [
    section(m.settings.followupIntro),
    ...buildPulseCheckinSection(
      m,
      rounds.map((r) => ({ kind: 'rate' as const, channelId: r.channelId, value: r.value })),
    ),
  ];
  return { text: m.settings.followupText, blocks };
}
