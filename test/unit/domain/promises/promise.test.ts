import { describe, expect, it } from 'vitest';
import {
  cameDueAt,
  countTeamPromises,
  dueStep,
  isKeptOnTime,
  isTooLateToRemind,
  keep,
  keepRate,
  markMissed,
  type NewPromiseInput,
  ownerActionError,
  reminderSchedule,
  release,
  renegotiate,
  type TrustPromise,
  validateNewPromise,
} from '../../../../src/domain/promises/promise.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const t0 = new Date('2026-11-23T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

function aPromise(overrides: Partial<TrustPromise> = {}): TrustPromise {
  return {
    id: 'p1',
    workspaceId: 'T1',
    ownerId: 'UOWNER',
    recipientId: 'URECIP',
    text: 'send the Q3 numbers',
    dueAt: at(4 * DAY),
    state: 'open',
    createdAt: t0,
    keptAt: null,
    keptBy: null,
    releasedAt: null,
    releaseNote: null,
    dueChanges: [],
    ...overrides,
  };
}

describe('making a promise', () => {
  const valid: NewPromiseInput = {
    ownerId: 'UOWNER',
    recipientId: 'URECIP',
    recipientIsBot: false,
    recipientIsDeleted: false,
    text: 'send the Q3 numbers',
    dueAt: at(DAY),
    now: t0,
  };

  it('accepts a promise to a colleague, due within a year', () => {
    expect(validateNewPromise(valid)).toEqual([]);
  });

  it.each([
    [{ recipientId: null }, 'no_recipient'],
    [{ recipientId: 'UOWNER' }, 'self_promise'],
    [{ recipientIsBot: true }, 'recipient_is_bot'],
    [{ recipientIsDeleted: true }, 'recipient_deactivated'],
    [{ text: '   ' }, 'empty_text'],
    [{ text: 'x'.repeat(301) }, 'text_too_long'],
    [{ dueAt: t0 }, 'due_in_past'],
    [{ dueAt: at(366 * DAY) }, 'due_too_far'],
  ] as const)('refuses %j with %s', (change, code) => {
    expect(validateNewPromise({ ...valid, ...change })).toEqual([code]);
  });

  it('counts characters after trimming, an emoji as one', () => {
    expect(validateNewPromise({ ...valid, text: `  ${'🎉'.repeat(300)}  ` })).toEqual([]);
  });

  it('reports every problem at once, for the modal to mark each field', () => {
    expect(validateNewPromise({ ...valid, recipientIsBot: true, text: '', dueAt: at(-HOUR) })).toEqual([
      'recipient_is_bot',
      'empty_text',
      'due_in_past',
    ]);
  });
});

describe('acting on a promise', () => {
  it('lets the owner keep it, and the recipient confirm it kept', () => {
    expect(keep(aPromise(), 'UOWNER', at(DAY))).toMatchObject({
      ok: true,
      promise: { state: 'kept', keptAt: at(DAY), keptBy: 'owner' },
    });
    expect(keep(aPromise(), 'URECIP', at(DAY))).toMatchObject({ ok: true, promise: { keptBy: 'recipient' } });
  });

  it('refuses anyone else', () => {
    expect(keep(aPromise(), 'USTRANGER', t0)).toEqual({ ok: false, error: 'not_owner_or_recipient' });
    expect(renegotiate(aPromise(), 'URECIP', { dueAt: at(5 * DAY), note: null, now: t0 })).toEqual({
      ok: false,
      error: 'not_owner',
    });
    expect(release(aPromise(), 'URECIP', null, t0)).toEqual({ ok: false, error: 'not_owner' });
  });

  it('refuses to act on a promise that is already kept or released', () => {
    const kept = aPromise({ state: 'kept', keptAt: t0, keptBy: 'owner' });
    expect(keep(kept, 'UOWNER', t0)).toEqual({ ok: false, error: 'already_kept' });
    expect(release(kept, 'UOWNER', null, t0)).toEqual({ ok: false, error: 'already_kept' });
    const released = aPromise({ state: 'released', releasedAt: t0 });
    expect(renegotiate(released, 'UOWNER', { dueAt: at(5 * DAY), note: null, now: t0 })).toEqual({
      ok: false,
      error: 'already_released',
    });
  });

  it('still lets the owner answer a missed promise', () => {
    const missed = aPromise({ state: 'missed' });
    expect(keep(missed, 'UOWNER', at(12 * DAY))).toMatchObject({ ok: true, promise: { state: 'kept' } });
    expect(release(missed, 'UOWNER', 'sorry', at(12 * DAY))).toMatchObject({
      ok: true,
      promise: { state: 'released' },
    });
  });

  it('keeps the history when renegotiating', () => {
    const result = renegotiate(aPromise(), 'UOWNER', {
      dueAt: at(6 * DAY),
      note: 'waiting for finance',
      now: at(DAY),
    });
    expect(result).toMatchObject({ ok: true, promise: { state: 'renegotiated', dueAt: at(6 * DAY) } });
    expect(result.ok && result.promise.dueChanges).toEqual([
      { from: at(4 * DAY), to: at(6 * DAY), at: at(DAY), note: 'waiting for finance' },
    ]);
  });

  it('refuses a new date that is unchanged, past or too far', () => {
    const change = (dueAt: Date) => renegotiate(aPromise(), 'UOWNER', { dueAt, note: null, now: at(DAY) });
    expect(change(at(4 * DAY))).toEqual({ ok: false, error: 'due_unchanged' });
    expect(change(at(DAY - HOUR))).toEqual({ ok: false, error: 'due_in_past' });
    expect(change(at(400 * DAY))).toEqual({ ok: false, error: 'due_too_far' });
  });

  it('refuses a note longer than a promise may be', () => {
    expect(release(aPromise(), 'UOWNER', 'x'.repeat(301), t0)).toEqual({ ok: false, error: 'note_too_long' });
  });

  it('marks a promise missed only after 7 days overdue with no action', () => {
    const promise = aPromise();
    expect(markMissed(promise, at(4 * DAY + 7 * DAY - 1))).toBeUndefined();
    expect(markMissed(promise, at(11 * DAY))).toMatchObject({ state: 'missed' });
    expect(markMissed(aPromise({ state: 'kept' }), at(30 * DAY))).toBeUndefined();
    expect(markMissed(aPromise({ state: 'missed' }), at(30 * DAY))).toBeUndefined();
  });
});

describe('promise reminders', () => {
  it('nudges the owner at the midpoint of a long promise, a day before, at due time and a day late', () => {
    expect(reminderSchedule(aPromise({ dueAt: at(4 * DAY) }))).toEqual([
      { kind: 'midpoint', at: at(2 * DAY) },
      { kind: 'day_before', at: at(3 * DAY) },
      { kind: 'due', at: at(4 * DAY) },
      { kind: 'overdue', at: at(5 * DAY) },
      { kind: 'missed', at: at(11 * DAY) },
    ]);
  });

  it('skips the midpoint for promises of 2 days or less', () => {
    const kinds = reminderSchedule(aPromise({ dueAt: at(2 * DAY) })).map((s) => s.kind);
    expect(kinds).toEqual(['day_before', 'due', 'overdue', 'missed']);
  });

  it('skips the day-before reminder for promises of 24 hours or less', () => {
    const kinds = reminderSchedule(aPromise({ dueAt: at(5 * HOUR) })).map((s) => s.kind);
    expect(kinds).toEqual(['due', 'overdue', 'missed']);
  });

  it('restarts from the renegotiation', () => {
    const renegotiated = renegotiate(aPromise(), 'UOWNER', {
      dueAt: at(7 * DAY),
      note: null,
      now: at(3 * DAY),
    });
    expect(renegotiated.ok && reminderSchedule(renegotiated.promise)).toEqual([
      { kind: 'midpoint', at: at(5 * DAY) },
      { kind: 'day_before', at: at(6 * DAY) },
      { kind: 'due', at: at(7 * DAY) },
      { kind: 'overdue', at: at(8 * DAY) },
      { kind: 'missed', at: at(14 * DAY) },
    ]);
  });

  it('stops once the promise is kept, released or missed', () => {
    for (const state of ['kept', 'released', 'missed'] as const) {
      expect(reminderSchedule(aPromise({ state }))).toEqual([]);
    }
  });
});

describe('what is due now', () => {
  it('is the latest step that has come, and the one after it', () => {
    expect(dueStep(aPromise(), at(2 * DAY + HOUR))).toEqual({
      step: { kind: 'midpoint', at: at(2 * DAY) },
      next: { kind: 'day_before', at: at(3 * DAY) },
    });
  });

  it('lets a later step supersede an earlier one it passed while down', () => {
    expect(dueStep(aPromise(), at(4 * DAY + HOUR)).step).toEqual({ kind: 'due', at: at(4 * DAY) });
  });

  it('is nothing before the first step, and nothing after missed', () => {
    expect(dueStep(aPromise(), at(HOUR))).toEqual({
      step: undefined,
      next: { kind: 'midpoint', at: at(2 * DAY) },
    });
    expect(dueStep(aPromise(), at(30 * DAY))).toEqual({
      step: { kind: 'missed', at: at(11 * DAY) },
      next: undefined,
    });
  });

  it('skips a reminder older than the catch-up window, except the overdue one', () => {
    const catchUp = 6 * HOUR;
    expect(isTooLateToRemind({ kind: 'due', at: t0 }, at(6 * HOUR), catchUp)).toBe(false);
    expect(isTooLateToRemind({ kind: 'due', at: t0 }, at(6 * HOUR + 1), catchUp)).toBe(true);
    expect(isTooLateToRemind({ kind: 'overdue', at: t0 }, at(5 * DAY), catchUp)).toBe(false);
  });
});

describe('who may move or release a promise', () => {
  it('is its owner, while it is not kept or released', () => {
    expect(ownerActionError(aPromise(), 'UOWNER')).toBeUndefined();
    expect(ownerActionError(aPromise({ state: 'missed' }), 'UOWNER')).toBeUndefined();
    expect(ownerActionError(aPromise(), 'URECIP')).toBe('not_owner');
    expect(ownerActionError(aPromise({ state: 'kept' }), 'UOWNER')).toBe('already_kept');
    expect(ownerActionError(aPromise({ state: 'released' }), 'UOWNER')).toBe('already_released');
  });
});

describe('keep rate', () => {
  const now = at(100 * DAY);
  const due = (days: number) => at(days * DAY);
  const keptOnTime = (days: number) =>
    aPromise({ dueAt: due(days), state: 'kept', keptAt: due(days - 1), keptBy: 'owner' });

  it('is kept on time ÷ came due over the last 90 days', () => {
    const promises = [
      keptOnTime(50),
      keptOnTime(60),
      aPromise({ dueAt: due(70), state: 'kept', keptAt: due(72), keptBy: 'owner' }), // late
      aPromise({ dueAt: due(80), state: 'missed' }),
      aPromise({ dueAt: due(95) }), // overdue, still open
      aPromise({ dueAt: due(120) }), // not due yet
      keptOnTime(5), // outside the window
    ];
    expect(keepRate(promises, now)).toEqual({ keptOnTime: 2, cameDue: 5, rate: 0.4 });
  });

  it('is null when nothing came due', () => {
    expect(keepRate([aPromise({ dueAt: due(120) })], now)).toBeNull();
  });

  it('does not count a promise released before it was due, but does count one released late', () => {
    const early = aPromise({ dueAt: due(90), state: 'released', releasedAt: due(89) });
    const late = aPromise({ dueAt: due(90), state: 'released', releasedAt: due(91) });
    expect(cameDueAt(early, now)).toBeUndefined();
    expect(cameDueAt(late, now)).toEqual(due(90));
  });

  it('counts renegotiating early as keeping your word, but not moving a date already missed', () => {
    const early = aPromise({
      dueAt: due(90),
      state: 'kept',
      keptAt: due(89),
      dueChanges: [{ from: due(80), to: due(90), at: due(79), note: null }],
    });
    const late = { ...early, dueChanges: [{ from: due(80), to: due(90), at: due(81), note: null }] };
    expect(isKeptOnTime(early)).toBe(true);
    expect(isKeptOnTime(late)).toBe(false);
    expect(cameDueAt(late, now)).toEqual(due(80));
  });
});

describe('team promise counts', () => {
  it('counts made, kept on time, renegotiated and overdue in the period', () => {
    const period = { from: at(0), to: at(7 * DAY) };
    const now = at(8 * DAY);
    const promises = [
      aPromise({
        createdAt: at(DAY),
        dueAt: at(3 * DAY),
        state: 'kept',
        keptAt: at(2 * DAY),
        keptBy: 'owner',
      }),
      aPromise({ createdAt: at(DAY), dueAt: at(5 * DAY) }), // overdue
      aPromise({
        createdAt: at(-10 * DAY),
        dueAt: at(20 * DAY),
        state: 'renegotiated',
        dueChanges: [{ from: at(6 * DAY), to: at(20 * DAY), at: at(4 * DAY), note: null }],
      }),
      aPromise({ createdAt: at(-10 * DAY), dueAt: at(-DAY), state: 'missed' }), // before the period
    ];
    expect(countTeamPromises(promises, period, now)).toEqual({
      made: 2,
      keptOnTime: 1,
      renegotiated: 1,
      overdue: 1,
    });
  });
});
