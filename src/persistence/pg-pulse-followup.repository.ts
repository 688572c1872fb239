import { sql } from 'kysely';
import type { FollowupCandidate, PulseFollowupRepository } from '../domain/pulse/pulse-followup.service.ts';
import { resolveLanguage } from '../domain/users/language.ts';
import type { Db } from './database.ts';
import { afterKeyset, createPgWeeklyLedger, pulseFollowupLedger } from './pg-weekly-ledger.repository.ts';

export function createPgPulseFollowupRepository(db: Db): PulseFollowupRepository {
  return {
    ...createPgWeeklyLedger(db, pulseFollowupLedger),

    async findDue(sentBefore, limit, after) {
      // Spelled like checkins_followup_idx's predicate, so an idle tick is one index range probe.
      const rows = await db
        .selectFrom('checkins as c')
        .innerJoin('users as u', (j) =>
          j.onRef('u.workspace_id', '=', 'c.workspace_id').onRef('u.slack_user_id', '=', 'c.user_id'),
        )
        .leftJoin('checkin_schedules as s', (j) =>
          j.onRef('s.workspace_id', '=', 'c.workspace_id').onRef('s.user_id', '=', 'c.user_id'),
        )
        .select([
          'c.workspace_id',
          'c.user_id',
          'c.week',
          'c.due_at',
          'u.tz',
          'u.language',
          'u.slack_locale',
          'u.is_bot',
          'u.is_deleted',
          's.opted_out',
          's.paused_until',
        ])
        .where(sql<boolean>`c.followup_pending and c.outcome in ('queued', 'sent_now')`)
        .where('c.due_at', '<=', sentBefore)
        .where(
          afterKeyset(
            ['c.due_at', 'c.workspace_id', 'c.user_id', 'c.week'],
            after && [after.sentAt, after.workspaceId, after.userId, after.week],
          ),
        )
        .orderBy('c.due_at')
        .orderBy('c.workspace_id')
        .orderBy('c.user_id')
        .orderBy('c.week')
        .limit(limit)
        .execute();
      return rows.flatMap((r): FollowupCandidate[] =>
        r.due_at
          ? [
              {
                workspaceId: r.workspace_id,
                userId: r.user_id,
                week: r.week,
                sentAt: r.due_at,
                zone: r.tz,
                language: resolveLanguage(r.language, r.slack_locale),
                optedOut: r.opted_out ?? false,
                pausedUntil: r.paused_until,
                reachable: !r.is_bot && !r.is_deleted,
              },
            ]
          : [],
      );
    },
  };
}

/**
 * When a team's round closes, its members' pulse follow-ups leave the outbox: a sent one would
 * otherwise show, for the outbox's whole retention, who had not rated two days into the round, and
 * an unsent one would offer a closed round. (Resends cannot follow: `checkins.followup_pending`
 * records that each check-in's follow-up was decided.) Messages being sent right now stay.
 */
export async function forgetFollowupsOfTeam(db: Db, workspaceId: string, teamId: string): Promise<number> {
  const result = await db
    .deleteFrom('outbox')
    // The workflow step's asks ("Send the trust pulse to a team") say the same, so they go too.
    .where('kind', 'in', ['pulse_followup', 'pulse_step'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '!=', 'sending')
    .where('channel', 'in', db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
