import type { Language } from '../users/language.ts';
import { type DueDateOptions, parseDueDate } from './due-date.parser.ts';

/** Only the end of a clause is read: "I'll send it by friday" → "by friday". */
const MAX_DATE_WORDS = 6;
const MAX_CLAUSES = 20;
const MAX_TEXT = 3_000;

// Where a date written at the end of a clause ends: punctuation followed by a space or the end.
const clauseEnd = /[\n.!?;,]+(?=\s|$)/;

/**
 * The due date a message mentions, as the writer meant it in their zone ("I'll send it by friday"
 * → Friday 17:00), for prefilling a form; undefined when none is found or it has passed. Tries the
 * reader's language first, then the other one, since a message may be written in either.
 */
export function findDueDateInText(
  text: string,
  options: DueDateOptions,
): { due: Date; hadTime: boolean } | undefined {
  const clauses = text.slice(0, MAX_TEXT).split(clauseEnd).slice(0, MAX_CLAUSES);
  const languages: Language[] = options.language === 'nb' ? ['nb', 'en'] : ['en', 'nb'];
  for (const clause of clauses) {
    const words = clause.trim().split(/\s+/).filter(Boolean);
    // Longest tail first, so "by next friday" wins over "friday".
    for (let start = Math.max(0, words.length - MAX_DATE_WORDS); start < words.length; start += 1) {
      const tail = words.slice(start).join(' ');
      for (const language of languages) {
        const found = parseDueDate(tail, { ...options, language });
        if (found.ok && found.due > options.now) return { due: found.due, hadTime: found.hadTime };
      }
    }
  }
  return undefined;
}
