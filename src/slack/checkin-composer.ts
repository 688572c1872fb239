import type { KnownBlock } from '@slack/types';
import type { CheckinComposer, CheckinCompositionInput } from '../domain/checkins/ports.ts';
import { messages } from '../i18n/index.ts';
import { buildCheckinMessage } from './blocks/checkin.blocks.ts';

/**
 * One part of the check-in, contributed by a feature (promises due, habits, the pulse), for a page of
 * people at once: it reads its data for the whole page (one query where it can), then renders each
 * person's blocks, in the page's order.
 */
export type CheckinSection = (page: ReadonlyArray<CheckinCompositionInput>) => Promise<KnownBlock[][]>;

/** The composition point of the check-in DM: features add sections here, in order. */
export function createCheckinComposer(sections: CheckinSection[] = []): CheckinComposer {
  return {
    async composePage(page) {
      if (page.length === 0) return [];
      const parts = await Promise.all(sections.map((section) => section(page)));
      return page.map((input, i) => {
        const message = buildCheckinMessage(
          messages(input.language),
          input.week,
          parts.map((part) => part[i] ?? []),
        );
        return { text: message.text, blocks: message.blocks };
      });
    },
  };
}
