import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { recordSlackProfile } from '../../../domain/users/user.service.ts';
import { events } from '../../ids.ts';
import { profileFromSlackUser, slackUser } from '../../directory/slack-user-source.ts';

/** Slack sends user_change when a time zone changes (not for DST): keep tz and roles current. */
export function registerUserChange(app: ListenerRegistrar, deps: ListenerDeps): void {
  app.event(events.userChange, async ({ event, body }) => {
    const parsed = slackUser.safeParse((event as { user?: unknown }).user);
    if (!parsed.success) return;
    const changed = profileFromSlackUser(body.team_id, parsed.data);
    const known = await deps.users.users.find(body.team_id, changed.userId);
    await recordSlackProfile(
      deps.users,
      {
        ...changed,
        tz: changed.tz ?? known?.slackTz ?? known?.tz ?? null,
        // user_change carries no locale unless Slack chooses to; keep what users.info told us.
        slackLocale: changed.slackLocale ?? known?.slackLocale ?? null,
        profileFetchedAt: known?.profileFetchedAt ?? null,
      },
      known,
    );
  });
}
