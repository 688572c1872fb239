import type { KnownBlock } from '@slack/types';
import { z } from 'zod';

// The message a button was clicked in, as Slack sends it back: only its blocks matter here,
// and only that each is an object (block_id is what we look for).
const originalMessage = z.object({
  message: z.object({
    blocks: z.array(z.looseObject({ type: z.string(), block_id: z.string().optional() })).max(50),
  }),
});

export function originalBlocks(body: unknown): KnownBlock[] | undefined {
  const parsed = originalMessage.safeParse(body);
  return parsed.success ? (parsed.data.message.blocks as KnownBlock[]) : undefined;
}
