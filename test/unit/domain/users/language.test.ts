import { describe, expect, it } from 'vitest';
import {
  effectiveLanguage,
  resolveLanguage,
  spokenLanguageOf,
  teamMessageLanguage,
} from '../../../../src/domain/users/language.ts';

describe("a person's language: own choice → Slack locale we speak → team's language → English", () => {
  it.each([
    // choice, Slack locale, team language, spoken in
    [null, 'nb-NO', null, 'nb', 'a Norwegian locale in a team set up with defaults'],
    [null, 'en-US', 'nb', 'en', 'an English locale in a team set to Bokmål'],
    [null, 'en-GB', 'nb', 'en', 'British English in a team set to Bokmål'],
    [null, 'de-DE', 'nb', 'nb', 'a locale we do not speak, in a team set to Bokmål'],
    [null, 'de-DE', null, 'en', 'a locale we do not speak, in a team with no language'],
    [null, null, 'nb', 'nb', 'no locale known yet, in a team set to Bokmål'],
    [null, null, null, 'en', 'nothing known at all'],
    ['en', 'nb-NO', 'nb', 'en', 'a personal choice of English beats a Norwegian locale and team'],
    ['nb', 'en-US', 'en', 'nb', 'a personal choice of Bokmål beats an English locale and team'],
    ['nb', 'de-DE', null, 'nb', 'a personal choice beats a locale we do not speak'],
    [null, 'nn-NO', 'en', 'nb', 'Nynorsk readers get Bokmål, over an English team'],
    [null, 'no', 'en', 'nb', 'the macrolanguage no is Bokmål'],
    ['fr', 'de-DE', 'xx', 'en', 'values we do not know are ignored'],
  ] as const)('%s / %s / %s → %s: %s', (choice, slackLocale, teamLanguage, expected, _case) => {
    expect(effectiveLanguage({ choice, slackLocale, teamLanguage })).toBe(expected);
  });

  it.each(['nb-NO', 'no-NO', 'nn-NO', 'nb_NO', 'NB', 'no'])(
    'reads Norwegian from the Slack locale %s',
    (locale) => {
      expect(spokenLanguageOf(locale)).toBe('nb');
    },
  );

  it.each(['en-US', 'en-GB', 'en_AU', 'EN'])('reads English from the Slack locale %s', (locale) => {
    expect(spokenLanguageOf(locale)).toBe('en');
  });

  it.each(['de-DE', 'sv-SE', 'da-DK', 'ja-JP', '', null, undefined])('speaks no %s', (locale) => {
    expect(spokenLanguageOf(locale)).toBeUndefined();
  });

  it('reads the stored effective language, else the Slack locale, else English', () => {
    expect(resolveLanguage('en', 'nb-NO')).toBe('en');
    expect(resolveLanguage('nb', 'en-US')).toBe('nb');
    expect(resolveLanguage(null, 'nb-NO')).toBe('nb');
    expect(resolveLanguage(undefined, 'de-DE')).toBe('en');
  });

  it("speaks to a team's channel in its language, else English", () => {
    expect(teamMessageLanguage('nb')).toBe('nb');
    expect(teamMessageLanguage(null)).toBe('en');
  });
});
