import { describe, expect, it } from 'vitest';
import { authorizeManager, type ManagerAccessDeps } from '../../../../src/domain/teams/manager-access.ts';
import type { Team } from '../../../../src/domain/teams/team.ts';
import type { UserProfile } from '../../../../src/domain/users/user.ts';

const now = new Date('2026-12-05T12:00:00Z');
const team = { id: 'team-1', workspaceId: 'T1', channelId: 'C0TEAM0001' } as Team;

function profile(overrides: Partial<UserProfile> = {}): UserProfile {
  return {
    workspaceId: 'T1',
    userId: 'U0ANN0001',
    tz: 'Europe/Oslo',
    slackLocale: 'en-GB',
    language: null,
    isAdmin: false,
    isOwner: false,
    isBot: false,
    isDeleted: false,
    profileFetchedAt: now,
    ...overrides,
  };
}

/** Slack answers with `slackSays` (or fails); `managers` are the people the app made managers. */
function depsWith(slackSays: Partial<UserProfile> | Error, managers: string[] = []) {
  const reads: string[] = [];
  const deps: ManagerAccessDeps = {
    clock: { now: () => now },
    teams: {
      isManager: async (_teamId, userId) => managers.includes(userId),
      managesAnyTeam: async (_workspaceId, userId) => managers.includes(userId),
    },
    users: {
      clock: { now: () => now },
      users: {
        find: async () => undefined,
        saveSlackProfile: async (p) => ({ ...p, language: null }),
      },
      slack: {
        fetchUser: async (_workspaceId, userId) => {
          reads.push(userId);
          if (slackSays instanceof Error) throw slackSays;
          const { language: _l, profileFetchedAt: _f, ...rest } = profile(slackSays);
          return rest;
        },
      },
    },
  };
  return { deps, reads };
}

const person = (p: UserProfile | undefined) => ({ workspaceId: 'T1', userId: 'U0ANN0001', profile: p });
const minutesAgo = (n: number) => new Date(now.getTime() - n * 60_000);

describe('who may manage a team', () => {
  it('lets a workspace admin whose rights were read in the last 5 minutes, without asking Slack', async () => {
    const { deps, reads } = depsWith(new Error('not asked'));
    const access = await authorizeManager(
      deps,
      person(profile({ isAdmin: true, profileFetchedAt: minutesAgo(4) })),
      team,
    );
    expect(access).toMatchObject({ ok: true, actor: { isAdmin: true } });
    expect(reads).toEqual([]);
  });

  it('reads older admin rights again, so a demoted admin is refused at once', async () => {
    const { deps, reads } = depsWith({ isAdmin: false });
    const access = await authorizeManager(
      deps,
      person(profile({ isAdmin: true, profileFetchedAt: minutesAgo(6) })),
      team,
    );
    expect(access).toEqual({ ok: false, reason: 'not_manager' });
    expect(reads).toEqual(['U0ANN0001']);
  });

  it('fails closed when Slack cannot confirm admin rights', async () => {
    const { deps } = depsWith(new Error('slack down'));
    const access = await authorizeManager(
      deps,
      person(profile({ isOwner: true, profileFetchedAt: null })),
      team,
    );
    expect(access).toMatchObject({ ok: false, reason: 'unconfirmed' });
  });

  it('needs no Slack read for rights the app granted itself', async () => {
    const { deps, reads } = depsWith(new Error('not asked'), ['U0ANN0001']);
    expect(await authorizeManager(deps, person(profile({ profileFetchedAt: null })), team)).toMatchObject({
      ok: true,
    });
    expect(reads).toEqual([]);
  });

  it('refuses someone with no profile and no grant', async () => {
    const { deps } = depsWith(new Error('not asked'));
    expect(await authorizeManager(deps, person(undefined), undefined)).toEqual({
      ok: false,
      reason: 'not_manager',
    });
  });
});
