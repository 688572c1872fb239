import type { Language } from '../domain/users/language.ts';
import { en, type Messages } from './en.ts';
import { nb } from './nb.ts';

export type { Messages };

const catalogues: Record<Language, Messages> = { en, nb };

export function messages(language: Language): Messages {
  return catalogues[language];
}
