import { describe, expect, it } from 'vitest';
import { codeSpan, escapeMrkdwn, escapeToFit, stripInvisible } from '../../../../src/slack/blocks/mrkdwn.ts';

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

describe('escapeToFit: echoed user text cut to what a Slack field holds', () => {
  it('leaves text that fits alone', () => {
    expect(escapeToFit('Q&A <draft>', 100)).toBe('Q&amp;A &lt;draft&gt;');
  });

  it('measures after escaping, so text of escapable characters is cut shorter', () => {
    const fitted = escapeToFit('&'.repeat(3000), 3000);
    expect(fitted.length).toBeLessThanOrEqual(3000);
    expect(fitted.endsWith('&amp;…')).toBe(true);
    expect(fitted).toBe(`${'&amp;'.repeat(599)}…`);
  });

  it('cuts between characters, never inside an emoji or an escape', () => {
    // Each emoji is two UTF-16 units: 24 of them and the ellipsis make 49, a 25th would split.
    const fitted = escapeToFit('😀'.repeat(100), 50);
    expect(fitted).toBe(`${'😀'.repeat(24)}…`);
    expect(escapeToFit('é'.repeat(10), 5)).toBe('é'.repeat(4) + '…');
    expect(escapeToFit('a<b'.repeat(10), 11)).toBe('a&lt;ba…');
  });

  it('works with another escape, such as a code span', () => {
    const fitted = escapeToFit('x'.repeat(100), 20, codeSpan);
    expect(fitted).toBe(`\`${'x'.repeat(17)}…\``);
  });
});
