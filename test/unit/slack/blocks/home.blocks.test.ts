import { describe, expect, it } from 'vitest';
import { habitById } from '../../../../src/domain/habits/catalogue.ts';
import type { HabitWeek } from '../../../../src/domain/habits/habit.service.ts';
import type { TrustPromise } from '../../../../src/domain/promises/promise.ts';
import type { RoundResult } from '../../../../src/domain/pulse/pulse.ts';
import { trendOf } from '../../../../src/domain/pulse/trend.ts';
import { en } from '../../../../src/i18n/en.ts';
import type { Audience } from '../../../../src/i18n/format-date.ts';
import { nb } from '../../../../src/i18n/nb.ts';
import {
  homeActionIds,
  promiseActionIds,
  pulseActionIds,
  settingsActionIds,
} from '../../../../src/slack/ids.ts';
import {
  buildHomeDashboard,
  type HomeDashboard,
  isNewcomer,
  MAX_HOME_BLOCKS,
  type ManagedTeamSummary,
} from '../../../../src/slack/blocks/home.blocks.ts';
import { validateView } from '../../../support/slack-emulator/block-kit.ts';

const now = new Date('2026-11-25T11:00:00Z');
const english: Audience = { language: 'en', timeZone: 'Europe/Oslo', now };
const norwegian: Audience = { language: 'nb', timeZone: 'Europe/Oslo', now };
const hostile =
  `<!channel> <!here> <@U0EVIL0001> *bold* _x_ \u202Egnp.exe \`code\` > quote ${'long '.repeat(60)}`.slice(
    0,
    300,
  );

const habit: HabitWeek = {
  week: '2026-W48',
  focus: habitById('stand_up'),
  tip: 'Name what a colleague did well, in front of others.',
  nudgeTip: 'Another tip.',
  reason: { kind: 'rotation' },
  lastWeek: { week: '2026-W47', habit: habitById('assume_best') },
  reflection: undefined,
  streak: 3,
};

function promise(i: number, ownerId: string, recipientId: string): TrustPromise {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    workspaceId: 'T1',
    ownerId,
    recipientId,
    text: `${i} ${hostile}`,
    dueAt: new Date(now.getTime() + (i + 1) * 3_600_000),
    state: 'open',
    createdAt: now,
    keptAt: null,
    keptBy: null,
    releasedAt: null,
    releaseNote: null,
    dueChanges: [],
  };
}

const result: RoundResult = {
  week: { weekYear: 2026, weekNumber: 47 },
  label: '2026-W47',
  respondents: 6,
  members: 8,
  scores: {
    means: { credibility: 4.2, reliability: 3.9, intimacy: 3.1, selfOrientation: 2.4 },
    index: 4.6,
  },
  change: -0.3,
};

function team(i: number): ManagedTeamSummary {
  return {
    teamId: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    channelId: `C0TEAM${String(i).padStart(4, '0')}`,
    members: 8,
    minGroupSize: 5,
    latest: result,
    trend: trendOf([result], result.week, 12),
    coaching: undefined,
  };
}

const empty: HomeDashboard = {
  promises: { made: [], received: [], keepRate: null },
  habit,
  checkin: { schedule: undefined, zone: 'Europe/Oslo' },
  rateable: [],
  memberOfTeams: 0,
  canSetUpTeams: false,
  managed: { teams: [], total: 0 },
};

/** Everything at its largest: 60 promises, 20 rounds to rate, 40 managed teams. */
const largest: HomeDashboard = {
  promises: {
    made: Array.from({ length: 30 }, (_, i) => promise(i, 'U0ME00001', 'U0OTHER01')),
    received: Array.from({ length: 30 }, (_, i) => promise(100 + i, 'U0OTHER01', 'U0ME00001')),
    keepRate: { keptOnTime: 7, cameDue: 9, rate: 7 / 9 },
  },
  habit,
  checkin: {
    schedule: {
      target: { weekday: 3, time: '09:30' },
      optedOut: false,
      pausedUntil: '2026-12-10',
      nextDueAt: new Date('2026-12-16T08:30:00Z'),
    },
    zone: 'Europe/Oslo',
  },
  rateable: Array.from({ length: 20 }, (_, i) => ({
    channelId: `C0RATE${String(i).padStart(4, '0')}`,
    value: { t: team(i).teamId, w: '2026-W48' },
  })),
  memberOfTeams: 20,
  canSetUpTeams: true,
  managed: { teams: Array.from({ length: 20 }, (_, i) => team(i)), total: 40 },
};

const blocksOf = (a: Audience, d: HomeDashboard) => buildHomeDashboard(a, d).blocks;

describe('the App Home view', () => {
  it.each([
    ['en', english],
    ['nb', norwegian],
  ] as const)('stays within Slack’s limits at the largest sizes (%s)', (_, a) => {
    const view = buildHomeDashboard(a, largest);
    expect(validateView(view, 'home')).toEqual({ errors: [], warnings: [] });
    expect(view.blocks.length).toBeLessThanOrEqual(MAX_HOME_BLOCKS);
    const text = JSON.stringify(view.blocks);
    // The reference at the bottom still fits.
    expect(text).toContain(a.language === 'en' ? 'For everyone' : 'For alle');
  });

  it('shows the first promises and teams and counts the rest', () => {
    const text = JSON.stringify(blocksOf(english, largest));
    expect(text).toContain('…and 40 more: `/trust promises`');
    expect(text).toContain('…and 25 more teams');
    expect(JSON.stringify(blocksOf(norwegian, largest))).toContain('…og 25 team til');
  });

  it('escapes what people wrote, so it can neither ping nor style the Home', () => {
    const text = JSON.stringify(blocksOf(english, largest));
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<!here>');
    expect(text).not.toContain('<@U0EVIL0001>');
    expect(text).not.toContain('\u202E');
  });

  it('shows a manager’s team with its result, change, parts, participation and trend', () => {
    const text = JSON.stringify(blocksOf(english, largest));
    expect(text).toContain('<#C0TEAM0000>');
    expect(text).toContain('Trust index *4.6* (▼ -0.3)');
    expect(text).toContain('Credibility 4.2 · Reliability 3.9 · Intimacy 3.1 · Self-orientation 2.4');
    expect(text).toContain('6 of 8 responded.');
    expect(text).toContain('Trend, last 12 weeks: `···········▄`');
    expect(JSON.stringify(blocksOf(norwegian, largest))).toContain('Teaminnstillinger');
  });

  it('teaches a newcomer what the app does and the first step, in both languages', () => {
    expect(isNewcomer(empty)).toBe(true);
    const en = JSON.stringify(blocksOf(english, empty));
    expect(en).toContain('Your first step:');
    expect(en).toContain(promiseActionIds.create);
    expect(en).toContain(settingsActionIds.open);
    expect(en).not.toContain('Your open promises');
    expect(en).not.toContain(pulseActionIds.rate);
    expect(en).not.toContain(homeActionIds.teamSettings);
    expect(en).toContain('No check-in schedule yet');
    const no = JSON.stringify(blocksOf(norwegian, empty));
    expect(no).toContain('Første steg:');
    expect(no).toContain('Du har ingen innsjekkplan ennå');
  });

  it('offers admins the team setup in the first steps', () => {
    const text = JSON.stringify(blocksOf(english, { ...empty, canSetUpTeams: true }));
    expect(text).toContain('/trust team setup');
  });

  it('has the same texts in English and Norwegian', () => {
    expect(Object.keys(nb.home).sort()).toEqual(Object.keys(en.home).sort());
    for (const [key, value] of Object.entries(en.home)) {
      const other = (nb.home as Record<string, unknown>)[key];
      expect(typeof other, key).toBe(typeof value);
      if (typeof value === 'string') expect(other, key).not.toBe(value);
    }
  });
});
