import type { Transaction } from 'kysely';
import type { PulseRepository } from '../domain/pulse/ports.ts';
import { type RoundKey, type TallyCount, tallyOf } from '../domain/pulse/pulse.ts';
import { teamMessageLanguage } from '../domain/users/language.ts';
import type { Db } from './database.ts';
import type { Database } from './tables.ts';

// Every query here is on keyed hashes, sealed ballots and counts. A rating writes its mark and its
// ballot in one transaction and nothing else; no count exists while a round is open. The close
// writes every tally row of a round in one statement of one transaction, so they share one xmin.

/** A round's key columns; `where((eb) => eb.and(c))` selects that round's rows in any pulse table. */
const roundColumns = (round: RoundKey) => ({
  team_id: round.teamId,
  week_year: round.week.weekYear,
  week_number: round.week.weekNumber,
});

export function createPgPulseRepository(db: Db): PulseRepository {
  return {
    async castBallot(round, marks, sealed) {
      const [mark] = marks;
      if (!mark) throw new Error('a ballot needs a participation mark');
      return db.transaction().execute(async (trx) => {
        await trx
          .insertInto('pulse_rounds')
          .values({ ...roundColumns(round), closed: false })
          .onConflict((oc) => oc.columns(['team_id', 'week_year', 'week_number']).doNothing())
          .execute();
        const c = roundColumns(round);
        // Shared: ratings go on together; the close (FOR UPDATE) waits for them, and they for it.
        const state = await trx
          .selectFrom('pulse_rounds')
          .select('closed')
          .where((eb) => eb.and(c))
          .forShare()
          .executeTakeFirst();
        if (!state || state.closed) return 'closed';
        // The same person under the previous secret (a rotation mid-round) has rated already.
        if (marks.length > 1 && (await hasAnyMark(trx, round, marks.slice(1)))) return 'duplicate';
        const inserted = await trx
          .insertInto('pulse_participation')
          .values({ ...c, mark })
          .onConflict((oc) => oc.doNothing())
          .returning('team_id')
          .executeTakeFirst();
        if (!inserted) return 'duplicate';
        await trx
          .insertInto('pulse_ballots')
          .values({ ...c, sealed })
          .execute();
        return 'recorded';
      });
    },

    async hasParticipated(round, marks) {
      return hasAnyMark(db, round, marks);
    },

    async recordedMarks(round, marks) {
      if (marks.length === 0) return [];
      const rows = await db
        .selectFrom('pulse_participation')
        .select('mark')
        .where((eb) => eb.and(roundColumns(round)))
        .where('mark', 'in', marks)
        .execute();
      return rows.map((r) => r.mark);
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

    async closeRound({ round, minGroupSize, members, open }) {
      const c = roundColumns(round);
      return db.transaction().execute(async (trx) => {
        // The round's row, held until commit: a second closer (another instance, `npm run tick`)
        // waits here and then finds the round closed; ratings still in flight finish first.
        const state = await trx
          .selectFrom('pulse_rounds')
          .select('closed')
          .where((eb) => eb.and(c))
          .forUpdate()
          .executeTakeFirst();
        if (!state || state.closed) return undefined;
        const ballots = await trx
          .selectFrom('pulse_ballots')
          .select('sealed')
          .where((eb) => eb.and(c))
          .execute();
        const { opened, unreadable } = open(ballots.map((b) => b.sealed));
        // Counts written before sealed ballots existed (a round open across the upgrade) join in.
        const earlier = await trx
          .selectFrom('pulse_tallies')
          .select(['item', 'score', 'count'])
          .where((eb) => eb.and(c))
          .execute();
        const respondents =
          opened.length + earlier.filter((t) => t.item === 1).reduce((n, t) => n + t.count, 0);
        if (earlier.length > 0) {
          await trx
            .deleteFrom('pulse_tallies')
            .where((eb) => eb.and(c))
            .execute();
        }
        if (respondents >= minGroupSize) {
          const counts = mergeCounts(tallyOf(opened), earlier);
          if (counts.length > 0) {
            await trx
              .insertInto('pulse_tallies')
              .values(counts.map((t) => ({ ...c, item: t.item, score: t.score, count: t.count })))
              .execute();
          }
        }
        await trx
          .updateTable('pulse_rounds')
          .set({ closed: true, respondents, members, unreadable })
          .where((eb) => eb.and(c))
          .execute();
        await trx
          .deleteFrom('pulse_ballots')
          .where((eb) => eb.and(c))
          .execute();
        await trx
          .deleteFrom('pulse_participation')
          .where((eb) => eb.and(c))
          .execute();
        return { respondents, unreadable };
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

type Executor = Db | Transaction<Database>;

async function hasAnyMark(executor: Executor, round: RoundKey, marks: Uint8Array[]): Promise<boolean> {
  if (marks.length === 0) return false;
  const c = roundColumns(round);
  const row = await executor
    .selectFrom('pulse_participation')
    .select('team_id')
    .where((eb) => eb.and(c))
    .where('mark', 'in', marks)
    .executeTakeFirst();
  return row !== undefined;
}

function mergeCounts(a: TallyCount[], b: TallyCount[]): TallyCount[] {
  const merged = new Map<string, TallyCount>();
  for (const t of [...a, ...b]) {
    const key = `${t.item}:${t.score}`;
    const existing = merged.get(key);
    if (existing) existing.count += t.count;
    else merged.set(key, { item: t.item, score: t.score, count: t.count });
  }
  return [...merged.values()].sort((x, y) => x.item - y.item || x.score - y.score);
}
