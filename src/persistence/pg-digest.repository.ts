import type { Selectable } from 'kysely';
import { teamMessageLanguage } from '../domain/users/language.ts';
import type { DigestChart, DigestRepository, DigestTeam } from '../domain/digest/ports.ts';
import type { Db } from './database.ts';
import { enqueueMessages } from './pg-outbox.repository.ts';
import type { TeamsTable } from './tables.ts';

type TeamRow = Pick<
  Selectable<TeamsTable>,
  | 'id'
  | 'workspace_id'
  | 'channel_id'
  | 'time_zone'
  | 'language'
  | 'min_group_size'
  | 'created_at'
  | 'digest_enabled'
  | 'digest_weekday'
  | 'digest_time'
>;

const teamColumns = [
  'id',
  'workspace_id',
  'channel_id',
  'time_zone',
  'language',
  'min_group_size',
  'created_at',
  'digest_enabled',
  'digest_weekday',
  'digest_time',
] as const;

function toDigestTeam(row: TeamRow): DigestTeam {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    timeZone: row.time_zone,
    language: teamMessageLanguage(row.language),
    minGroupSize: row.min_group_size,
    createdAt: new Date(row.created_at),
    digest: { enabled: row.digest_enabled, target: { weekday: row.digest_weekday, time: row.digest_time } },
  };
}

export function createPgDigestRepository(db: Db): DigestRepository {
  return {
    async enabledTeams() {
      const rows = await db
        .selectFrom('teams')
        .select(teamColumns)
        .where('digest_enabled', '=', true)
        .orderBy('id')
        .execute();
      return rows.map(toDigestTeam);
    },

    async findTeam(workspaceId, channelId) {
      const row = await db
        .selectFrom('teams')
        .select(teamColumns)
        .where('workspace_id', '=', workspaceId)
        .where('channel_id', '=', channelId)
        .executeTakeFirst();
      return row ? toDigestTeam(row) : undefined;
    },

    async memberIds(teamId) {
      const rows = await db
        .selectFrom('team_members')
        .select('user_id')
        .where('team_id', '=', teamId)
        .orderBy('user_id')
        .execute();
      return rows.map((r) => r.user_id);
    },

    async isRoundOpen(teamId, week) {
      const row = await db
        .selectFrom('pulse_rounds')
        .select('closed')
        .where('team_id', '=', teamId)
        .where('week_year', '=', week.weekYear)
        .where('week_number', '=', week.weekNumber)
        .executeTakeFirst();
      return row !== undefined && !row.closed;
    },

    async isRecorded(idempotencyKey) {
      const row = await db
        .selectFrom('team_digests')
        .select('idempotency_key')
        .where('idempotency_key', '=', idempotencyKey)
        .executeTakeFirst();
      return row !== undefined;
    },

    async record(digest, message) {
      return db.transaction().execute(async (trx) => {
        // ON CONFLICT DO NOTHING without a target covers both the key and the one-per-week index.
        const inserted = await trx
          .insertInto('team_digests')
          .values({
            idempotency_key: digest.idempotencyKey,
            team_id: digest.teamId,
            workspace_id: digest.workspaceId,
            week: digest.week,
            trigger: digest.trigger,
            chart: digest.chart ? JSON.stringify(digest.chart) : null,
            chart_state: digest.chart ? 'pending' : 'none',
          })
          .onConflict((oc) => oc.doNothing())
          .returning('idempotency_key')
          .executeTakeFirst();
        if (!inserted) return false;
        await enqueueMessages(trx, [message]);
        return true;
      });
    },

    async recordSkipped(digest) {
      const inserted = await db
        .insertInto('team_digests')
        .values({
          idempotency_key: digest.idempotencyKey,
          team_id: digest.teamId,
          workspace_id: digest.workspaceId,
          week: digest.week,
          trigger: digest.trigger,
          outcome: 'skipped_late',
          chart: null,
          chart_state: 'none',
        })
        .onConflict((oc) => oc.doNothing())
        .returning('idempotency_key')
        .executeTakeFirst();
      return inserted !== undefined;
    },
  };
}

export interface DigestChartState {
  chart: DigestChart | null;
  state: 'pending' | 'uploaded' | 'failed' | 'none';
  fileId: string | null;
}

/** The chart of a queued digest and how far its upload got. */
export async function findDigestChart(db: Db, idempotencyKey: string): Promise<DigestChartState | undefined> {
  const row = await db
    .selectFrom('team_digests')
    .select(['chart', 'chart_state', 'chart_file_id'])
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  if (!row) return undefined;
  const chart = typeof row.chart === 'string' ? JSON.parse(row.chart) : row.chart;
  return { chart: (chart ?? null) as DigestChart | null, state: row.chart_state, fileId: row.chart_file_id };
}

/** Records the upload's outcome once; a resend then reuses the file instead of uploading again. */
export async function saveDigestChartOutcome(
  db: Db,
  idempotencyKey: string,
  outcome: { state: 'uploaded'; fileId: string } | { state: 'failed' },
): Promise<void> {
  await db
    .updateTable('team_digests')
    .set({
      chart_state: outcome.state,
      chart_file_id: outcome.state === 'uploaded' ? outcome.fileId : null,
    })
    .where('idempotency_key', '=', idempotencyKey)
    .where('chart_state', '=', 'pending')
    .execute();
}
