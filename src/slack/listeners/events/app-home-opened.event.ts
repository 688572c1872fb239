import { z } from 'zod';
import { events } from '../../ids.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';

const homeOpened = z.object({ user: z.string().min(1), tab: z.string().optional() });

export function registerAppHomeOpened(app: ListenerRegistrar, deps: ListenerDeps): void {
  app.event(events.appHomeOpened, async ({ event, body }) => {
    const parsed = homeOpened.safeParse(event);
    if (!parsed.success || parsed.data.tab === 'messages') return;
    await deps.home.publishNow(body.team_id, parsed.data.user);
  });
}
