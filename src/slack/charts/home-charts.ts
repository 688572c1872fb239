import type { webApi } from '@slack/bolt';
import type { DigestChart } from '../../domain/digest/ports.ts';
import type { Logger } from '../../logger.ts';
import type { HomeChartKey } from '../../persistence/pg-home-chart.repository.ts';
import type { Stores } from '../../persistence/stores.ts';
import { renderTrendChartPng } from './chart-png.ts';
import { uploadFile } from '../runtime/file-upload.ts';

/** Managed teams whose App Home entry gets the chart image; the rest keep their sparkline. */
export const HOME_CHARTS_SHOWN = 5;
/** A failed (or abandoned) upload is tried again after this long, not on every Home open. */
export const HOME_CHART_RETRY_MS = 15 * 60_000;

/**
 * The file id of the team's trend chart for a manager's App Home: drawn and uploaded (files upload
 * v2, no channel, so the file stays private) once per team, week and language, then reused.
 * Undefined when there is none yet: the upload failed, or another Home open is uploading it now;
 * the Home then shows the sparkline instead.
 */
export async function homeChartFileId(
  env: { charts: Pick<Stores['home'], 'findChart' | 'claimChart' | 'saveChart'>; logger: Logger; now: Date },
  client: webApi.WebClient,
  key: HomeChartKey,
  chart: DigestChart,
): Promise<string | undefined> {
  const found = await env.charts.findChart(key);
  if (found.state === 'uploaded') return found.fileId;
  const staleBefore = new Date(env.now.getTime() - HOME_CHART_RETRY_MS);
  if (!(await env.charts.claimChart(key, env.now, staleBefore))) return undefined;
  try {
    const png = renderTrendChartPng(chart.points, chart.language);
    const fileId = await uploadFile(client, {
      filename: `trust-trend-${key.week}-${key.language}.png`,
      bytes: new Uint8Array(png),
      title: chart.title,
      altText: chart.altText,
    });
    await env.charts.saveChart(key, { state: 'uploaded', fileId }, env.now);
    return fileId;
  } catch (error) {
    env.logger.warn({ err: error, teamId: key.teamId }, 'App Home chart not uploaded; showing the sparkline');
    await env.charts.saveChart(key, { state: 'failed' }, env.now);
    return undefined;
  }
}
