import type { KnownBlock } from '@slack/types';
import type { CheckinComposer } from '../domain/checkins/ports.ts';
import type { Language } from '../domain/users/language.ts';
import { messages } from '../i18n/index.ts';
import type { Db } from '../persistence/database.ts';
import { buildCheckinMessage } from './blocks/checkin.blocks.ts';

/** One part of the check-in, contributed by a feature (promises due, habits, the pulse). */
export type CheckinSection = (input: {
  workspaceId: string;
  userId: string;
  week: string;
  language: Language;
  now: Date;
}) => Promise<KnownBlock[]>;

/** The composition point of the check-in DM: features add sections here, in order. */
export function createCheckinComposer(_db: Db, sections: CheckinSection[] = []): CheckinComposer {
  return {
    async compose(input) {
      const m = messages(input.language);
      const parts = await Promise.all(sections.map((section) => section(input)));
      const message = buildCheckinMessage(m, input.week, parts);
      return { text: message.text, blocks: message.blocks };
    },
  };
}
