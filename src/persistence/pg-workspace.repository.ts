import { createHash } from 'node:crypto';
import type { Db } from './database.ts';

export interface WorkspaceIdentity {
  teamId: string;
  enterpriseId: string | undefined;
  teamName: string | undefined;
  botId: string | undefined;
  botUserId: string;
  appId?: string | undefined;
}

export async function saveWorkspaceIdentity(db: Db, identity: WorkspaceIdentity): Promise<void> {
  const values = {
    enterprise_id: identity.enterpriseId ?? null,
    name: identity.teamName ?? null,
    bot_id: identity.botId ?? null,
    bot_user_id: identity.botUserId,
    ...(identity.appId ? { app_id: identity.appId } : {}),
  };
  await db
    .insertInto('workspaces')
    .values({ id: identity.teamId, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}

/** Removes a workspace and, through foreign keys, everything the app holds about it. */
export async function deleteWorkspace(db: Db, teamId: string): Promise<boolean> {
  const result = await db.deleteFrom('workspaces').where('id', '=', teamId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** True the first time an event id is seen; Slack retries carry the same id. */
export async function claimEvent(db: Db, eventId: string, workspaceId: string | undefined): Promise<boolean> {
  const inserted = await db
    .insertInto('processed_events')
    .values({ event_id: eventId, workspace_id: workspaceId ?? null })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function pruneProcessedEvents(db: Db, olderThan: Date): Promise<number> {
  const result = await db
    .deleteFrom('processed_events')
    .where('received_at', '<', olderThan)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** True the first time a command's trigger_id is seen; a replayed signed request carries the same. */
export async function claimCommand(db: Db, triggerId: string): Promise<boolean> {
  const inserted = await db
    .insertInto('processed_commands')
    .values({ trigger_hash: createHash('sha256').update(triggerId).digest('hex') })
    .onConflict((oc) => oc.column('trigger_hash').doNothing())
    .returning('trigger_hash')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function pruneProcessedCommands(db: Db, olderThan: Date): Promise<number> {
  const result = await db
    .deleteFrom('processed_commands')
    .where('received_at', '<', olderThan)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
