import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface WorkspacesTable {
  id: string;
  enterprise_id: string | null;
  name: string | null;
  app_id: string | null;
  bot_id: string | null;
  bot_user_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UsersTable {
  workspace_id: string;
  slack_user_id: string;
  tz: string | null;
  slack_locale: string | null;
  language: 'en' | 'nb' | null;
  is_admin: Generated<boolean>;
  is_owner: Generated<boolean>;
  is_bot: Generated<boolean>;
  is_deleted: Generated<boolean>;
  profile_fetched_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ProcessedEventsTable {
  event_id: string;
  workspace_id: string | null;
  received_at: CreatedAt;
}

export interface Database {
  workspaces: WorkspacesTable;
  users: UsersTable;
  processed_events: ProcessedEventsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type WorkspaceRow = Selectable<WorkspacesTable>;
