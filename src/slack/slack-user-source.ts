import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { SlackUserSource } from '../domain/users/ports.ts';

const usersInfoResponse = z.object({
  user: z.object({
    id: z.string(),
    tz: z.string().optional(),
    locale: z.string().optional(),
    is_admin: z.boolean().optional(),
    is_owner: z.boolean().optional(),
    is_primary_owner: z.boolean().optional(),
    is_bot: z.boolean().optional(),
    deleted: z.boolean().optional(),
  }),
});

export type ClientForWorkspace = (workspaceId: string) => Promise<webApi.WebClient>;

export function createSlackUserSource(clientFor: ClientForWorkspace): SlackUserSource {
  return {
    async fetchUser(workspaceId, userId) {
      const client = await clientFor(workspaceId);
      const response = usersInfoResponse.parse(
        await client.users.info({ user: userId, include_locale: true }),
      );
      const u = response.user;
      return {
        workspaceId,
        userId,
        tz: u.tz ?? null,
        slackLocale: u.locale ?? null,
        isAdmin: u.is_admin ?? false,
        isOwner: (u.is_owner ?? false) || (u.is_primary_owner ?? false),
        isBot: u.is_bot ?? false,
        isDeleted: u.deleted ?? false,
      };
    },
  };
}
