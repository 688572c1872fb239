import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import { PULSE_ITEMS, type PulseItem, type RoundResult } from '../../domain/pulse/pulse.ts';
import type { Messages } from '../../i18n/en.ts';
import { pulseActionIds, pulseBlockIds, pulseCallbackIds } from '../ids.ts';
import { button, context, plainText, type SlackMessage, section } from './block-kit.ts';
import { channelMention } from './team.blocks.ts';

/** What the rating modal and the check-in button carry: the team and the round's week. */
export const pulseRoundValue = z.object({ t: z.uuid(), w: z.string().regex(/^\d{4}-W\d{2}$/) });
export type PulseRoundValue = z.infer<typeof pulseRoundValue>;

export const pulseItemBlockIds: Record<PulseItem, string> = {
  credibility: pulseBlockIds.credibility,
  reliability: pulseBlockIds.reliability,
  intimacy: pulseBlockIds.intimacy,
  selfOrientation: pulseBlockIds.selfOrientation,
};

export function buildPulseModal(m: Messages, value: PulseRoundValue, channelId: string): ModalView {
  const options: PlainTextOption[] = m.pulse.scale.map((label, i) => ({
    text: plainText(label),
    value: String(i + 1),
  }));
  return {
    type: 'modal',
    callback_id: pulseCallbackIds.rate,
    private_metadata: JSON.stringify(value),
    title: plainText(m.pulse.title),
    submit: plainText(m.pulse.submit),
    close: plainText(m.pulse.cancel),
    blocks: [
      section(m.pulse.intro(channelMention(channelId))),
      ...PULSE_ITEMS.map(
        (item): KnownBlock => ({
          type: 'input',
          block_id: pulseItemBlockIds[item],
          label: plainText(m.pulse.statements[item]),
          element: { type: 'radio_buttons', action_id: pulseItemBlockIds[item], options },
        }),
      ),
      context(m.pulse.anonymous),
    ],
  };
}

/** The answer to a submission: the same bytes whatever was rated. */
export function buildPulseNoticeModal(m: Messages, text: string): ModalView {
  return {
    type: 'modal',
    title: plainText(m.pulse.title),
    close: plainText(m.pulse.close),
    blocks: [section(text)],
  };
}

export type PulseCheckinEntry =
  | { kind: 'rate'; channelId: string; value: PulseRoundValue }
  | { kind: 'not_offered'; channelId: string; minGroupSize: number };

/** The check-in's pulse part: a button per open round the person has not rated. */
export function buildPulseCheckinSection(m: Messages, entries: PulseCheckinEntry[]): KnownBlock[] {
  if (entries.length === 0) return [];
  const blocks: KnownBlock[] = [section(m.pulse.checkinHeading)];
  for (const entry of entries.slice(0, 10)) {
    const channel = channelMention(entry.channelId);
    if (entry.kind === 'not_offered') {
      blocks.push(context(m.pulse.notOffered(channel, entry.minGroupSize)));
      continue;
    }
    blocks.push({
      ...section(m.pulse.checkinPrompt(channel), `${pulseBlockIds.rate}:${entry.value.t}`),
      accessory: button(m.pulse.rateButton, pulseActionIds.rate, JSON.stringify(entry.value), 'primary'),
    });
  }
  return blocks;
}

const decimal = (value: number) => value.toFixed(1);

/** A closed round's result: scores only with enough responses, never a name. */
export function buildPulseResultMessage(
  m: Messages,
  channelId: string,
  result: RoundResult,
  minGroupSize: number,
): SlackMessage {
  const title = m.pulse.resultTitle(channelMention(channelId), result.label);
  const lines = [`*${title}*`];
  if (result.scores) {
    const s = result.scores;
    const change =
      result.change === undefined ? '' : ` (${result.change >= 0 ? '▲ +' : '▼ '}${decimal(result.change)})`;
    lines.push(m.pulse.resultLine(decimal(s.index), change));
    lines.push(
      m.pulse.parts(
        decimal(s.means.credibility),
        decimal(s.means.reliability),
        decimal(s.means.intimacy),
        decimal(s.means.selfOrientation),
      ),
    );
    lines.push(m.pulse.respondents(result.respondents, result.members));
  } else {
    lines.push(m.pulse.notEnough(result.respondents, minGroupSize));
  }
  const text = lines.join('\n');
  return { text, blocks: [section(text)] };
}
