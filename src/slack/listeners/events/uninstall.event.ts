import { z } from 'zod';
import { events } from '../../ids.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';

const tokensRevoked = z.object({ tokens: z.object({ bot: z.array(z.string()).optional() }).optional() });
const eventEnvelope = z.object({ team_id: z.string().min(1), event_id: z.string().min(1).optional() });

/**
 * Uninstall or a revoked bot token: delete everything held for that workspace, whichever comes
 * first; the second finds nothing left, and a retry of either is dropped.
 */
export function registerUninstall(app: ListenerRegistrar, deps: ListenerDeps): void {
  app.event(events.appUninstalled, async ({ body }) => {
    await purge(deps, body, 'app_uninstalled');
  });
  app.event(events.tokensRevoked, async ({ event, body }) => {
    const parsed = tokensRevoked.safeParse(event);
    if (!parsed.success || (parsed.data.tokens?.bot ?? []).length === 0) return;
    await purge(deps, body, 'tokens_revoked');
  });
}

async function purge(deps: ListenerDeps, body: unknown, reason: string): Promise<void> {
  const envelope = eventEnvelope.safeParse(body);
  if (!envelope.success) return;
  const teamId = envelope.data.team_id;
  const deleted = await deps.stores.privacy.purgeWorkspace(teamId, envelope.data.event_id);
  // The OAuth installation (encrypted tokens) goes too; its foreign key already cascades, this makes sure.
  await deps.stores.workspaces.deleteInstallation(teamId);
  deps.logger.info({ teamId, reason, deleted }, 'workspace data deleted');
}
