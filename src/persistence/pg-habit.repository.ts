import type { HabitRepository } from '../domain/habits/ports.ts';
import { FOCUS_HISTORY_ROUNDS } from '../domain/habits/team-focus.ts';
import { type ClosedRound, roundResults } from '../domain/pulse/pulse.ts';
import type { Db } from './database.ts';
import { unlessPersonGone } from './pg-user.repository.ts';

export function createPgHabitRepository(db: Db): HabitRepository {
  return {
    async focusTeamOf(workspaceId, userId) {
      const row = await db
        .selectFrom('teams')
        .innerJoin('team_members', 'team_members.team_id', 'teams.id')
        .select(['teams.id', 'teams.created_at', 'teams.time_zone'])
        .where('teams.workspace_id', '=', workspaceId)
        .where('team_members.user_id', '=', userId)
        .orderBy('teams.created_at')
        .orderBy('teams.id')
        .limit(1)
        .executeTakeFirst();
      return row
        ? { teamId: row.id, createdAt: new Date(row.created_at), timeZone: row.time_zone }
        : undefined;
    },

    async focusRounds(teamId) {
      const rounds = await db
        .selectFrom('pulse_rounds')
        .select(['week_year', 'week_number', 'respondents', 'members'])
        .where('team_id', '=', teamId)
        .where('closed', '=', true)
        .orderBy('week_year', 'desc')
        .orderBy('week_number', 'desc')
        .limit(FOCUS_HISTORY_ROUNDS)
        .execute();
      const oldest = rounds.at(-1);
      if (!oldest) return [];
      const tallies = await db
        .selectFrom('pulse_tallies')
        .select(['week_year', 'week_number', 'item', 'score', 'count'])
        .where('team_id', '=', teamId)
        .where('week_year', '>=', oldest.week_year)
        .execute();
      const byRound = new Map<string, ClosedRound>(
        rounds.map((r) => [
          `${r.week_year}:${r.week_number}`,
          {
            round: { teamId, week: { weekYear: r.week_year, weekNumber: r.week_number } },
            respondents: r.respondents ?? 0,
            members: r.members ?? 0,
            tallies: [],
          },
        ]),
      );
      for (const t of tallies) {
        byRound
          .get(`${t.week_year}:${t.week_number}`)
          ?.tallies.push({ item: t.item, score: t.score, count: t.count });
      }
      return roundResults([...byRound.values()]);
    },

    async findReflection(workspaceId, userId, week) {
      const row = await db
        .selectFrom('habit_reflections')
        .select(['week', 'habit_id', 'answer'])
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .where('week', '=', week)
        .executeTakeFirst();
      return row ? { week: row.week, habit: row.habit_id, answer: row.answer } : undefined;
    },

    async saveReflection({ workspaceId, userId, week, habit, answer, at }) {
      await unlessPersonGone(() =>
        db
          .insertInto('habit_reflections')
          .values({
            workspace_id: workspaceId,
            user_id: userId,
            week,
            habit_id: habit,
            answer,
            answered_at: at,
          })
          .onConflict((oc) =>
            oc
              .columns(['workspace_id', 'user_id', 'week'])
              .doUpdateSet({ answer, habit_id: habit, answered_at: at }),
          )
          .execute(),
      );
    },

    async reflectionsSince(workspaceId, userId, fromWeek) {
      const rows = await db
        .selectFrom('habit_reflections')
        .select(['week', 'habit_id', 'answer'])
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .where('week', '>=', fromWeek)
        .orderBy('week')
        .execute();
      return rows.map((row) => ({ week: row.week, habit: row.habit_id, answer: row.answer }));
    },

    async teamReflectionCounts(teamId, week) {
      const rows = await db
        .selectFrom('habit_reflections as r')
        .innerJoin('teams as t', 't.workspace_id', 'r.workspace_id')
        .innerJoin('team_members as m', (join) =>
          join.onRef('m.team_id', '=', 't.id').onRef('m.user_id', '=', 'r.user_id'),
        )
        .select(['r.answer', (eb) => eb.fn.countAll<string>().as('n')])
        .where('t.id', '=', teamId)
        .where('r.week', '=', week)
        .groupBy('r.answer')
        .execute();
      const count = (answer: string) => Number(rows.find((row) => row.answer === answer)?.n ?? 0);
      return { often: count('often'), sometimes: count('sometimes'), notYet: count('not_yet') };
    },
  };
}
