import { z } from 'zod';
import { memberJoined, memberLeft } from '../../../domain/teams/team.service.ts';
import { teamEvents } from '../../ids.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';

const membershipEvent = z.object({
  team_id: z.string().min(1),
  event: z.object({ user: z.string().min(1), channel: z.string().min(1) }),
});

/** member_joined_channel / member_left_channel keep team membership current between resyncs. */
export function registerMemberChannelEvents(app: ListenerRegistrar, deps: ListenerDeps): void {
  const teams = deps.stores.teams;
  const service = {
    teams,
    channels: deps.channels,
    clock: deps.clock,
    defaults: deps.teamDefaults,
  };

  app.event(teamEvents.memberJoinedChannel, async ({ body }) => {
    const parsed = membershipEvent.safeParse(body);
    if (!parsed.success) return;
    const { team_id: workspaceId, event } = parsed.data;
    if (await memberJoined(service, workspaceId, event.channel, event.user))
      deps.home.refresh(workspaceId, event.user);
  });

  app.event(teamEvents.memberLeftChannel, async ({ body }) => {
    const parsed = membershipEvent.safeParse(body);
    if (!parsed.success) return;
    const { team_id: workspaceId, event } = parsed.data;
    if (await memberLeft(service, workspaceId, event.channel, event.user))
      deps.home.refresh(workspaceId, event.user);
  });
}
