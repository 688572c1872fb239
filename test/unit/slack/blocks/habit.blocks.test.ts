import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { en } from '../../../../src/i18n/en.ts';
import { habitBlockIds } from '../../../../src/slack/ids.ts';
import {
  buildReflectionBlocks,
  reflectionBlockIds,
  swapBlocks,
} from '../../../../src/slack/blocks/habit.blocks.ts';

const divider = (id: string): KnownBlock => ({ type: 'divider', block_id: id });

describe('the reflection blocks', () => {
  it('mark the chosen answer and show the streak', () => {
    const [actions, status] = buildReflectionBlocks(en, '2026-W48', 'sometimes', 3);
    expect(actions.elements.map((e) => ('style' in e ? e.style : undefined))).toEqual([
      undefined,
      'primary',
      undefined,
    ]);
    expect(JSON.stringify(status)).toContain('3 weeks in a row');
  });

  it('are swapped in place, leaving the rest of the message alone', () => {
    const original = [divider('a'), ...buildReflectionBlocks(en, '2026-W48', undefined, 0), divider('b')];
    const swapped = swapBlocks(
      original,
      reflectionBlockIds,
      buildReflectionBlocks(en, '2026-W48', 'often', 1),
    );
    expect(swapped.map((b) => b.block_id)).toEqual([
      'a',
      habitBlockIds.reflection,
      habitBlockIds.reflectionStatus,
      'b',
    ]);
    expect(JSON.stringify(swapped)).toContain('Your answer: *Often*');
  });
});
