import { describe, expect, it } from 'vitest';
import {
  builtPermalink,
  mentionedUserIds,
  messageLink,
  readableMessageText,
  suggestedRecipient,
} from '../../../../src/slack/parsers/message-shortcut.parser.ts';

const names = { people: new Map([['U0BOB0001', 'Bob']]), someone: 'someone', channel: 'channel' };

describe('a message as the promise form shows it', () => {
  it('shows mentions as names, never ids, and decodes Slack’s entities once', () => {
    const raw = '<@U0BOB0001> &amp; <@U0KARI001|kari> in <#C0TEAMCH1|team> <!here> &amp;lt; <@U0NOBODY1>';
    expect(mentionedUserIds(raw)).toEqual(['U0BOB0001', 'U0NOBODY1']);
    expect(readableMessageText(raw, names)).toBe('@Bob & @kari in #team @here &lt; @someone');
  });

  it('shows links by their label, on one line, cut to a promise’s length', () => {
    expect(readableMessageText('see <https://x.test/a|the doc>\nand <https://x.test/b>', names)).toBe(
      'see the doc and https://x.test/b',
    );
    const long = readableMessageText('a'.repeat(400), names);
    expect(Array.from(long)).toHaveLength(300);
    expect(long.endsWith('…')).toBe(true);
    const emoji = readableMessageText('😀'.repeat(400), names);
    expect(emoji.length).toBeLessThanOrEqual(300);
    expect(emoji.endsWith('😀…')).toBe(true);
  });

  it('suggests the asker in a thread, else the author, never the person making the promise', () => {
    const reply = { ts: '2.0', thread_ts: '1.0', user: 'U0ALICE01', parent_user_id: 'U0BOB0001' };
    expect(suggestedRecipient(reply, 'U0ALICE01')).toBe('U0BOB0001');
    expect(suggestedRecipient({ ...reply, parent_user_id: 'U0ALICE01' }, 'U0ALICE01')).toBeUndefined();
    expect(suggestedRecipient({ ts: '1.0', user: 'U0BOB0001' }, 'U0ALICE01')).toBe('U0BOB0001');
    expect(suggestedRecipient({ ts: '1.0', thread_ts: '1.0', user: 'U0BOB0001' }, 'U0ALICE01')).toBe(
      'U0BOB0001',
    );
    expect(suggestedRecipient({ ts: '1.0' }, 'U0ALICE01')).toBeUndefined();
  });

  it('builds a message link from the payload, and accepts only Slack message links', () => {
    const payload = {
      type: 'message_action' as const,
      trigger_id: 't',
      user: { id: 'U0ALICE01' },
      team: { id: 'T0TEAM001', domain: 'acme' },
      channel: { id: 'D0ALICEBOB' },
      message: { ts: '1700000000.000200', thread_ts: '1700000000.000100' },
    };
    const link = builtPermalink(payload);
    expect(link).toBe(
      'https://acme.slack.com/archives/D0ALICEBOB/p1700000000000200?thread_ts=1700000000.000100&cid=D0ALICEBOB',
    );
    expect(messageLink.safeParse(link).success).toBe(true);
    expect(builtPermalink({ ...payload, team: { id: 'T0TEAM001', domain: 'evil.com/x' } })).toBeUndefined();
    for (const bad of ['https://evil.example/archives/C1/p1', 'https://acme.slack.com/archives/C1/p1|x>'])
      expect(messageLink.safeParse(bad).success).toBe(false);
  });
});
