import { describe, expect, it } from 'vitest';
import { codeSpan, escapeMrkdwn, stripInvisible } from '../../../src/slack/mrkdwn.ts';

describe('escaping user text for Slack', () => {
  it('cannot form a mention, a channel ping, a date token or a link', () => {
    const out = escapeMrkdwn('hi <!channel> <@U0BOB0001> <!date^1^{date}|x> <https://evil.example|click>');
    expect(out).not.toMatch(/[<>]/);
    expect(out).toContain('&lt;!channel&gt;');
    expect(out).toContain('&lt;@U0BOB0001&gt;');
  });

  it('escapes ampersands first so entities cannot be smuggled in', () => {
    expect(escapeMrkdwn('&lt;!here&gt;')).toBe('&amp;lt;!here&amp;gt;');
  });

  it('keeps user text from styling the message around it', () => {
    const out = escapeMrkdwn('*bold* _it_ ~s~ `code`');
    expect(out).not.toMatch(/(^|[^\u200B])[*_~`]/);
  });

  it('neutralises a quote marker at the start of a line', () => {
    expect(escapeMrkdwn('> quoted')).not.toMatch(/^&gt;/);
  });

  it('strips bidi overrides and zero-width characters but keeps newlines', () => {
    expect(stripInvisible('a\u202Eb\u200Bc\u2066d\nx\u0007')).toBe('abcd\nx');
  });

  it('puts text in a code span that a backtick cannot close', () => {
    expect(codeSpan('/trust `<!here>`')).toBe("`/trust '&lt;!here&gt;'`");
  });
});
