import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { SlackUserSource } from '../../domain/users/ports.ts';

/** The fields of Slack's user object we keep (users.info, user_change). */
export const slackUser = z.object({
  id: z.string().min(1),
  tz: z.string().optional(),
  locale: z.string().optional(),
  is_admin: z.boolean().optional(),
  is_owner: z.boolean().optional(),
  is_primary_owner: z.boolean().optional(),
  is_bot: z.boolean().optional(),
  deleted: z.boolean().optional(),
});

export type SlackUser = z.infer<typeof slackUser>;

/** Slack's user object as our profile fields; a missing locale or zone is null. */
export function profileFromSlackUser(workspaceId: string, u: SlackUser) {
  return {
    workspaceId,
    userId: u.id,
    tz: u.tz ?? null,
    slackLocale: u.locale ?? null,
    isAdmin: u.is_admin ?? false,
    isOwner: (u.is_owner ?? false) || (u.is_primary_owner ?? false),
    isBot: u.is_bot ?? false,
    isDeleted: u.deleted ?? false,
  };
}

const usersInfoResponse = z.object({ user: slackUser });

export type ClientForWorkspace = (workspaceId: string) => Promise<webApi.WebClient>;

export function createSlackUserSource(clientFor: ClientForWorkspace): SlackUserSource {
  return {
    async fetchUser(workspaceId, userId) {
      const client = await clientFor(workspaceId);
      const response = usersInfoResponse.parse(
        await client.users.info({ user: userId, include_locale: true }),
      );
      return { ...profileFromSlackUser(workspaceId, response.user), userId };
    },
  };
}
