import { describe, expect, it } from 'vitest';
import { findDueDateInText } from '../../../../src/domain/promises/due-date-in-text.ts';

// Wednesday 2027-01-06 12:00 in Oslo.
const now = new Date('2027-01-06T11:00:00Z');
const at = (text: string, language: 'en' | 'nb' = 'en') =>
  findDueDateInText(text, { now, timeZone: 'Europe/Oslo', language })?.due.toISOString();

describe('finding a due date in a message', () => {
  it('reads the date at the end of a sentence: "I’ll send it by friday" is Friday 17:00', () => {
    expect(at("I'll send it by friday")).toBe('2027-01-08T16:00:00.000Z');
    expect(at("Numbers & deck. I'll send it by friday 9am!")).toBe('2027-01-08T08:00:00.000Z');
  });

  it('reads Norwegian, whichever language the reader uses', () => {
    expect(at('Jeg sender det innen fredag', 'nb')).toBe('2027-01-08T16:00:00.000Z');
    expect(at('Jeg sender det innen fredag', 'en')).toBe('2027-01-08T16:00:00.000Z');
  });

  it('finds nothing in a message without a date, or with one that has passed', () => {
    expect(at('Could you review the plan?')).toBeUndefined();
    expect(at('I sent it yesterday')).toBeUndefined();
    expect(at('')).toBeUndefined();
  });
});
