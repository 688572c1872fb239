/** Slack request signing v0 (PLATFORM.md §1.2): HMAC-SHA256 over `v0:<timestamp>:<raw body>`. */
import { createHmac } from 'node:crypto';

export function signSlackRequest(signingSecret: string, timestamp: number | string, rawBody: string): string {
  const digest = createHmac('sha256', signingSecret)
    .update(`v0:${timestamp}:${rawBody}`, 'utf8')
    .digest('hex');
  return `v0=${digest}`;
}
