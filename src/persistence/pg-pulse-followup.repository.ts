import { sql } from 'kysely';
import type { FollowupCandidate, PulseFollowupRepository } from '../domain/pulse/pulse-followup.service.ts';
import { resolveLanguage } from '../domain/users/language.ts';
import type { Db } from './database.ts';
import { enqueueMessages } from './pg-outbox.repository.ts';

export function createPgPulseFollowupRepository(db: Db): PulseFollowupRepository {
  return {
    async findDue(sentBefore, limit) {
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
        .orderBy('c.due_at')
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

    async recordFollowup({ workspaceId, userId, week, message }) {
      return db.transaction().execute(async (trx) => {
        const decided = await trx
          .updateTable('checkins')
          .set({ followup_pending: false })
          .where('workspace_id', '=', workspaceId)
          .where('user_id', '=', userId)
          .where('week', '=', week)
          .where('followup_pending', '=', true)
          .returning('week')
          .executeTakeFirst();
        if (decided && message) await enqueueMessages(trx, [message]);
        return decided !== undefined;
      });
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
