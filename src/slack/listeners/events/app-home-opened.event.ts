import { z } from 'zod';
import { publishHome } from '../../home-publisher.ts';
import { events } from '../../ids.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';

const homeOpened = z.object({ user: z.string().min(1), tab: z.string().optional() });

export function registerAppHomeOpened(app: ListenerRegistrar, deps: ListenerDeps): void {
  app.event(events.appHomeOpened, async ({ event, body, client }) => {
    const parsed = homeOpened.safeParse(event);
    if (!parsed.success || parsed.data.tab === 'messages') return;
    await publishHome(deps, client, body.team_id, parsed.data.user);
  });
}
