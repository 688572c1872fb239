import type { Db } from './database.ts';
import type { TokenCipher } from './token-cipher.ts';

/** A workspace's OAuth installation with its tokens in plain text (they are only encrypted at rest). */
export interface StoredInstallation {
  workspaceId: string;
  teamName: string | undefined;
  enterpriseId: string | undefined;
  appId: string | undefined;
  botToken: string;
  botId: string | undefined;
  botUserId: string;
  scopes: string[];
  /** Token rotation only. */
  refreshToken: string | undefined;
  expiresAt: Date | undefined;
  installerUserId: string | undefined;
}

export interface RefreshedToken {
  botToken: string;
  refreshToken: string;
  expiresAt: Date;
}

export interface InstallationRepository {
  /** Saves (or replaces, on reinstall) the installation and the workspace it belongs to, together. */
  save(installation: StoredInstallation, now: Date): Promise<void>;
  find(workspaceId: string): Promise<StoredInstallation | undefined>;
  delete(workspaceId: string): Promise<boolean>;
  /**
   * Claims the right to refresh a token expiring before `expiringBefore`, for this instance until
   * `leaseUntil`; the refresh token when claimed, undefined when another instance holds the claim
   * or the token was refreshed meanwhile.
   */
  claimRefresh(
    workspaceId: string,
    opts: { now: Date; expiringBefore: Date; leaseUntil: Date },
  ): Promise<string | undefined>;
  /**
   * Saves a refreshed token only while the claim `lease` (the leaseUntil given to claimRefresh) is
   * still this caller's and unexpired at `now`; false when it was lost (nothing is written).
   */
  saveRefreshed(workspaceId: string, token: RefreshedToken, now: Date, lease: Date): Promise<boolean>;
  releaseRefresh(workspaceId: string): Promise<void>;
}

export function createPgInstallationRepository(db: Db, cipher: TokenCipher): InstallationRepository {
  return {
    async save(i, now) {
      const seal = (token: string) => cipher.encrypt(token, i.workspaceId);
      await db.transaction().execute(async (tx) => {
        const workspace = {
          enterprise_id: i.enterpriseId ?? null,
          name: i.teamName ?? null,
          app_id: i.appId ?? null,
          bot_id: i.botId ?? null,
          bot_user_id: i.botUserId,
          // A reinstall brings a working token: sends stopped by the old one's revocation resume.
          sending_stopped_at: null,
          sending_stopped_reason: null,
        };
        await tx
          .insertInto('workspaces')
          .values({ id: i.workspaceId, ...workspace })
          .onConflict((oc) => oc.column('id').doUpdateSet({ ...workspace, updated_at: now }))
          .execute();
        const installation = {
          enterprise_id: i.enterpriseId ?? null,
          is_enterprise_install: false,
          app_id: i.appId ?? null,
          bot_token: seal(i.botToken),
          bot_id: i.botId ?? null,
          bot_user_id: i.botUserId,
          bot_scopes: i.scopes.join(','),
          bot_refresh_token: i.refreshToken === undefined ? null : seal(i.refreshToken),
          bot_token_expires_at: i.expiresAt ?? null,
          refresh_claimed_until: null,
          installer_user_id: i.installerUserId ?? null,
        };
        await tx
          .insertInto('installations')
          .values({ workspace_id: i.workspaceId, ...installation, installed_at: now, updated_at: now })
          .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ ...installation, updated_at: now }))
          .execute();
      });
    },

    async find(workspaceId) {
      const row = await db
        .selectFrom('installations')
        .innerJoin('workspaces', 'workspaces.id', 'installations.workspace_id')
        .selectAll('installations')
        .select('workspaces.name as team_name')
        .where('installations.workspace_id', '=', workspaceId)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const open = (sealed: string) => cipher.decrypt(sealed, workspaceId);
      await resealIfStale(db, cipher, row);
      return {
        workspaceId,
        teamName: row.team_name ?? undefined,
        enterpriseId: row.enterprise_id ?? undefined,
        appId: row.app_id ?? undefined,
        botToken: open(row.bot_token),
        botId: row.bot_id ?? undefined,
        botUserId: row.bot_user_id,
        scopes: row.bot_scopes === '' ? [] : row.bot_scopes.split(','),
        refreshToken: row.bot_refresh_token === null ? undefined : open(row.bot_refresh_token),
        expiresAt: row.bot_token_expires_at === null ? undefined : new Date(row.bot_token_expires_at),
        installerUserId: row.installer_user_id ?? undefined,
      };
    },

    delete: (workspaceId) => deleteInstallation(db, workspaceId),

    async claimRefresh(workspaceId, { now, expiringBefore, leaseUntil }) {
      const row = await db
        .updateTable('installations')
        .set({ refresh_claimed_until: leaseUntil })
        .where('workspace_id', '=', workspaceId)
        .where('bot_refresh_token', 'is not', null)
        .where('bot_token_expires_at', '<', expiringBefore)
        .where((eb) =>
          eb.or([eb('refresh_claimed_until', 'is', null), eb('refresh_claimed_until', '<=', now)]),
        )
        .returning('bot_refresh_token')
        .executeTakeFirst();
      return row?.bot_refresh_token ? cipher.decrypt(row.bot_refresh_token, workspaceId) : undefined;
    },

    async saveRefreshed(workspaceId, token, now, lease) {
      const result = await db
        .updateTable('installations')
        .set({
          bot_token: cipher.encrypt(token.botToken, workspaceId),
          bot_refresh_token: cipher.encrypt(token.refreshToken, workspaceId),
          bot_token_expires_at: token.expiresAt,
          refresh_claimed_until: null,
          updated_at: now,
        })
        .where('workspace_id', '=', workspaceId)
        .where('refresh_claimed_until', '=', lease)
        .where('refresh_claimed_until', '>', now)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async releaseRefresh(workspaceId) {
      await db
        .updateTable('installations')
        .set({ refresh_claimed_until: null })
        .where('workspace_id', '=', workspaceId)
        .execute();
    },
  };
}

/**
 * After a key rotation (TOKEN_ENCRYPTION_KEY_PREVIOUS set) or from the older format, a row read is
 * sealed again with the current key. Conditional on the row being unchanged, so a token refreshed
 * meanwhile is never overwritten with the older one; true when the row was rewritten.
 */
async function resealIfStale(
  db: Db,
  cipher: TokenCipher,
  row: { workspace_id: string; bot_token: string; bot_refresh_token: string | null },
): Promise<boolean> {
  const refresh = row.bot_refresh_token;
  if (!cipher.isStale(row.bot_token) && (refresh === null || !cipher.isStale(refresh))) return false;
  const reseal = (sealed: string) =>
    cipher.encrypt(cipher.decrypt(sealed, row.workspace_id), row.workspace_id);
  const result = await db
    .updateTable('installations')
    .set({
      bot_token: reseal(row.bot_token),
      bot_refresh_token: refresh === null ? null : reseal(refresh),
    })
    .where('workspace_id', '=', row.workspace_id)
    .where('bot_token', '=', row.bot_token)
    .where((eb) =>
      refresh === null ? eb('bot_refresh_token', 'is', null) : eb('bot_refresh_token', '=', refresh),
    )
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Seals every stored token again with the current key (the one-off `npm run rotate-tokens`). */
export async function resealAllInstallations(
  db: Db,
  cipher: TokenCipher,
): Promise<{ checked: number; resealed: number }> {
  const rows = await db
    .selectFrom('installations')
    .select(['workspace_id', 'bot_token', 'bot_refresh_token'])
    .orderBy('workspace_id')
    .execute();
  let resealed = 0;
  for (const row of rows) if (await resealIfStale(db, cipher, row)) resealed += 1;
  return { checked: rows.length, resealed };
}

/** Uninstall: the installation goes with the workspace (also by foreign key); true when one was held. */
export async function deleteInstallation(db: Db, workspaceId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('installations')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
