import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DAY_PARTS,
  DEFAULT_DUE_TIME,
  LATE_TODAY,
  PERIODS,
} from '../../../../src/domain/promises/due-date.conventions.ts';
import { parseDueDate } from '../../../../src/domain/promises/due-date.parser.ts';
import { dayPartTable, pad, periodTable } from './due-date.conventions.render.ts';

// docs/due-dates.md shows the conventions as tables rendered from the code's own tables, so the
// two cannot drift: this test renders them and looks for them, verbatim, in the doc.

describe('the due-date conventions', () => {
  const doc = readFileSync(new URL('../../../../docs/due-dates.md', import.meta.url), 'utf8');

  it('are documented as the code has them', () => {
    expect(doc).toContain(dayPartTable());
    expect(doc).toContain(periodTable());
    expect(doc).toContain(`${pad(DEFAULT_DUE_TIME.hour)}:${pad(DEFAULT_DUE_TIME.minute)}`);
    expect(doc).toContain(`${pad(LATE_TODAY.hour)}:${pad(LATE_TODAY.minute)}`);
  });

  it('every word of the tables is read by the parser, alone or with a day', () => {
    const now = new Date('2026-11-23T08:00:00Z'); // Monday 09:00 in Oslo
    const read = (text: string, language: 'en' | 'nb') =>
      parseDueDate(text, { now, timeZone: 'Europe/Oslo', language });
    for (const [part, entry] of Object.entries(DAY_PARTS))
      for (const language of ['en', 'nb'] as const)
        for (const word of entry[language]) {
          const withDay = language === 'en' ? `tuesday ${word}` : `tirsdag ${word}`;
          const alone = read(word, language);
          const dated = read(withDay, language);
          expect.soft(alone.ok && alone.convention, `${word} (${language})`).toBeOneOf([part, 'lateToday']);
          if (!word.includes(' ') || !/^(this|i) /.test(word))
            expect.soft(dated.ok && dated.convention, `${withDay} (${language})`).toBe(part);
        }
    for (const [period, entry] of Object.entries(PERIODS))
      for (const language of ['en', 'nb'] as const)
        for (const phrase of entry[language]) {
          const result = read(phrase, language);
          expect.soft(result.ok && result.convention, `${phrase} (${language})`).toBe(period);
        }
  });
});
