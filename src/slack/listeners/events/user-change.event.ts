import { z } from 'zod';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { recordSlackProfile } from '../../../domain/users/user.service.ts';
import { events } from '../../ids.ts';

const changedUser = z.object({
  id: z.string().min(1),
  team_id: z.string().optional(),
  tz: z.string().optional(),
  locale: z.string().optional(),
  is_admin: z.boolean().optional(),
  is_owner: z.boolean().optional(),
  is_primary_owner: z.boolean().optional(),
  is_bot: z.boolean().optional(),
  deleted: z.boolean().optional(),
});

/** Slack sends user_change when a time zone changes (not for DST): keep tz and roles current. */
export function registerUserChange(app: ListenerRegistrar, deps: ListenerDeps): void {
  app.event(events.userChange, async ({ event, body }) => {
    const parsed = changedUser.safeParse((event as { user?: unknown }).user);
    if (!parsed.success) return;
    const u = parsed.data;
    const known = await deps.users.users.find(body.team_id, u.id);
    await recordSlackProfile(
      deps.users,
      {
        workspaceId: body.team_id,
        userId: u.id,
        tz: u.tz ?? known?.tz ?? null,
        // user_change carries no locale unless Slack chooses to; keep what users.info told us.
        slackLocale: u.locale ?? known?.slackLocale ?? null,
        isAdmin: u.is_admin ?? false,
        isOwner: (u.is_owner ?? false) || (u.is_primary_owner ?? false),
        isBot: u.is_bot ?? false,
        isDeleted: u.deleted ?? false,
        profileFetchedAt: known?.profileFetchedAt ?? null,
      },
      known,
    );
  });
}
