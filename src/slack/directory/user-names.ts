import type { webApi } from '@slack/bolt';
import { z } from 'zod';

const usersInfoNames = z.object({
  user: z.object({
    name: z.string().optional(),
    real_name: z.string().optional(),
    profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
  }),
});

/**
 * People's names as Slack shows them (display name, else real name, else handle), by id, for
 * text that must read without ids. Someone Slack cannot tell us about is left out.
 */
export async function displayNamesOf(
  client: webApi.WebClient,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const found = await Promise.all(
    userIds.map(async (id): Promise<[string, string] | undefined> => {
      try {
        const parsed = usersInfoNames.safeParse(await client.users.info({ user: id }));
        if (!parsed.success) return undefined;
        const u = parsed.data.user;
        const name = [u.profile?.display_name, u.profile?.real_name, u.real_name, u.name].find(
          (n) => n !== undefined && n.trim() !== '',
        );
        return name === undefined ? undefined : [id, name.trim()];
      } catch {
        return undefined;
      }
    }),
  );
  return new Map(found.filter((entry) => entry !== undefined));
}
