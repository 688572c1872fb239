import { describe, expect, it } from 'vitest';
import {
  buildPersonalExport,
  holdsPersonalChoices,
  type PersonalData,
} from '../../../../src/domain/privacy/personal-data.ts';
import type { TrustPromise } from '../../../../src/domain/promises/promise.ts';

const empty: PersonalData = {
  profile: undefined,
  checkinSchedule: undefined,
  nudgeSchedule: undefined,
  checkins: [],
  nudges: [],
  reflections: [],
  promisesMade: [],
  promisesReceived: [],
  teams: [],
  queuedMessages: 0,
};

const bareProfile: PersonalData = {
  ...empty,
  profile: {
    tz: 'Europe/Oslo',
    slackTz: 'Europe/Oslo',
    tzOverride: null,
    slackLocale: 'en-US',
    language: null,
    languageChoice: null,
    isAdmin: false,
    isOwner: false,
    profileFetchedAt: new Date('2027-01-04T07:00:00Z'),
    createdAt: new Date('2027-01-04T07:00:00Z'),
  },
  checkinSchedule: {
    weekday: 1,
    localTime: '10:00',
    pausedUntil: null,
    optedOut: false,
    custom: false,
    nextDueAt: null,
  },
  nudgeSchedule: { habitNudges: true, teamNudges: true, nextDueAt: null },
};

function promise(ownerId: string, recipientId: string | null): TrustPromise {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    workspaceId: 'T1',
    ownerId,
    recipientId,
    text: 'send the deck',
    dueAt: new Date('2027-01-08T15:00:00Z'),
    state: 'open',
    createdAt: new Date('2027-01-04T08:00:00Z'),
    keptAt: null,
    keptBy: null,
    releasedAt: null,
    releaseNote: null,
    dueChanges: [],
  };
}

const context = {
  exportedAt: new Date('2027-01-20T09:00:00Z'),
  currentWeek: '2027-W03',
  pulseStatement: 'not linkable',
};

describe('the personal export', () => {
  it('counts each category and the current reflection streak', () => {
    const data: PersonalData = {
      ...bareProfile,
      reflections: [
        { week: '2027-W01', habit: 'assume_best', answer: 'not_yet', answeredAt: new Date() },
        { week: '2027-W02', habit: 'stand_up', answer: 'often', answeredAt: new Date() },
        { week: '2027-W03', habit: 'no_gossip', answer: 'sometimes', answeredAt: new Date() },
      ],
      promisesMade: [promise('U1', 'U2')],
      promisesReceived: [promise('U2', 'U1'), promise('U3', 'U1')],
      teams: [
        { teamId: 'a', channelId: 'C1', member: true, manager: false, setUpByMe: false },
        { teamId: 'b', channelId: 'C2', member: false, manager: true, setUpByMe: false },
      ],
    };
    const result = buildPersonalExport(data, { workspaceId: 'T1', userId: 'U1' }, context);
    expect(result.summary).toEqual({
      promisesMade: 1,
      promisesReceived: 2,
      reflections: 3,
      currentStreak: 2,
      checkins: 0,
      teams: 1,
      managedTeams: 1,
    });
    expect(result.document).toMatchObject({
      promisesMade: [{ recipientId: 'U2' }],
      promisesReceived: [{ ownerId: 'U2' }, { ownerId: 'U3' }],
      pulseRatings: { linkedToYou: false, statement: 'not linkable' },
    });
  });

  it('keeps a promise whose recipient was forgotten, without a recipient', () => {
    const result = buildPersonalExport(
      { ...empty, promisesMade: [promise('U1', null)] },
      { workspaceId: 'T1', userId: 'U1' },
      context,
    );
    expect(result.document.promisesMade).toEqual([expect.objectContaining({ recipientId: null })]);
  });
});

describe('what counts as personal data left', () => {
  it('is nothing for a bare profile with default schedules', () => {
    expect(holdsPersonalChoices(empty)).toBe(false);
    expect(holdsPersonalChoices(bareProfile)).toBe(false);
  });

  it('is something for any choice, record or promise', () => {
    const variants: PersonalData[] = [
      { ...bareProfile, promisesReceived: [promise('U2', 'U1')] },
      {
        ...bareProfile,
        checkins: [{ week: '2027-W01', outcome: 'queued', dueAt: null, createdAt: new Date() }],
      },
      { ...bareProfile, nudgeSchedule: { habitNudges: false, teamNudges: true, nextDueAt: null } },
      {
        ...bareProfile,
        checkinSchedule: {
          ...(bareProfile.checkinSchedule as NonNullable<PersonalData['checkinSchedule']>),
          optedOut: true,
        },
      },
      {
        ...bareProfile,
        teams: [{ teamId: 'a', channelId: 'C1', member: false, manager: true, setUpByMe: false }],
      },
      { ...bareProfile, queuedMessages: 1 },
    ];
    for (const data of variants) expect(holdsPersonalChoices(data)).toBe(true);
  });
});
