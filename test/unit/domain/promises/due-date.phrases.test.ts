import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type DueDateResult, parseDueDate } from '../../../../src/domain/promises/due-date.parser.ts';
import type { Language } from '../../../../src/domain/users/language.ts';
import {
  type Cases,
  english,
  type Expected,
  NOWS,
  type NowId,
  norwegian,
  ZONES,
  type Zone,
} from './due-date.phrases.ts';

// Runs every phrase of the corpus at its "now" in each of the three zones and grades the answer:
// - hit: the instant expected, the two readings expected (asked), or a refusal expected;
// - miss: refused or asked although the phrase has one clear reading (the person rephrases);
// - silently wrong: an instant other than the one meant, or one instant where the phrase has two,
//   or an instant for a phrase that means none. The person might not notice: never acceptable.

const FORMAT = 'yyyy-MM-dd HH:mm';
const MIN_HIT_RATE = 0.95;

type Grade = 'hit' | 'miss' | 'silentlyWrong';

interface Graded {
  phrase: string;
  now: NowId;
  zone: Zone;
  expected: string;
  got: string;
  grade: Grade;
}

function local(instant: Date, zone: Zone): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat(FORMAT);
}

/** What the parser answered, written the way the corpus writes what it expects. */
function describeResult(result: DueDateResult, zone: Zone): string {
  if (result.ok) return local(result.due, zone);
  if ('candidates' in result && Array.isArray(result.candidates)) {
    const instants = (result.candidates as Array<{ due: Date }>).map((c) => c.due.getTime()).sort();
    return `ask ${instants.map((t) => local(new Date(t), zone)).join(' | ')}`;
  }
  return 'refuse';
}

function expectedIn(expected: Expected, zone: Zone): string {
  return typeof expected === 'string' ? expected : zone === 'Europe/Oslo' ? expected[zone] : expected.other;
}

function grade(expected: string, got: string): Grade {
  if (expected === got) return 'hit';
  const gotInstant = !got.startsWith('ask') && got !== 'refuse';
  // A refusal is never silent; a question shows both dates, so only a wrong pair is.
  if (got === 'refuse') return 'miss';
  if (got.startsWith('ask')) return expected.startsWith('ask') ? 'silentlyWrong' : 'miss';
  return gotInstant ? 'silentlyWrong' : 'miss';
}

function run(cases: Cases, language: Language): Graded[] {
  return Object.entries(cases).flatMap(([now, list]) =>
    list.flatMap(([phrase, expected]) =>
      ZONES.map((zone) => {
        const at = DateTime.fromFormat(NOWS[now as NowId], FORMAT, { zone }).toJSDate();
        const got = describeResult(parseDueDate(phrase, { now: at, timeZone: zone, language }), zone);
        const want = expectedIn(expected, zone);
        return { phrase, now: now as NowId, zone, expected: want, got, grade: grade(want, got) };
      }),
    ),
  );
}

function report(language: Language, graded: Graded[]) {
  const hits = graded.filter((g) => g.grade === 'hit').length;
  const rate = hits / graded.length;
  const wrong = graded.filter((g) => g.grade === 'silentlyWrong');
  const missed = graded.filter((g) => g.grade === 'miss');
  const show = (g: Graded) =>
    `  ${g.now} ${g.zone} ${JSON.stringify(g.phrase)}: want ${g.expected}, got ${g.got}`;
  console.log(
    [
      `due dates (${language}): ${hits}/${graded.length} right (${(rate * 100).toFixed(1)} %), ` +
        `${missed.length} refused or asked needlessly, ${wrong.length} silently wrong`,
      ...wrong.map((g) => `wrong${show(g)}`),
      ...missed.map((g) => `miss${show(g)}`),
    ].join('\n'),
  );
  return { rate, wrong, missed };
}

describe.each([
  ['English', 'en', english],
  ['Norwegian Bokmål', 'nb', norwegian],
] as const)('everyday due dates in %s', (_name, language, cases) => {
  const graded = run(cases, language);
  const phrases = Object.values(cases).reduce((n, list) => n + list.length, 0);

  it('has a corpus of at least 150 phrases', () => {
    expect(phrases).toBeGreaterThanOrEqual(150);
  });

  it(`reads at least ${MIN_HIT_RATE * 100} % right and never a silently wrong instant`, () => {
    const { rate, wrong } = report(language, graded);
    expect(wrong.map((g) => `${g.now} ${g.zone} ${g.phrase}: ${g.got}`)).toEqual([]);
    expect(rate).toBeGreaterThanOrEqual(MIN_HIT_RATE);
  });
});
