import { describe, expect, it } from 'vitest';
import { decideDigest } from '../../../../src/domain/digest/digest.service.ts';
import type { DigestTeam } from '../../../../src/domain/digest/ports.ts';
import { practiceFor } from '../../../../src/domain/coaching/practices.ts';
import { summarizeTeamWeek, type SummaryInput } from '../../../../src/domain/digest/team-week-summary.ts';
import { type ClosedRound, roundResults, type TallyCount } from '../../../../src/domain/pulse/pulse.ts';

const TEAM = { id: 'team-1', workspaceId: 'T1', channelId: 'C1', minGroupSize: 5 };

/** A closed round where every respondent gave the same four answers. */
function round(week: number, respondents: number, answers: [number, number, number, number]): ClosedRound {
  const tallies: TallyCount[] =
    respondents >= TEAM.minGroupSize
      ? answers.map((score, i) => ({ item: i + 1, score, count: respondents }))
      : [];
  return {
    round: { teamId: TEAM.id, week: { weekYear: 2026, weekNumber: week } },
    respondents,
    members: 8,
    tallies,
  };
}

function input(closed: ClosedRound[], week = 48): SummaryInput {
  return {
    team: TEAM,
    week: { weekYear: 2026, weekNumber: week },
    results: roundResults(closed),
    memberCount: 9,
    promises: { made: 3, keptOnTime: 2, renegotiated: 1, overdue: 0 },
    focus: 'stand_up',
    reflections: { habit: 'assume_best', summary: { kind: 'too_few', minGroupSize: 5 } },
  };
}

describe('the team week summary', () => {
  it('reports last week’s round with each part’s change from the previous round with scores', () => {
    const summary = summarizeTeamWeek(
      input([round(47, 6, [4, 4, 3, 2]), round(46, 2, [1, 1, 1, 5]), round(45, 5, [3, 4, 3, 3])]),
    );
    expect(summary.roundWeek).toBe('2026-W47');
    expect(summary.pulse).toEqual({
      kind: 'scores',
      index: { value: 5.5, change: 2.2 },
      parts: {
        credibility: { value: 4, change: 1 },
        reliability: { value: 4, change: 0 },
        intimacy: { value: 3, change: 0 },
        selfOrientation: { value: 2, change: -1 },
      },
      respondents: 6,
      members: 8,
    });
  });

  it('shows no scores below k, only participation, and leaves a gap in the trend', () => {
    const summary = summarizeTeamWeek(input([round(47, 4, [5, 5, 5, 1]), round(46, 5, [4, 4, 4, 2])]));
    expect(summary.pulse).toEqual({ kind: 'too_few', respondents: 4, members: 8, minGroupSize: 5 });
    expect(JSON.stringify(summary.pulse)).not.toMatch(/index|means|value/);
    expect(summary.trend).toHaveLength(12);
    expect(summary.trend.at(-1)).toMatchObject({ label: '2026-W47', index: undefined });
    expect(summary.trend.at(-2)).toMatchObject({ label: '2026-W46', index: 6 });
    expect(summary.sparkline).toBe('··········▄·');
  });

  it('treats a week without any round as not enough responses, with the team’s size now', () => {
    const summary = summarizeTeamWeek(input([round(45, 5, [4, 4, 4, 2])]));
    expect(summary.pulse).toEqual({ kind: 'too_few', respondents: 0, members: 9, minGroupSize: 5 });
  });

  it('withholds promise counts in a team smaller than k', () => {
    expect(summarizeTeamWeek(input([])).promises).toEqual({
      made: 3,
      keptOnTime: 2,
      renegotiated: 1,
      overdue: 0,
    });
    expect(summarizeTeamWeek({ ...input([]), memberCount: 4 }).promises).toBeUndefined();
  });

  it('has no change to show for the first round with scores', () => {
    const summary = summarizeTeamWeek(input([round(47, 5, [4, 4, 4, 2])]));
    expect(summary.pulse.kind === 'scores' && summary.pulse.index.change).toBeUndefined();
  });

  it('covers the twelve weeks ending with last week, across a year boundary', () => {
    const summary = summarizeTeamWeek({
      ...input([]),
      week: { weekYear: 2027, weekNumber: 2 },
      results: roundResults([
        {
          ...round(52, 5, [4, 4, 4, 2]),
          round: { teamId: TEAM.id, week: { weekYear: 2026, weekNumber: 52 } },
        },
      ]),
    });
    expect(summary.trend.map((p) => p.label).slice(-3)).toEqual(['2026-W52', '2026-W53', '2027-W01']);
    expect(summary.trend[0]?.label).toBe('2026-W43');
    expect(summary.trend.find((p) => p.label === '2026-W52')?.index).toBe(6);
  });
});

const oslo = (target: { weekday: number; time: string }): DigestTeam => ({
  id: 'team-1',
  workspaceId: 'T1',
  channelId: 'C1',
  timeZone: 'Europe/Oslo',
  language: 'en',
  minGroupSize: 5,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  digest: { enabled: true, target },
});

const SIX_HOURS = 6 * 3_600_000;

describe('when the weekly digest is due', () => {
  const monday9 = oslo({ weekday: 1, time: '09:00' });

  it('is due at the team’s local Monday 09:00 on both sides of the spring DST change', () => {
    // 2027-03-28: Oslo moves from UTC+1 to UTC+2.
    expect(decideDigest(monday9, new Date('2027-03-22T07:59:00Z'), SIX_HOURS).kind).toBe('not_yet');
    expect(decideDigest(monday9, new Date('2027-03-22T08:00:00Z'), SIX_HOURS)).toMatchObject({
      kind: 'due',
      dueAt: new Date('2027-03-22T08:00:00Z'),
    });
    expect(decideDigest(monday9, new Date('2027-03-29T06:59:00Z'), SIX_HOURS).kind).toBe('not_yet');
    expect(decideDigest(monday9, new Date('2027-03-29T07:00:00Z'), SIX_HOURS)).toMatchObject({
      kind: 'due',
      week: { weekYear: 2027, weekNumber: 13 },
      dueAt: new Date('2027-03-29T07:00:00Z'),
    });
  });

  it('fires a time that does not exist (spring gap) once, when the gap ends', () => {
    const sunday0230 = oslo({ weekday: 7, time: '02:30' });
    expect(decideDigest(sunday0230, new Date('2027-03-28T00:59:00Z'), SIX_HOURS).kind).toBe('not_yet');
    expect(decideDigest(sunday0230, new Date('2027-03-28T01:00:00Z'), SIX_HOURS)).toMatchObject({
      kind: 'due',
      dueAt: new Date('2027-03-28T01:00:00Z'),
    });
  });

  it('takes the first of a time that happens twice (autumn overlap)', () => {
    const sunday0230 = oslo({ weekday: 7, time: '02:30' });
    // 2027-10-31 02:30 happens at 00:30Z (summer time) and again at 01:30Z.
    expect(decideDigest(sunday0230, new Date('2027-10-31T00:30:00Z'), SIX_HOURS)).toMatchObject({
      kind: 'due',
      dueAt: new Date('2027-10-31T00:30:00Z'),
    });
  });

  it('waits for next week when the team was set up after this week’s digest time', () => {
    const young = { ...monday9, createdAt: new Date('2027-03-29T08:30:00Z') };
    expect(decideDigest(young, new Date('2027-03-29T09:00:00Z'), SIX_HOURS).kind).toBe('not_yet');
    expect(decideDigest(young, new Date('2027-04-05T07:00:00Z'), SIX_HOURS).kind).toBe('due');
  });

  it('is skipped when more than the catch-up window late, and never when switched off', () => {
    expect(decideDigest(monday9, new Date('2027-03-29T13:01:00Z'), SIX_HOURS).kind).toBe('too_late');
    const off = { ...monday9, digest: { ...monday9.digest, enabled: false } };
    expect(decideDigest(off, new Date('2027-03-29T07:00:00Z'), SIX_HOURS).kind).toBe('not_yet');
  });

  it('coaches on the weakest part over rounds up to last week, with this week’s practice', () => {
    const summary = summarizeTeamWeek(
      input([round(47, 6, [4, 4, 3, 2]), round(46, 2, [1, 1, 1, 5]), round(45, 5, [4, 2, 4, 2])]),
    );
    // W46 is below k; over W45 and W47: C 4, R 3, I 3.5, S as 6 − 2 = 4.
    expect(summary.coaching).toEqual({
      part: 'reliability',
      rounds: 2,
      practice: practiceFor('reliability', '2026-W48'),
    });
  });

  it('has no coaching without a round with results, and ignores rounds after the one reported on', () => {
    expect(summarizeTeamWeek(input([round(47, 2, [1, 1, 1, 5])])).coaching).toBeUndefined();
    // A manual digest in W47 reports on W46: W47 (open, here already closed) does not count.
    expect(summarizeTeamWeek(input([round(47, 6, [1, 4, 4, 2])], 47)).coaching).toBeUndefined();
  });
});
