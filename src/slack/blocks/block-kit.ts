// The Block Kit pieces every builder in blocks/ uses, so the invisible-character rule is applied in
// one place: plain_text is stripped here; mrkdwn takes text the builder has already escaped
// (`escapeMrkdwn`, `escapeToFit`, `codeSpan`), since escaping itself inserts zero-width spaces.

import type {
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from '@slack/types';
import { plain } from './mrkdwn.ts';

/** A message as sent: the notification/fallback text and its blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Titles, labels, buttons and options: no mrkdwn, and no invisible controls from user text. */
export function plainText(text: string): PlainTextElement {
  return { type: 'plain_text', text: plain(text), emoji: true };
}

/** mrkdwn that is already safe: catalogue text, or user text escaped by the caller. */
export function mrkdwnText(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text };
}

export function section(text: string, blockId?: string): SectionBlock {
  return { type: 'section', ...(blockId ? { block_id: blockId } : {}), text: mrkdwnText(text) };
}

export function context(text: string, blockId?: string): ContextBlock {
  return { type: 'context', ...(blockId ? { block_id: blockId } : {}), elements: [mrkdwnText(text)] };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plainText(text) };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export function button(text: string, actionId: string, value?: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: plainText(text),
    action_id: actionId,
    ...(value !== undefined ? { value } : {}),
    ...(style ? { style } : {}),
  };
}

/** The notification text is the first header or section: what a phone's lock screen shows. */
export function messageOf(blocks: KnownBlock[]): SlackMessage {
  for (const block of blocks) {
    if ((block.type === 'header' || block.type === 'section') && block.text)
      return { text: block.text.text, blocks };
  }
  return { text: '', blocks };
}
