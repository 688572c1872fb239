import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One OAuth installation per workspace; tokens are AES-256-GCM ciphertext, never plain text.
  // Deleting the workspace (uninstall) deletes its installation.
  await db.schema
    .createTable('installations')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('enterprise_id', 'text')
    .addColumn('is_enterprise_install', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('app_id', 'text')
    .addColumn('bot_token', 'text', (c) => c.notNull())
    .addColumn('bot_id', 'text')
    .addColumn('bot_user_id', 'text', (c) => c.notNull())
    .addColumn('bot_scopes', 'text', (c) => c.notNull())
    .addColumn('bot_refresh_token', 'text')
    .addColumn('bot_token_expires_at', 'timestamptz')
    // Token rotation: the instance that set this (until the time given) is the one refreshing.
    .addColumn('refresh_claimed_until', 'timestamptz')
    .addColumn('installer_user_id', 'text')
    .addColumn('installed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('installations').execute();
}
