import { describe, expect, it } from 'vitest';
import { resolveLanguage } from '../../../../src/domain/users/language.ts';

describe("a person's language", () => {
  it('follows an explicit choice over the Slack locale', () => {
    expect(resolveLanguage('en', 'nb-NO')).toBe('en');
    expect(resolveLanguage('nb', 'en-US')).toBe('nb');
  });

  it.each(['nb-NO', 'no-NO', 'nn-NO', 'nb_NO', 'NB'])(
    'reads Norwegian from the Slack locale %s',
    (locale) => {
      expect(resolveLanguage(null, locale)).toBe('nb');
    },
  );

  it('falls back to English for other or missing locales', () => {
    expect(resolveLanguage(null, 'de-DE')).toBe('en');
    expect(resolveLanguage(undefined, undefined)).toBe('en');
    expect(resolveLanguage('fr', null)).toBe('en');
  });
});
