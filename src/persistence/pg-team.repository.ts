import type { Selectable } from 'kysely';
import type { TeamRepository } from '../domain/teams/ports.ts';
import type { Team, TeamSettings } from '../domain/teams/team.ts';
import type { Db } from './database.ts';
import type { TeamsTable } from './tables.ts';

export function toTeam(row: Selectable<TeamsTable>): Team {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    createdBy: row.created_by,
    timeZone: row.time_zone,
    language: row.language,
    minGroupSize: row.min_group_size,
    checkin: { weekday: row.checkin_weekday, time: row.checkin_time },
    digest: {
      enabled: row.digest_enabled,
      target: { weekday: row.digest_weekday, time: row.digest_time },
    },
    habitNudges: row.habit_nudges,
  };
}

function settingsColumns(settings: TeamSettings) {
  return {
    time_zone: settings.timeZone,
    language: settings.language,
    min_group_size: settings.minGroupSize,
    checkin_weekday: settings.checkin.weekday,
    checkin_time: settings.checkin.time,
    digest_enabled: settings.digest.enabled,
    digest_weekday: settings.digest.target.weekday,
    digest_time: settings.digest.target.time,
    habit_nudges: settings.habitNudges ?? true,
  };
}

export function createPgTeamRepository(db: Db): TeamRepository {
  return {
    async findByChannel(workspaceId, channelId) {
      const row = await db
        .selectFrom('teams')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('channel_id', '=', channelId)
        .executeTakeFirst();
      return row ? toTeam(row) : undefined;
    },

    async findById(teamId) {
      const row = await db.selectFrom('teams').selectAll().where('id', '=', teamId).executeTakeFirst();
      return row ? toTeam(row) : undefined;
    },

    async create({ workspaceId, channelId, createdBy, settings }) {
      return db.transaction().execute(async (trx) => {
        await trx
          .insertInto('workspaces')
          .values({ id: workspaceId })
          .onConflict((c) => c.doNothing())
          .execute();
        const row = await trx
          .insertInto('teams')
          .values({
            workspace_id: workspaceId,
            channel_id: channelId,
            created_by: createdBy,
            ...settingsColumns(settings),
          })
          .onConflict((c) => c.columns(['workspace_id', 'channel_id']).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        await trx
          .insertInto('team_managers')
          .values({ team_id: row.id, user_id: createdBy, granted_by: createdBy })
          .execute();
        return toTeam(row);
      });
    },

    async updateSettings(teamId, settings) {
      await db
        .updateTable('teams')
        .set({ ...settingsColumns(settings), updated_at: new Date() })
        .where('id', '=', teamId)
        .execute();
    },

    async remove(teamId) {
      await db.deleteFrom('teams').where('id', '=', teamId).execute();
    },

    async isManager(teamId, userId) {
      const row = await db
        .selectFrom('team_managers')
        .select('user_id')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async managesAnyTeam(workspaceId, userId) {
      const row = await db
        .selectFrom('team_managers as m')
        .innerJoin('teams as t', 't.id', 'm.team_id')
        .select('m.user_id')
        .where('t.workspace_id', '=', workspaceId)
        .where('m.user_id', '=', userId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async addManager(teamId, userId, grantedBy) {
      await db
        .insertInto('team_managers')
        .values({ team_id: teamId, user_id: userId, granted_by: grantedBy })
        .onConflict((c) => c.columns(['team_id', 'user_id']).doNothing())
        .execute();
    },

    async managers(teamId) {
      const rows = await db
        .selectFrom('team_managers')
        .select('user_id')
        .where('team_id', '=', teamId)
        .orderBy('user_id')
        .execute();
      return rows.map((r) => r.user_id);
    },

    async replaceMembers(teamId, userIds, at) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('team_members').where('team_id', '=', teamId).execute();
        if (userIds.length > 0) {
          await trx
            .insertInto('team_members')
            .values([...new Set(userIds)].map((user_id) => ({ team_id: teamId, user_id })))
            .execute();
        }
        await trx.updateTable('teams').set({ members_synced_at: at }).where('id', '=', teamId).execute();
      });
    },

    async addMember(teamId, userId) {
      await db
        .insertInto('team_members')
        .values({ team_id: teamId, user_id: userId })
        .onConflict((c) => c.columns(['team_id', 'user_id']).doNothing())
        .execute();
    },

    async removeMember(teamId, userId) {
      await db
        .deleteFrom('team_members')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .execute();
    },

    async isMember(teamId, userId) {
      const row = await db
        .selectFrom('team_members')
        .select('user_id')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async memberCount(teamId) {
      const row = await db
        .selectFrom('team_members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('team_id', '=', teamId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async staleTeams(before, limit) {
      const rows = await db
        .selectFrom('teams')
        .selectAll()
        .where((eb) => eb.or([eb('members_synced_at', 'is', null), eb('members_synced_at', '<', before)]))
        .orderBy('members_synced_at')
        .limit(limit)
        .execute();
      return rows.map(toTeam);
    },

    async teamsOf(workspaceId, userId) {
      const rows = await db
        .selectFrom('teams as t')
        .innerJoin('team_members as me', 'me.team_id', 't.id')
        .selectAll('t')
        .select((eb) =>
          eb
            .selectFrom('team_members as all')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('all.team_id', '=', 't.id')
            .as('member_count'),
        )
        .where('t.workspace_id', '=', workspaceId)
        .where('me.user_id', '=', userId)
        .orderBy('t.channel_id')
        .execute();
      return rows.map(({ member_count, ...row }) => ({
        team: toTeam(row),
        memberCount: Number(member_count ?? 0),
      }));
    },
  };
}
