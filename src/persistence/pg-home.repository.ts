import type { Db } from './database.ts';

/**
 * The teams a person manages in a workspace, by channel: every team for a workspace admin or
 * owner, otherwise those they set up or were granted. At most `limit` ids, with the total.
 */
export async function managedTeamIds(
  db: Db,
  input: { workspaceId: string; userId: string; everyTeam: boolean; limit: number },
): Promise<{ ids: string[]; total: number }> {
  let query = db.selectFrom('teams as t').where('t.workspace_id', '=', input.workspaceId);
  if (!input.everyTeam) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('team_managers as m')
          .select('m.user_id')
          .whereRef('m.team_id', '=', 't.id')
          .where('m.user_id', '=', input.userId),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    query.select('t.id').orderBy('t.channel_id').limit(input.limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(count.n) };
}
