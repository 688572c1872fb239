import type { Db } from './database.ts';

export interface HomeChartKey {
  teamId: string;
  workspaceId: string;
  /** The last week the chart's trend shows. */
  week: string;
  language: string;
}

export type HomeChartState =
  | { state: 'uploaded'; fileId: string }
  | { state: 'pending' | 'failed'; updatedAt: Date }
  | { state: 'none' };

const where = (key: HomeChartKey) => ({ team_id: key.teamId, week: key.week, language: key.language });

export async function findHomeChart(db: Db, key: HomeChartKey): Promise<HomeChartState> {
  const row = await db
    .selectFrom('home_charts')
    .select(['state', 'file_id', 'updated_at'])
    .where('team_id', '=', key.teamId)
    .where('week', '=', key.week)
    .where('language', '=', key.language)
    .executeTakeFirst();
  if (!row) return { state: 'none' };
  if (row.state === 'uploaded' && row.file_id) return { state: 'uploaded', fileId: row.file_id };
  return { state: row.state === 'uploaded' ? 'failed' : row.state, updatedAt: new Date(row.updated_at) };
}

/**
 * Takes the upload of this chart for the caller: true when there was no row, or the row's last
 * attempt (pending or failed) is older than `staleBefore`. Only one caller gets true at a time.
 */
export async function claimHomeChart(
  db: Db,
  key: HomeChartKey,
  now: Date,
  staleBefore: Date,
): Promise<boolean> {
  const inserted = await db
    .insertInto('home_charts')
    .values({
      ...where(key),
      workspace_id: key.workspaceId,
      state: 'pending',
      file_id: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  const taken = await db
    .updateTable('home_charts')
    .set({ state: 'pending', updated_at: now })
    .where('team_id', '=', key.teamId)
    .where('week', '=', key.week)
    .where('language', '=', key.language)
    .where('state', '!=', 'uploaded')
    .where('updated_at', '<', staleBefore)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) > 0;
}

export async function saveHomeChart(
  db: Db,
  key: HomeChartKey,
  outcome: { state: 'uploaded'; fileId: string } | { state: 'failed' },
  now: Date,
): Promise<void> {
  await db
    .updateTable('home_charts')
    .set({
      state: outcome.state,
      file_id: outcome.state === 'uploaded' ? outcome.fileId : null,
      updated_at: now,
    })
    .where('team_id', '=', key.teamId)
    .where('week', '=', key.week)
    .where('language', '=', key.language)
    .execute();
}

/** Slack refused these files in a Home (deleted, say): upload them afresh next time. */
export async function forgetHomeCharts(db: Db, fileIds: string[]): Promise<void> {
  if (fileIds.length === 0) return;
  await db.deleteFrom('home_charts').where('file_id', 'in', fileIds).execute();
}
