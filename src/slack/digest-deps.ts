import type { DigestTeam } from '../domain/digest/ports.ts';
import type { TeamWeekSummary } from '../domain/digest/team-week-summary.ts';
import { messages } from '../i18n/index.ts';
import { buildDigestMessage } from './blocks/digest.blocks.ts';

/** Renders a team's digest in its language. */
export function renderDigest(summary: TeamWeekSummary, team: DigestTeam) {
  return buildDigestMessage(messages(team.language), team.language, summary, team.minGroupSize);
}
