export const languages = ['en', 'nb'] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * A person's language: their explicit choice, else their Slack locale when we speak it, else
 * English. Slack may report Norwegian as nb, no or nn (Nynorsk readers get Bokmål, the closest).
 */
export function resolveLanguage(
  explicit: string | null | undefined,
  slackLocale: string | null | undefined,
): Language {
  if (isLanguage(explicit)) return explicit;
  const primary = slackLocale?.toLowerCase().split(/[-_]/)[0];
  if (primary === 'nb' || primary === 'no' || primary === 'nn') return 'nb';
  return 'en';
}
