import { z } from 'zod';
import { deleteWorkspace } from '../../../persistence/pg-workspace.repository.ts';
import { events } from '../../ids.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';

const tokensRevoked = z.object({ tokens: z.object({ bot: z.array(z.string()).optional() }).optional() });

/** Uninstall or a revoked bot token: delete everything held for that workspace, once. */
export function registerUninstall(app: ListenerRegistrar, deps: ListenerDeps): void {
  app.event(events.appUninstalled, async ({ body }) => {
    await purgeWorkspace(deps, body.team_id, 'app_uninstalled');
  });
  app.event(events.tokensRevoked, async ({ event, body }) => {
    const parsed = tokensRevoked.safeParse(event);
    if (!parsed.success || (parsed.data.tokens?.bot ?? []).length === 0) return;
    await purgeWorkspace(deps, body.team_id, 'tokens_revoked');
  });
}

async function purgeWorkspace(deps: ListenerDeps, teamId: string, reason: string): Promise<void> {
  const deleted = await deleteWorkspace(deps.db, teamId);
  deps.logger.info({ teamId, reason, deleted }, 'workspace data deleted');
}
