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
  /** Slack's zone; `tz` is the effective one (`tz_override`, else this). */
  slack_tz: string | null;
  tz_override: string | null;
  /** The person's own language; `language` is the effective one (this, else `team_language`). */
  language_choice: 'en' | 'nb' | null;
  team_language: 'en' | 'nb' | null;
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

export interface ProcessedCommandsTable {
  trigger_hash: string;
  received_at: CreatedAt;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'unknown' | 'skipped';

export interface OutboxTable {
  id: GeneratedAlways<number>;
  workspace_id: string;
  idempotency_key: string;
  kind: string;
  channel: string;
  /** Whom the message concerns (`MessageSubject`): forget-me and uninstall find rows by these. */
  person_id: ColumnType<string | null, string | null, never>;
  promise_id: ColumnType<string | null, string | null, never>;
  team_id: ColumnType<string | null, string | null, never>;
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
  /** The person chose the day and time: team defaults leave it alone. */
  custom: ColumnType<boolean, boolean | undefined, boolean>;
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
  /** The pulse follow-up job has not looked at this check-in yet. */
  followup_pending: ColumnType<boolean, boolean | undefined, boolean>;
}

export type PromiseStateColumn = 'open' | 'kept' | 'renegotiated' | 'released' | 'missed';
export type PromiseStepColumn = 'midpoint' | 'day_before' | 'due' | 'overdue' | 'missed';

export interface PromisesTable {
  id: Generated<string>;
  workspace_id: string;
  owner_id: string;
  recipient_id: string | null;
  text: string;
  due_at: Date;
  state: PromiseStateColumn;
  created_at: Date;
  kept_at: Date | null;
  kept_by: 'owner' | 'recipient' | null;
  released_at: Date | null;
  release_note: string | null;
  /** Read as parsed JSON; written as a JSON string. */
  due_changes: ColumnType<unknown, string | undefined, string>;
  next_reminder_at: Date | null;
  next_reminder_kind: PromiseStepColumn | null;
  updated_at: UpdatedAt;
  /** Permalink to the message a promise was made from (message shortcut); null otherwise. */
  source_link: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PromiseDueChoicesTable {
  id: Generated<string>;
  workspace_id: string;
  owner_id: string;
  recipient_id: string;
  text: string;
  /** Read as parsed JSON; written as a JSON string. */
  candidates: ColumnType<unknown, string, string>;
  created_at: Date;
  chosen_at: Date | null;
  promise_id: string | null;
}

export interface TeamsTable {
  id: Generated<string>;
  workspace_id: string;
  channel_id: string;
  created_by: string;
  time_zone: string;
  /** null: each member's Slack language (see `effectiveLanguage`). */
  language: 'en' | 'nb' | null;
  min_group_size: number;
  checkin_weekday: number;
  checkin_time: string;
  digest_enabled: boolean;
  digest_weekday: number;
  digest_time: string;
  habit_nudges: ColumnType<boolean, boolean | undefined, boolean>;
  members_synced_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
}

export interface TeamManagersTable {
  team_id: string;
  user_id: string;
  granted_by: string;
}

/** A pulse round: one team, one ISO week. No user id, no timestamp. */
export interface PulseRoundsTable {
  team_id: string;
  week_year: number;
  week_number: number;
  closed: boolean;
  respondents: number | null;
  members: number | null;
  /** Ballots no key opened at the close; null for rounds closed before ballots existed. */
  unreadable: ColumnType<number | null, number | null | undefined, number | null>;
}

/** Anonymous ratings as counts per (team, round, item, score); nothing else. */
export interface PulseTalliesTable {
  team_id: string;
  week_year: number;
  week_number: number;
  item: number;
  score: number;
  count: number;
}

/** Keyed hashes of who rated an open round; deleted when it closes. */
export interface PulseParticipationTable {
  team_id: string;
  week_year: number;
  week_number: number;
  mark: Uint8Array;
}

/** Sealed ratings of an open round: the round and 44 bytes of ciphertext, nothing else. */
export interface PulseBallotsTable {
  team_id: string;
  week_year: number;
  week_number: number;
  sealed: Uint8Array;
}

export type HabitIdColumn = 'assume_best' | 'stand_up' | 'no_gossip' | 'keep_promises';
export type ReflectionAnswerColumn = 'often' | 'sometimes' | 'not_yet';

/** A person's private reflection on last week's focus habit, keyed by the week they answered in. */
export interface HabitReflectionsTable {
  workspace_id: string;
  user_id: string;
  week: string;
  habit_id: HabitIdColumn;
  answer: ReflectionAnswerColumn;
  answered_at: Date;
}

export interface HabitNudgeSchedulesTable {
  workspace_id: string;
  user_id: string;
  habit_nudges: ColumnType<boolean, boolean | undefined, boolean>;
  /** False while the person's team has nudges off. */
  team_nudges: ColumnType<boolean, boolean | undefined, boolean>;
  zone: string | null;
  next_due_at: Date | null;
  updated_at: UpdatedAt;
}

export interface HabitNudgesTable {
  workspace_id: string;
  user_id: string;
  week: string;
  outcome: 'queued' | 'skipped_late';
}

/** A queued channel digest (scheduled or on demand), keyed like its outbox message. */
/** A team's trend chart for managers' App Homes, one per team, week and language. */
export interface HomeChartsTable {
  team_id: string;
  workspace_id: string;
  week: string;
  language: string;
  state: 'pending' | 'uploaded' | 'failed';
  file_id: string | null;
  updated_at: Date;
}

export interface TeamDigestsTable {
  idempotency_key: string;
  team_id: string;
  workspace_id: string;
  week: string;
  trigger: 'schedule' | 'command';
  outcome: ColumnType<'queued' | 'skipped_late', 'queued' | 'skipped_late' | undefined, never>;
  /** The trend chart's data; read as parsed JSON, written as a JSON string. */
  chart: ColumnType<unknown, string | null, string | null>;
  chart_state: ColumnType<
    'pending' | 'uploaded' | 'failed' | 'none',
    'pending' | 'none' | undefined,
    'uploaded' | 'failed'
  >;
  chart_file_id: string | null;
  created_at: CreatedAt;
}

export interface InstallationsTable {
  workspace_id: string;
  enterprise_id: string | null;
  is_enterprise_install: Generated<boolean>;
  app_id: string | null;
  /** AES-256-GCM ciphertext (see token-cipher.ts). */
  bot_token: string;
  bot_id: string | null;
  bot_user_id: string;
  /** Comma-separated, as Slack sends them. */
  bot_scopes: string;
  /** AES-256-GCM ciphertext; only with token rotation. */
  bot_refresh_token: string | null;
  bot_token_expires_at: Date | null;
  refresh_claimed_until: Date | null;
  installer_user_id: string | null;
  installed_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface Database {
  workspaces: WorkspacesTable;
  users: UsersTable;
  processed_events: ProcessedEventsTable;
  processed_commands: ProcessedCommandsTable;
  outbox: OutboxTable;
  tick_claims: TickClaimsTable;
  checkin_schedules: CheckinSchedulesTable;
  checkins: CheckinsTable;
  promises: PromisesTable;
  promise_due_choices: PromiseDueChoicesTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  team_managers: TeamManagersTable;
  pulse_rounds: PulseRoundsTable;
  pulse_tallies: PulseTalliesTable;
  pulse_participation: PulseParticipationTable;
  pulse_ballots: PulseBallotsTable;
  habit_reflections: HabitReflectionsTable;
  habit_nudge_schedules: HabitNudgeSchedulesTable;
  habit_nudges: HabitNudgesTable;
  team_digests: TeamDigestsTable;
  installations: InstallationsTable;
  home_charts: HomeChartsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type WorkspaceRow = Selectable<WorkspacesTable>;
