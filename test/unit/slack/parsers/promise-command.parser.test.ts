import { describe, expect, it } from 'vitest';
import { parsePromiseCommand } from '../../../../src/slack/parsers/promise-command.parser.ts';

// Monday 23 November 2026, 11:00 in Oslo.
const now = new Date('2026-11-23T10:00:00Z');
const en = { now, timeZone: 'Europe/Oslo', language: 'en' } as const;
const nb = { ...en, language: 'nb' } as const;

describe('the /trust promise arguments', () => {
  it('reads an escaped mention, the promise and its due date', () => {
    expect(parsePromiseCommand('<@U0BOB0001|bob> send the Q3 numbers by friday 3pm', en)).toEqual({
      ok: true,
      recipientId: 'U0BOB0001',
      text: 'send the Q3 numbers',
      due: new Date('2026-11-27T14:00:00Z'),
      hadTime: true,
      dueText: 'friday 3pm',
    });
  });

  it('hands back both instants when the date has two readings, with the promise as read', () => {
    expect(parsePromiseCommand('<@U0BOB0001> send the numbers by next friday', en)).toMatchObject({
      ok: false,
      error: 'ambiguous_due',
      recipientId: 'U0BOB0001',
      text: 'send the numbers',
      candidates: [{ due: new Date('2026-11-27T16:00:00Z') }, { due: new Date('2026-12-04T16:00:00Z') }],
    });
  });

  it('decodes what Slack escaped once, after reading the mention out of the raw text', () => {
    expect(
      parsePromiseCommand('<@U1> share the Q&amp;A notes &lt;draft&gt; &amp;amp; by friday', en),
    ).toMatchObject({ ok: true, recipientId: 'U1', text: 'share the Q&A notes <draft> &amp;' });
    // A mention typed as text is not one.
    expect(parsePromiseCommand('&lt;@U1&gt; share it by friday', en)).toEqual({
      ok: false,
      error: 'no_recipient',
    });
    expect(parsePromiseCommand('<@U1> share it by &lt;soon&gt;', en)).toEqual({
      ok: false,
      error: 'unparseable_due',
      dueText: '<soon>',
    });
  });

  it('reads a date of at most 100 characters, and refuses a longer one without parsing it', () => {
    expect(parsePromiseCommand(`<@U1> send it by ${'n'.repeat(100)}`, en)).toEqual({
      ok: false,
      error: 'unparseable_due',
      dueText: 'n'.repeat(100),
    });
    expect(parsePromiseCommand(`<@U1> send it by ${'n'.repeat(101)}`, en)).toEqual({
      ok: false,
      error: 'due_too_long',
    });
  });

  it('accepts a mention without a name and an Enterprise Grid id', () => {
    expect(parsePromiseCommand('<@W0BOB0001> review the draft by tomorrow', en)).toMatchObject({
      ok: true,
      recipientId: 'W0BOB0001',
      text: 'review the draft',
      due: new Date('2026-11-24T16:00:00Z'),
      hadTime: false,
    });
  });

  it('splits on the last "by" that is followed by a date', () => {
    expect(parsePromiseCommand('<@U1> send it by email by friday', en)).toMatchObject({
      ok: true,
      text: 'send it by email',
    });
    expect(parsePromiseCommand('<@U1> stop by the office by monday 9am', en)).toMatchObject({
      ok: true,
      text: 'stop by the office',
    });
  });

  it('reports what follows the last "by" when it is not a date', () => {
    expect(parsePromiseCommand('<@U1> fix it by friday, helped by Ola', en)).toEqual({
      ok: false,
      error: 'unparseable_due',
      dueText: 'Ola',
    });
  });

  it('reads Norwegian with "innen", and "by" too', () => {
    expect(parsePromiseCommand('<@U1|kari> sende tallene innen fredag kl 15', nb)).toMatchObject({
      ok: true,
      text: 'sende tallene',
      due: new Date('2026-11-27T14:00:00Z'),
    });
    expect(parsePromiseCommand('<@U1> sende tallene by i morgen', nb)).toMatchObject({
      ok: true,
      due: new Date('2026-11-24T16:00:00Z'),
    });
  });

  it('leaves an empty promise for the domain to refuse', () => {
    expect(parsePromiseCommand('<@U1> by friday', en)).toMatchObject({ ok: true, text: '' });
  });

  it.each([
    ['', 'no_recipient'],
    ['@bob send the numbers by friday', 'no_recipient'],
    ['send the numbers to <@U1> by friday', 'no_recipient'],
    ['<@U1> send the numbers friday', 'no_due'],
    ['<@U1> send the numbers by', 'no_due'],
  ])('reports %j as %s', (args, error) => {
    expect(parsePromiseCommand(args, en)).toEqual({ ok: false, error });
  });

  it('reports what it could not read as a date', () => {
    expect(parsePromiseCommand('<@U1> send the numbers by someday soon', en)).toEqual({
      ok: false,
      error: 'unparseable_due',
      dueText: 'someday soon',
    });
  });
});
