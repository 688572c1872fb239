import { z } from 'zod';
import type { ChannelDirectory } from '../../domain/teams/ports.ts';
import { getUserProfile, type UserServiceDeps } from '../../domain/users/user.service.ts';
import type { ClientForWorkspace } from './slack-user-source.ts';
import { classifySlackError } from '../runtime/slack-errors.ts';

const membersPage = z.object({
  members: z.array(z.string()),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

const channelInfo = z.object({ channel: z.object({ is_member: z.boolean().optional() }) });

/** A hard stop for a runaway cursor: 200 pages of 200 is far beyond any team channel. */
const MAX_PAGES = 200;

type SlackClient = Awaited<ReturnType<ClientForWorkspace>>;

/** The channel's member ids, a page at a time, until the cursor ends (or MAX_PAGES). */
async function* memberPages(client: SlackClient, channelId: string): AsyncGenerator<string[]> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = membersPage.parse(
      await client.conversations.members({ channel: channelId, limit: 200, ...(cursor ? { cursor } : {}) }),
    );
    yield response.members;
    cursor = response.response_metadata?.next_cursor || undefined;
    if (!cursor) return;
  }
}

/** A private channel without the bot is invisible to it: that reads as "no", anything else throws. */
function falseWhenChannelNotFound(error: unknown): false {
  const failure = classifySlackError(error);
  if (failure.kind === 'permanent' && failure.error === 'channel_not_found') return false;
  throw error;
}

export function createSlackChannelDirectory(
  clientFor: ClientForWorkspace,
  users: UserServiceDeps,
): ChannelDirectory {
  const isPerson = async (workspaceId: string, userId: string) => {
    const profile = await getUserProfile(users, workspaceId, userId);
    return !profile.isBot && !profile.isDeleted;
  };
  return {
    async botIsMember(workspaceId, channelId) {
      const client = await clientFor(workspaceId);
      try {
        return (
          channelInfo.parse(await client.conversations.info({ channel: channelId })).channel.is_member ===
          true
        );
      } catch (error) {
        return falseWhenChannelNotFound(error);
      }
    },

    async humanMembers(workspaceId, channelId) {
      const client = await clientFor(workspaceId);
      const ids: string[] = [];
      for await (const members of memberPages(client, channelId)) ids.push(...members);
      const people: string[] = [];
      for (const id of new Set(ids)) {
        if (await isPerson(workspaceId, id)) people.push(id);
      }
      return people;
    },

    async isMember(workspaceId, channelId, userId) {
      const client = await clientFor(workspaceId);
      try {
        for await (const members of memberPages(client, channelId)) {
          if (members.includes(userId)) return true;
        }
        return false;
      } catch (error) {
        return falseWhenChannelNotFound(error);
      }
    },

    isPerson,
  };
}
