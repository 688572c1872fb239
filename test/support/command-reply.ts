import { validateMessage } from './slack-emulator/block-kit.ts';
import type { SlackEmulator } from './slack-emulator/slack-emulator.ts';

export interface CommandReply {
  /** Where the app answered: in the HTTP ack itself, or later through the response_url. */
  via: 'ack' | 'response_url';
  body: { response_type?: string; text?: string; blocks?: unknown[] };
}

/**
 * Slack shows a command's answer whether it comes back in the ack body or through the
 * response_url; tests and the demo read it from wherever the app put it.
 */
export async function commandReply(
  emulator: SlackEmulator,
  ack: { status: number; json?: unknown },
  responsesBefore: number,
): Promise<CommandReply> {
  if (ack.json && typeof ack.json === 'object') {
    // Slack checks an answer in the ack like any message, and shows an error instead of a bad one.
    const refused = validateMessage(ack.json as CommandReply['body']).error;
    if (refused) throw new Error(`Slack would refuse this command answer (${refused})`);
    return { via: 'ack', body: ack.json as CommandReply['body'] };
  }
  const posted = await emulator.waitFor(() => emulator.responses()[responsesBefore], {
    description: 'command reply',
  });
  if (posted.error) throw new Error(`Slack refused the command answer (${posted.error})`);
  return { via: 'response_url', body: posted.body as CommandReply['body'] };
}
