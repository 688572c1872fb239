import { describe, expect, it } from 'vitest';
import { dueFromPickers, parseDueDate } from '../../../../src/domain/promises/due-date.parser.ts';
import type { Language } from '../../../../src/domain/users/language.ts';

// Monday 23 November 2026, 10:00 UTC: 11:00 in Oslo, 05:00 in New York, 19:00 in Tokyo.
const now = new Date('2026-11-23T10:00:00Z');
const zones = ['Europe/Oslo', 'America/New_York', 'Asia/Tokyo'] as const;

/** Expected instants, one per zone in the order above. */
type Expected = readonly [oslo: string, newYork: string, tokyo: string];

function due(input: string, language: Language, timeZone: string, at: Date = now) {
  return parseDueDate(input, { now: at, timeZone, language });
}

const english: Array<[string, Expected]> = [
  ['friday 3pm', ['2026-11-27T14:00:00Z', '2026-11-27T20:00:00Z', '2026-11-27T06:00:00Z']],
  ['Friday 3PM', ['2026-11-27T14:00:00Z', '2026-11-27T20:00:00Z', '2026-11-27T06:00:00Z']],
  ['tomorrow', ['2026-11-24T16:00:00Z', '2026-11-24T22:00:00Z', '2026-11-24T08:00:00Z']],
  ['in 2 days', ['2026-11-25T16:00:00Z', '2026-11-25T22:00:00Z', '2026-11-25T08:00:00Z']],
  ['next week', ['2026-11-30T16:00:00Z', '2026-11-30T22:00:00Z', '2026-11-30T08:00:00Z']],
  ['on 12 Dec', ['2026-12-12T16:00:00Z', '2026-12-12T22:00:00Z', '2026-12-12T08:00:00Z']],
  ['Dec 12 at 9:30', ['2026-12-12T08:30:00Z', '2026-12-12T14:30:00Z', '2026-12-12T00:30:00Z']],
  // Tokyo is already past 17:00, so "end of day" is the end of its calendar day.
  ['end of day', ['2026-11-23T16:00:00Z', '2026-11-23T22:00:00Z', '2026-11-23T14:59:00Z']],
  ['eod', ['2026-11-23T16:00:00Z', '2026-11-23T22:00:00Z', '2026-11-23T14:59:00Z']],
  // Said on a Monday without a time: asked in Oslo and New York (see below); in Tokyo 17:00 has passed.
  // Said on a Monday with a time still ahead: today (not in Tokyo, where 17:00 has passed).
  ['monday 5pm', ['2026-11-23T16:00:00Z', '2026-11-23T22:00:00Z', '2026-11-30T08:00:00Z']],
  ['monday 9am', ['2026-11-30T08:00:00Z', '2026-11-23T14:00:00Z', '2026-11-30T00:00:00Z']],
  ['in 3 hours', ['2026-11-23T13:00:00Z', '2026-11-23T13:00:00Z', '2026-11-23T13:00:00Z']],
  ['2026-12-01 14:00', ['2026-12-01T13:00:00Z', '2026-12-01T19:00:00Z', '2026-12-01T05:00:00Z']],
  ['on friday', ['2026-11-27T16:00:00Z', '2026-11-27T22:00:00Z', '2026-11-27T08:00:00Z']],
  ['wednesday at noon', ['2026-11-25T11:00:00Z', '2026-11-25T17:00:00Z', '2026-11-25T03:00:00Z']],
  // A time alone is its next occurrence.
  ['15:00', ['2026-11-23T14:00:00Z', '2026-11-23T20:00:00Z', '2026-11-24T06:00:00Z']],
  ['9:00', ['2026-11-24T08:00:00Z', '2026-11-23T14:00:00Z', '2026-11-24T00:00:00Z']],
  // 20:00; in Tokyo it is already 19:00.
  ['tonight', ['2026-11-23T19:00:00Z', '2026-11-24T01:00:00Z', '2026-11-23T11:00:00Z']],
  ['tomorrow at 9', ['2026-11-24T08:00:00Z', '2026-11-24T14:00:00Z', '2026-11-24T00:00:00Z']],
  // English reads numeric dates month first; day first when that is the only date.
  ['12/24', ['2026-12-24T16:00:00Z', '2026-12-24T22:00:00Z', '2026-12-24T08:00:00Z']],
  ['24/12', ['2026-12-24T16:00:00Z', '2026-12-24T22:00:00Z', '2026-12-24T08:00:00Z']],
  ['in a week', ['2026-11-30T16:00:00Z', '2026-11-30T22:00:00Z', '2026-11-30T08:00:00Z']],
  ['12 Jan', ['2027-01-12T16:00:00Z', '2027-01-12T22:00:00Z', '2027-01-12T08:00:00Z']],
];

const norwegian: Array<[string, Expected]> = [
  ['fredag kl 15', ['2026-11-27T14:00:00Z', '2026-11-27T20:00:00Z', '2026-11-27T06:00:00Z']],
  ['FREDAG KL 15', ['2026-11-27T14:00:00Z', '2026-11-27T20:00:00Z', '2026-11-27T06:00:00Z']],
  ['i morgen', ['2026-11-24T16:00:00Z', '2026-11-24T22:00:00Z', '2026-11-24T08:00:00Z']],
  ['imorgen', ['2026-11-24T16:00:00Z', '2026-11-24T22:00:00Z', '2026-11-24T08:00:00Z']],
  ['om 3 dager', ['2026-11-26T16:00:00Z', '2026-11-26T22:00:00Z', '2026-11-26T08:00:00Z']],
  ['neste uke', ['2026-11-30T16:00:00Z', '2026-11-30T22:00:00Z', '2026-11-30T08:00:00Z']],
  ['12. desember', ['2026-12-12T16:00:00Z', '2026-12-12T22:00:00Z', '2026-12-12T08:00:00Z']],
  ['12 des kl. 10', ['2026-12-12T09:00:00Z', '2026-12-12T15:00:00Z', '2026-12-12T01:00:00Z']],
  ['den 3. januar 2027', ['2027-01-03T16:00:00Z', '2027-01-03T22:00:00Z', '2027-01-03T08:00:00Z']],
  ['mandag kl 09:30', ['2026-11-30T08:30:00Z', '2026-11-23T14:30:00Z', '2026-11-30T00:30:00Z']],
  // An explicit day and time are taken as written, even when passed (Tokyo); validation refuses it.
  ['i dag kl 16', ['2026-11-23T15:00:00Z', '2026-11-23T21:00:00Z', '2026-11-23T07:00:00Z']],
  ['i dag', ['2026-11-23T16:00:00Z', '2026-11-23T22:00:00Z', '2026-11-23T14:59:00Z']],
  ['om to timer', ['2026-11-23T12:00:00Z', '2026-11-23T12:00:00Z', '2026-11-23T12:00:00Z']],
  ['om 30 minutter', ['2026-11-23T10:30:00Z', '2026-11-23T10:30:00Z', '2026-11-23T10:30:00Z']],
  ['i overmorgen', ['2026-11-25T16:00:00Z', '2026-11-25T22:00:00Z', '2026-11-25T08:00:00Z']],
  ['onsdag', ['2026-11-25T16:00:00Z', '2026-11-25T22:00:00Z', '2026-11-25T08:00:00Z']],
  ['på fredag', ['2026-11-27T16:00:00Z', '2026-11-27T22:00:00Z', '2026-11-27T08:00:00Z']],
  ['førstkommende fredag', ['2026-11-27T16:00:00Z', '2026-11-27T22:00:00Z', '2026-11-27T08:00:00Z']],
  ['fredag neste uke', ['2026-12-04T16:00:00Z', '2026-12-04T22:00:00Z', '2026-12-04T08:00:00Z']],
  ['24.12', ['2026-12-24T16:00:00Z', '2026-12-24T22:00:00Z', '2026-12-24T08:00:00Z']],
  ['tirsdag klokka 14.30', ['2026-11-24T13:30:00Z', '2026-11-24T19:30:00Z', '2026-11-24T05:30:00Z']],
  ['kl 9', ['2026-11-24T08:00:00Z', '2026-11-23T14:00:00Z', '2026-11-24T00:00:00Z']],
  ['om ei uke', ['2026-11-30T16:00:00Z', '2026-11-30T22:00:00Z', '2026-11-30T08:00:00Z']],
  // Norwegians mix in English date words.
  ['friday 3pm', ['2026-11-27T14:00:00Z', '2026-11-27T20:00:00Z', '2026-11-27T06:00:00Z']],
];

describe('due dates in natural language', () => {
  describe.each(zones.map((zone, i) => [zone, i] as const))('in %s', (zone, i) => {
    it.each(english)('reads English %j', (input, expected) => {
      const result = due(input, 'en', zone);
      expect(result.ok && result.due.toISOString()).toBe(new Date(expected[i] ?? '').toISOString());
    });

    it.each(norwegian)('reads Norwegian %j', (input, expected) => {
      const result = due(input, 'nb', zone);
      expect(result.ok && result.due.toISOString()).toBe(new Date(expected[i] ?? '').toISOString());
    });
  });

  it('says whether the person gave a time of day', () => {
    expect(due('friday 3pm', 'en', 'Europe/Oslo')).toMatchObject({ ok: true, hadTime: true });
    expect(due('in 3 hours', 'en', 'Europe/Oslo')).toMatchObject({ ok: true, hadTime: true });
    expect(due('friday', 'en', 'Europe/Oslo')).toMatchObject({ ok: true, hadTime: false });
    expect(due('om 3 dager', 'nb', 'Europe/Oslo')).toMatchObject({ ok: true, hadTime: false });
  });

  it('asks when the words have two readings, and says which', () => {
    expect(due('next friday', 'en', 'Europe/Oslo')).toEqual({
      ok: false,
      reason: 'ambiguous',
      candidates: [
        { due: new Date('2026-11-27T16:00:00Z'), hadTime: false, convention: 'defaultTime' },
        { due: new Date('2026-12-04T16:00:00Z'), hadTime: false, convention: 'defaultTime' },
      ],
    });
    expect(due('12/1', 'en', 'America/New_York')).toMatchObject({
      reason: 'ambiguous',
      candidates: [{ due: new Date('2026-12-01T22:00:00Z') }, { due: new Date('2027-01-12T22:00:00Z') }],
    });
    expect(due('monday', 'en', 'Europe/Oslo')).toMatchObject({
      reason: 'ambiguous',
      candidates: [{ due: new Date('2026-11-23T16:00:00Z') }, { due: new Date('2026-11-30T16:00:00Z') }],
    });
    expect(due('monday', 'en', 'Asia/Tokyo')).toMatchObject({
      ok: true,
      due: new Date('2026-11-30T08:00:00Z'),
    });
  });

  it('names the convention that gave the time', () => {
    expect(due('friday', 'en', 'Europe/Oslo')).toMatchObject({ convention: 'defaultTime' });
    expect(due('i morgen tidlig', 'nb', 'Europe/Oslo')).toMatchObject({ convention: 'early' });
    expect(due('slutten av måneden', 'nb', 'Europe/Oslo')).toMatchObject({ convention: 'endOfMonth' });
    expect(due('friday 3pm', 'en', 'Europe/Oslo')).not.toHaveProperty('convention');
  });

  it.each([
    ['', 'en'],
    ['banana', 'en'],
    ['friday please', 'en'],
    ['friday and monday', 'en'],
    ['31 Feb', 'en'],
    ['31. februar', 'nb'],
    ['fredag kl 15', 'en'],
    ['kanskje en gang', 'nb'],
  ] as const)('refuses %j in %s rather than guess', (input, language) => {
    expect(due(input, language, 'Europe/Oslo')).toEqual({ ok: false, reason: 'unparseable' });
  });

  it('takes a past date as written, for validation to refuse', () => {
    expect(due('last friday', 'en', 'Europe/Oslo')).toMatchObject({
      ok: true,
      due: new Date('2026-11-20T16:00:00Z'),
    });
  });

  it('treats an unknown time zone as a bug, not as bad input', () => {
    expect(() => due('friday', 'en', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('due dates across daylight-saving changes', () => {
  it('uses the offset of the due day, not of today (Oslo springs forward on 28 March 2027)', () => {
    const friday = new Date('2027-03-26T09:00:00Z');
    expect(due('monday 10am', 'en', 'Europe/Oslo', friday)).toMatchObject({
      due: new Date('2027-03-29T08:00:00Z'),
    });
    expect(due('mandag kl 10', 'nb', 'Europe/Oslo', friday)).toMatchObject({
      due: new Date('2027-03-29T08:00:00Z'),
    });
    expect(due('tomorrow', 'en', 'Europe/Oslo', new Date('2027-03-27T11:00:00Z'))).toMatchObject({
      due: new Date('2027-03-28T15:00:00Z'),
    });
  });

  it('counts "in 3 hours" in real time through the missing hour', () => {
    const beforeTheGap = new Date('2027-03-28T00:30:00Z'); // 01:30 in Oslo
    expect(due('in 3 hours', 'en', 'Europe/Oslo', beforeTheGap)).toMatchObject({
      due: new Date('2027-03-28T03:30:00Z'),
    });
    expect(due('om tre timer', 'nb', 'Europe/Oslo', beforeTheGap)).toMatchObject({
      due: new Date('2027-03-28T03:30:00Z'),
    });
  });

  it('moves a time inside the spring-forward gap to the end of the gap', () => {
    const beforeTheGap = new Date('2027-03-28T00:30:00Z');
    expect(due('kl 02:30', 'nb', 'Europe/Oslo', beforeTheGap)).toMatchObject({
      due: new Date('2027-03-28T01:00:00Z'),
    });
  });

  it('takes the first of a time that happens twice when clocks fall back (Oslo, 25 October 2026)', () => {
    const friday = new Date('2026-10-23T10:00:00Z');
    expect(due('sunday 2:30am', 'en', 'Europe/Oslo', friday)).toMatchObject({
      due: new Date('2026-10-25T00:30:00Z'),
    });
    expect(due('monday', 'en', 'Europe/Oslo', friday)).toMatchObject({
      due: new Date('2026-10-26T16:00:00Z'),
    });
  });

  it('handles New York springing forward on 14 March 2027', () => {
    const friday = new Date('2027-03-12T17:00:00Z'); // 12:00 EST
    expect(due('monday 9am', 'en', 'America/New_York', friday)).toMatchObject({
      due: new Date('2027-03-15T13:00:00Z'),
    });
    expect(due('in 2 days', 'en', 'America/New_York', new Date('2027-03-13T17:00:00Z'))).toMatchObject({
      due: new Date('2027-03-15T21:00:00Z'),
    });
  });
});

describe('due dates from the modal pickers', () => {
  it('reads the picked date and time in the person’s zone', () => {
    expect(dueFromPickers('2026-12-04', '15:00', 'Asia/Tokyo')).toEqual(new Date('2026-12-04T06:00:00Z'));
    expect(dueFromPickers('2027-03-29', '10:00', 'Europe/Oslo')).toEqual(new Date('2027-03-29T08:00:00Z'));
  });

  it('moves a picked time inside the spring-forward gap to the end of the gap', () => {
    expect(dueFromPickers('2027-03-28', '02:30', 'Europe/Oslo')).toEqual(new Date('2027-03-28T01:00:00Z'));
  });

  it('rejects impossible dates and times', () => {
    expect(dueFromPickers('2027-02-30', '10:00', 'Europe/Oslo')).toBeUndefined();
    expect(dueFromPickers('2026-12-04', '25:00', 'Europe/Oslo')).toBeUndefined();
  });
});
