import { describe, expect, it } from 'vitest';
import { parseTrustCommand } from '../../../../src/slack/parsers/trust-command.parser.ts';

describe('the /trust command parser', () => {
  it('treats empty text as help', () => {
    expect(parseTrustCommand('   ')).toEqual({ kind: 'subcommand', name: 'help', args: '' });
  });

  it.each([
    ['help', 'help'],
    ['HELP', 'help'],
    ['hjelp', 'help'],
    ['promises', 'promises'],
    ['check-in', 'checkin'],
    ['team setup', 'teamSetup'],
    ['team  settings', 'teamSettings'],
    ['team remove', 'teamRemove'],
    ['digest', 'digest'],
    ['digest preview', 'digestPreview'],
    ['forget-me', 'forgetMe'],
    ['export', 'export'],
  ])('recognises %j as %s', (text, name) => {
    expect(parseTrustCommand(text)).toMatchObject({ kind: 'subcommand', name });
  });

  it('keeps the arguments of a promise exactly as typed after the subcommand', () => {
    expect(parseTrustCommand('promise <@U0BOB0001|bob>  send the  report by friday 3pm')).toEqual({
      kind: 'subcommand',
      name: 'promise',
      args: '<@U0BOB0001|bob>  send the  report by friday 3pm',
    });
  });

  it('passes the person to team managers add', () => {
    expect(parseTrustCommand('team managers add <@U0KARI001>')).toEqual({
      kind: 'subcommand',
      name: 'teamManagersAdd',
      args: '<@U0KARI001>',
    });
  });

  it('suggests the closest subcommand for a typo', () => {
    expect(parseTrustCommand('promsies')).toMatchObject({ kind: 'unknown', suggestion: '/trust promises' });
    expect(parseTrustCommand('team setpu')).toMatchObject({
      kind: 'unknown',
      suggestion: '/trust team setup',
    });
    expect(parseTrustCommand('halp')).toMatchObject({ kind: 'unknown', suggestion: '/trust help' });
  });

  it('does not guess when nothing is close', () => {
    expect(parseTrustCommand('banana smoothie')).toMatchObject({ kind: 'unknown', suggestion: undefined });
  });

  it('refuses extra words after a subcommand that takes none', () => {
    expect(parseTrustCommand('help me please')).toMatchObject({ kind: 'unknown' });
  });

  it('reads no text longer than 4,000 characters as typed (Slack sends & as &amp;)', () => {
    expect(parseTrustCommand(`promise ${'x'.repeat(3_992)}`)).toMatchObject({ kind: 'subcommand' });
    expect(parseTrustCommand(`promise ${'x'.repeat(3_993)}`)).toEqual({ kind: 'tooLong', length: 4_001 });
    expect(parseTrustCommand(`promise ${'&amp;'.repeat(3_992)}`)).toMatchObject({ kind: 'subcommand' });
  });

  it('echoes an unknown command as typed, not as Slack escaped it', () => {
    expect(parseTrustCommand('Q&amp;A &lt;x&gt;')).toMatchObject({ kind: 'unknown', given: 'Q&A <x>' });
  });

  it('keeps what it echoes back short', () => {
    const result = parseTrustCommand(`${'x'.repeat(500)} y z`);
    expect(result.kind).toBe('unknown');
    if (result.kind === 'unknown') expect(result.given.length).toBeLessThanOrEqual(60);
  });
});
