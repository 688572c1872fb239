import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface WorkspacesTable {
  id: string;
  enterprise_id: string | null;
  name: string | null;
  app_id: string | null;
  bot_id: string | null;
  bot_user_id: string | null;
  sending_stopped_at: Date | null;
  sending_stopped_reason: string | null;
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

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'unknown' | 'skipped';

export interface OutboxTable {
  id: GeneratedAlways<number>;
  workspace_id: string;
  idempotency_key: string;
  kind: string;
  channel: string;
  message: ColumnType<OutboxMessageJson, string, string>;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  on_ambiguous: ColumnType<'give_up' | 'retry', 'give_up' | 'retry' | undefined, never>;
  attempts: ColumnType<number, number | undefined, number>;
  available_at: ColumnType<Date, Date | undefined, Date>;
  lease_until: Date | null;
  leased_by: string | null;
  last_error: string | null;
  slack_channel: string | null;
  slack_ts: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

/** What the outbox stores for a message: Block Kit plus the notification text. */
export interface OutboxMessageJson {
  text: string;
  blocks?: unknown[];
}

export interface TickClaimsTable {
  slot: Date;
  instance: string;
  claimed_at: CreatedAt;
}

export interface CheckinSchedulesTable {
  workspace_id: string;
  user_id: string;
  weekday: ColumnType<number, number | undefined, number>;
  local_time: ColumnType<string, string | undefined, string>;
  paused_until: ColumnType<string | null, string | null | undefined, string | null>;
  opted_out: ColumnType<boolean, boolean | undefined, boolean>;
  next_due_at: Date | null;
  updated_at: UpdatedAt;
}

export type CheckinOutcome = 'queued' | 'sent_now' | 'skipped_late' | 'skipped_by_user';

export interface CheckinsTable {
  workspace_id: string;
  user_id: string;
  week: string;
  outcome: CheckinOutcome;
  due_at: Date | null;
  created_at: CreatedAt;
}

export interface Database {
  workspaces: WorkspacesTable;
  users: UsersTable;
  processed_events: ProcessedEventsTable;
  outbox: OutboxTable;
  tick_claims: TickClaimsTable;
  checkin_schedules: CheckinSchedulesTable;
  checkins: CheckinsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type WorkspaceRow = Selectable<WorkspacesTable>;
