import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import type { UserServiceDeps } from '../../../../src/domain/users/user.service.ts';
import type { UserProfile } from '../../../../src/domain/users/user.ts';
import { createSlackChannelDirectory } from '../../../../src/slack/directory/slack-channel-directory.ts';

const now = new Date('2026-12-05T12:00:00Z');
const notFound = Object.assign(new Error('channel_not_found'), {
  code: webApi.ErrorCode.PlatformError,
  data: { ok: false, error: 'channel_not_found' },
});

/** A channel whose members come back `perPage` at a time; `calls` counts the pages read. */
function channelOf(members: string[] | Error, perPage = 2) {
  const calls: Array<string | undefined> = [];
  const client = {
    conversations: {
      members: async ({ cursor }: { cursor?: string }) => {
        calls.push(cursor);
        if (members instanceof Error) throw members;
        const from = Number(cursor ?? 0);
        const next = from + perPage < members.length ? String(from + perPage) : '';
        return {
          ok: true,
          members: members.slice(from, from + perPage),
          response_metadata: { next_cursor: next },
        };
      },
      info: async () => {
        if (members instanceof Error) throw members;
        return { ok: true, channel: { is_member: true } };
      },
    },
  } as unknown as webApi.WebClient;
  return { clientFor: async () => client, calls };
}

const bots = new Set(['B0BOT0001']);
const users = {
  clock: { now: () => now },
  users: {
    find: async (workspaceId: string, userId: string): Promise<UserProfile> => ({
      workspaceId,
      userId,
      tz: null,
      slackLocale: null,
      language: null,
      isAdmin: false,
      isOwner: false,
      isBot: bots.has(userId),
      isDeleted: false,
      profileFetchedAt: now,
    }),
    saveSlackProfile: async () => {
      throw new Error('not expected');
    },
  },
  slack: {
    fetchUser: async () => {
      throw new Error('not expected');
    },
  },
} as UserServiceDeps;

describe('channel membership from Slack', () => {
  it('reads every page and keeps people only, once each', async () => {
    const { clientFor, calls } = channelOf(['U1', 'B0BOT0001', 'U2', 'U1', 'U3']);
    const directory = createSlackChannelDirectory(clientFor, users);
    expect(await directory.humanMembers('T1', 'C1')).toEqual(['U1', 'U2', 'U3']);
    expect(calls).toEqual([undefined, '2', '4']);
  });

  it('stops reading pages once the person is found', async () => {
    const { clientFor, calls } = channelOf(['U1', 'U2', 'U3', 'U4', 'U5']);
    const directory = createSlackChannelDirectory(clientFor, users);
    expect(await directory.isMember('T1', 'C1', 'U3')).toBe(true);
    expect(calls).toEqual([undefined, '2']);
    expect(await directory.isMember('T1', 'C1', 'U9')).toBe(false);
  });

  it('reads a channel the bot cannot see as "no", and lets other failures through', async () => {
    const hidden = createSlackChannelDirectory(channelOf(notFound).clientFor, users);
    expect(await hidden.isMember('T1', 'C1', 'U1')).toBe(false);
    expect(await hidden.botIsMember('T1', 'C1')).toBe(false);
    const broken = createSlackChannelDirectory(channelOf(new Error('socket hang up')).clientFor, users);
    await expect(broken.isMember('T1', 'C1', 'U1')).rejects.toThrow('socket hang up');
  });
});
