export const languages = ['en', 'nb'] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * The language of a Slack locale, when we speak it: any English (`en-US`, `en-GB`, …) is English;
 * Norwegian in any form is Bokmål — `nb`, the macrolanguage `no`, and `nn` (Nynorsk), whose readers
 * all read Bokmål and for whom it is far closer than English. Anything else: not ours.
 */
export function spokenLanguageOf(slackLocale: string | null | undefined): Language | undefined {
  const primary = slackLocale?.toLowerCase().split(/[-_]/)[0];
  if (primary === 'nb' || primary === 'no' || primary === 'nn') return 'nb';
  if (primary === 'en') return 'en';
  return undefined;
}

export interface LanguageSources {
  /** What the person chose in their settings. */
  choice: string | null | undefined;
  /** Their Slack display language (`users.info` with `include_locale`). */
  slackLocale: string | null | undefined;
  /** Their team's language, when the team set one (null: "each person's Slack language"). */
  teamLanguage: string | null | undefined;
}

/**
 * THE rule for the language a person is spoken to in, everywhere:
 * their own choice → their Slack locale, when we speak it → their team's language (a default for
 * people whose locale we don't speak) → English.
 */
export function effectiveLanguage(sources: LanguageSources): Language {
  if (isLanguage(sources.choice)) return sources.choice;
  const spoken = spokenLanguageOf(sources.slackLocale);
  if (spoken) return spoken;
  if (isLanguage(sources.teamLanguage)) return sources.teamLanguage;
  return 'en';
}

/**
 * A person's language from what is stored: `users.language`, which the repositories keep equal to
 * `effectiveLanguage` of its sources, else (a person never stored with one) their Slack locale.
 */
export function resolveLanguage(
  stored: string | null | undefined,
  slackLocale: string | null | undefined,
): Language {
  return effectiveLanguage({ choice: stored, slackLocale, teamLanguage: null });
}

/** A team's messages to its channel (the digest) and its managers' round results: no person to ask. */
export function teamMessageLanguage(teamLanguage: Language | null): Language {
  return teamLanguage ?? 'en';
}
