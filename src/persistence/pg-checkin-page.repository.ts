import { sql } from 'kysely';
import type { CheckinPageReads } from '../domain/checkins/ports.ts';
import type { FocusTeam } from '../domain/habits/ports.ts';
import type { Reflection } from '../domain/habits/reflection.ts';
import type { TrustPromise } from '../domain/promises/promise.ts';
import { type Person, personKey } from '../domain/schedule/weekly-send.ts';
import type { Team } from '../domain/teams/team.ts';
import type { Db } from './database.ts';
import { toTrustPromise } from './pg-promise.repository.ts';
import { toTeam } from './pg-team.repository.ts';

/** `(workspace, person) in (…)` over two columns of the query's tables. */
function amongPeople(workspace: string, user: string, people: ReadonlyArray<Person>) {
  const pairs = people.map((p) => sql`(${p.workspaceId}, ${p.userId})`);
  return sql<boolean>`(${sql.ref(workspace)}, ${sql.ref(user)}) in (${sql.join(pairs)})`;
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The check-in sections' reads for a page of people: one query per section. */
export function createPgCheckinPageReads(db: Db): CheckinPageReads {
  return {
    async activePromisesOf(people) {
      const result = new Map<string, TrustPromise[]>();
      if (people.length === 0) return result;
      const rows = await db
        .selectFrom('promises')
        .selectAll()
        .where('state', 'in', ['open', 'renegotiated'])
        .where((eb) =>
          eb.or([
            amongPeople('workspace_id', 'owner_id', people),
            amongPeople('workspace_id', 'recipient_id', people),
          ]),
        )
        .orderBy('due_at')
        .execute();
      const wanted = new Set(people.map(personKey));
      for (const row of rows) {
        const promise = toTrustPromise(row);
        const owner = personKey({ workspaceId: row.workspace_id, userId: row.owner_id });
        if (wanted.has(owner)) push(result, owner, promise);
        if (!row.recipient_id) continue;
        const recipient = personKey({ workspaceId: row.workspace_id, userId: row.recipient_id });
        if (recipient !== owner && wanted.has(recipient)) push(result, recipient, promise);
      }
      return result;
    },

    async focusTeamsOf(people) {
      const result = new Map<string, FocusTeam>();
      if (people.length === 0) return result;
      const rows = await db
        .selectFrom('teams')
        .innerJoin('team_members', 'team_members.team_id', 'teams.id')
        .distinctOn(['teams.workspace_id', 'team_members.user_id'])
        .select([
          'teams.workspace_id',
          'team_members.user_id',
          'teams.id',
          'teams.created_at',
          'teams.time_zone',
        ])
        .where(amongPeople('teams.workspace_id', 'team_members.user_id', people))
        .orderBy('teams.workspace_id')
        .orderBy('team_members.user_id')
        .orderBy('teams.created_at')
        .orderBy('teams.id')
        .execute();
      for (const row of rows) {
        result.set(personKey({ workspaceId: row.workspace_id, userId: row.user_id }), {
          teamId: row.id,
          createdAt: new Date(row.created_at),
          timeZone: row.time_zone,
        });
      }
      return result;
    },

    async reflectionsSinceOf(people, fromWeek) {
      const result = new Map<string, Reflection[]>();
      if (people.length === 0) return result;
      const rows = await db
        .selectFrom('habit_reflections')
        .select(['workspace_id', 'user_id', 'week', 'habit_id', 'answer'])
        .where(amongPeople('workspace_id', 'user_id', people))
        .where('week', '>=', fromWeek)
        .orderBy('week')
        .execute();
      for (const row of rows) {
        push(result, personKey({ workspaceId: row.workspace_id, userId: row.user_id }), {
          week: row.week,
          habit: row.habit_id,
          answer: row.answer,
        });
      }
      return result;
    },

    async teamsOf(people) {
      const result = new Map<string, Array<{ team: Team; memberCount: number }>>();
      if (people.length === 0) return result;
      const rows = await db
        .selectFrom('teams as t')
        .innerJoin('team_members as me', 'me.team_id', 't.id')
        .selectAll('t')
        .select('me.user_id as member_id')
        .select((eb) =>
          eb
            .selectFrom('team_members as all')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('all.team_id', '=', 't.id')
            .as('member_count'),
        )
        .where(amongPeople('t.workspace_id', 'me.user_id', people))
        .orderBy('t.channel_id')
        .execute();
      for (const { member_id, member_count, ...row } of rows) {
        push(result, personKey({ workspaceId: row.workspace_id, userId: member_id }), {
          team: toTeam(row),
          memberCount: Number(member_count ?? 0),
        });
      }
      return result;
    },
  };
}
