import { z } from 'zod';
import { memberJoined, memberLeft } from '../../../domain/teams/team.service.ts';
import { createPgTeamRepository } from '../../../persistence/pg-team.repository.ts';
import { createTeamDefaultsDeps } from '../../../profile-hooks.ts';
import { teamEvents } from '../../ids.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';

const membershipEvent = z.object({
  team_id: z.string().min(1),
  event: z.object({ user: z.string().min(1), channel: z.string().min(1) }),
});

/** member_joined_channel / member_left_channel keep team membership current between resyncs. */
export function registerMemberChannelEvents(app: ListenerRegistrar, deps: ListenerDeps): void {
  const teams = createPgTeamRepository(deps.db);
  const service = {
    teams,
    channels: deps.channels,
    clock: deps.clock,
    defaults: createTeamDefaultsDeps(deps.db, deps.clock, deps.users.users.forget),
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
