import type { Transaction } from 'kysely';
import type { PulseRepository } from '../domain/pulse/ports.ts';
import { type RoundKey, tallyOf, type PulseScores } from '../domain/pulse/pulse.ts';
import { teamMessageLanguage } from '../domain/users/language.ts';
import type { Db } from './database.ts';
import type { Database } from './tables.ts';

// Every query here is on counts and keyed hashes only. A transaction that writes tallies never
// touches pulse_participation (except the close, which deletes all of it), so system columns such
// as xmin cannot tie a participation mark to a batch of fewer than k ratings.

/** A round's key columns; `where((eb) => eb.and(c))` selects that round's rows in any pulse table. */
const roundColumns = (round: RoundKey) => ({
  team_id: round.teamId,
  week_year: round.week.weekYear,
  week_number: round.week.weekNumber,
});

type Executor = Db | Transaction<Database>;

async function lockRound(trx: Transaction<Database>, round: RoundKey) {
  const c = roundColumns(round);
  return trx
    .selectFrom('pulse_rounds')
    .select('closed')
    .where((eb) => eb.and(c))
    .forUpdate()
    .executeTakeFirst();
}

async function addCounts(trx: Executor, round: RoundKey, batch: PulseScores[]): Promise<void> {
  const counts = tallyOf(batch);
  if (counts.length === 0) return;
  await trx
    .insertInto('pulse_tallies')
    .values(counts.map((t) => ({ ...roundColumns(round), item: t.item, score: t.score, count: t.count })))
    .onConflict((oc) =>
      oc
        .columns(['team_id', 'week_year', 'week_number', 'item', 'score'])
        .doUpdateSet((eb) => ({ count: eb('pulse_tallies.count', '+', eb.ref('excluded.count')) })),
    )
    .execute();
}

export function createPgPulseRepository(db: Db): PulseRepository {
  return {
    async markParticipation(round, mark) {
      return db.transaction().execute(async (trx) => {
        await trx
          .insertInto('pulse_rounds')
          .values({ ...roundColumns(round), closed: false })
          .onConflict((oc) => oc.columns(['team_id', 'week_year', 'week_number']).doNothing())
          .execute();
        const c = roundColumns(round);
        const state = await trx
          .selectFrom('pulse_rounds')
          .select('closed')
          .where((eb) => eb.and(c))
          .forShare()
          .executeTakeFirst();
        if (!state || state.closed) return 'closed';
        const inserted = await trx
          .insertInto('pulse_participation')
          .values({ ...c, mark })
          .onConflict((oc) => oc.doNothing())
          .returning('team_id')
          .executeTakeFirst();
        return inserted ? 'recorded' : 'duplicate';
      });
    },

    async hasParticipated(round, mark) {
      const c = roundColumns(round);
      const row = await db
        .selectFrom('pulse_participation')
        .select('team_id')
        .where((eb) => eb.and(c))
        .where('mark', '=', mark)
        .executeTakeFirst();
      return row !== undefined;
    },

    async isClosed(round) {
      const c = roundColumns(round);
      const row = await db
        .selectFrom('pulse_rounds')
        .select('closed')
        .where((eb) => eb.and(c))
        .executeTakeFirst();
      return row?.closed ?? false;
    },

    async addTallies(round, batch) {
      return db.transaction().execute(async (trx) => {
        const state = await lockRound(trx, round);
        if (!state || state.closed) return false;
        await addCounts(trx, round, batch);
        return true;
      });
    },

    async deleteMarks(round, marks) {
      if (marks.length === 0) return;
      const c = roundColumns(round);
      await db
        .deleteFrom('pulse_participation')
        .where((eb) => eb.and(c))
        .where('mark', 'in', marks)
        .execute();
    },

    async closeRound({ round, pending, minGroupSize, members }) {
      const c = roundColumns(round);
      return db.transaction().execute(async (trx) => {
        const state = await lockRound(trx, round);
        if (!state || state.closed) return undefined;
        await addCounts(trx, round, pending);
        const counted = await trx
          .selectFrom('pulse_tallies')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('count'), eb.lit(0)).as('n'))
          .where((eb) => eb.and(c))
          .where('item', '=', 1)
          .executeTakeFirstOrThrow();
        const respondents = Number(counted.n);
        if (respondents < minGroupSize) {
          await trx
            .deleteFrom('pulse_tallies')
            .where((eb) => eb.and(c))
            .execute();
        }
        await trx
          .updateTable('pulse_rounds')
          .set({ closed: true, respondents, members })
          .where((eb) => eb.and(c))
          .execute();
        await trx
          .deleteFrom('pulse_participation')
          .where((eb) => eb.and(c))
          .execute();
        return { respondents };
      });
    },

    async openRounds() {
      const rows = await db
        .selectFrom('pulse_rounds as r')
        .innerJoin('teams as t', 't.id', 'r.team_id')
        .select([
          'r.team_id',
          'r.week_year',
          'r.week_number',
          't.workspace_id',
          't.channel_id',
          't.time_zone',
          't.language',
          't.min_group_size',
        ])
        .where('r.closed', '=', false)
        .execute();
      return rows.map((r) => ({
        teamId: r.team_id,
        week: { weekYear: r.week_year, weekNumber: r.week_number },
        workspaceId: r.workspace_id,
        channelId: r.channel_id,
        zone: r.time_zone,
        language: teamMessageLanguage(r.language),
        minGroupSize: r.min_group_size,
      }));
    },

    async closedRounds(teamId, limit) {
      const rounds = await db
        .selectFrom('pulse_rounds')
        .select(['week_year', 'week_number', 'respondents', 'members'])
        .where('team_id', '=', teamId)
        .where('closed', '=', true)
        .orderBy('week_year', 'desc')
        .orderBy('week_number', 'desc')
        .limit(limit)
        .execute();
      if (rounds.length === 0) return [];
      const tallies = await db
        .selectFrom('pulse_tallies')
        .select(['week_year', 'week_number', 'item', 'score', 'count'])
        .where('team_id', '=', teamId)
        .where('week_year', '>=', Math.min(...rounds.map((r) => r.week_year)))
        .execute();
      return rounds.map((r) => ({
        round: { teamId, week: { weekYear: r.week_year, weekNumber: r.week_number } },
        respondents: r.respondents ?? 0,
        members: r.members ?? 0,
        tallies: tallies
          .filter((t) => t.week_year === r.week_year && t.week_number === r.week_number)
          .map((t) => ({ item: t.item, score: t.score, count: t.count })),
      }));
    },
  };
}
