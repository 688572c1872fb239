import { z } from 'zod';
import { getUserLanguage } from '../../../domain/users/user.service.ts';
import { messages } from '../../../i18n/index.ts';
import { events } from '../../ids.ts';
import { buildHomeView } from '../../views/home.view.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';

const homeOpened = z.object({ user: z.string().min(1), tab: z.string().optional() });

export function registerAppHomeOpened(app: ListenerRegistrar, deps: ListenerDeps): void {
  app.event(events.appHomeOpened, async ({ event, body, client }) => {
    const parsed = homeOpened.safeParse(event);
    if (!parsed.success || parsed.data.tab === 'messages') return;
    const workspaceId = body.team_id;
    const m = messages(await getUserLanguage(deps.users, workspaceId, parsed.data.user));
    await client.views.publish({ user_id: parsed.data.user, view: buildHomeView(m) });
  });
}
