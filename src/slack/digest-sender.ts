import type { webApi } from '@slack/bolt';
import type { DigestChart } from '../domain/digest/ports.ts';
import type { Logger } from '../logger.ts';
import type { Stores } from '../persistence/stores.ts';
import type { OutboxRow } from '../persistence/pg-outbox.repository.ts';
import type { OutboxMessageJson } from '../persistence/tables.ts';
import { renderTrendChartPng } from './charts/chart-png.ts';
import { withChartImage } from './blocks/digest.blocks.ts';
import { uploadFile } from './runtime/file-upload.ts';

/**
 * Prepares a queued digest for posting: draws its chart, uploads it privately (files upload v2)
 * and puts it in the message as an image. The upload's outcome is stored first, so a resend of
 * the same digest reuses the file rather than uploading again. Returns the versions to try, best
 * first; without a chart (or when the upload failed) the digest goes out with its sparkline only.
 */
export function createDigestPreparer(
  digests: Pick<Stores['digests'], 'findChart' | 'saveChartOutcome'>,
  logger: Logger,
) {
  return async (row: OutboxRow, client: webApi.WebClient): Promise<OutboxMessageJson[]> => {
    try {
      return await prepare(row, client);
    } catch (error) {
      // Nothing was posted yet: the digest itself must not be lost to a chart problem.
      logger.warn({ err: error, outboxId: row.id }, 'digest chart not prepared; posting without it');
      return [row.message];
    }
  };

  async function prepare(row: OutboxRow, client: webApi.WebClient): Promise<OutboxMessageJson[]> {
    const state = await digests.findChart(row.idempotencyKey);
    if (!state?.chart) return [row.message];
    let fileId = state.state === 'uploaded' ? state.fileId : null;
    if (state.state === 'pending') {
      try {
        fileId = await uploadChart(client, row.idempotencyKey, state.chart);
        await digests.saveChartOutcome(row.idempotencyKey, { state: 'uploaded', fileId });
      } catch (error) {
        logger.warn({ err: error, outboxId: row.id }, 'digest chart upload failed; posting without it');
        await digests.saveChartOutcome(row.idempotencyKey, { state: 'failed' });
      }
    }
    if (!fileId) return [row.message];
    const withImage = {
      ...row.message,
      blocks: withChartImage(row.message.blocks ?? [], state.chart, fileId),
    };
    // Slack may refuse an image it has not processed yet: then the digest goes out without it.
    return [withImage, row.message];
  }
}

async function uploadChart(client: webApi.WebClient, key: string, chart: DigestChart): Promise<string> {
  const png = renderTrendChartPng(chart.points, chart.language);
  // No channel: the file stays private until the message shows it.
  return uploadFile(client, {
    filename: `trust-trend-${key.replace(/[^\w-]+/g, '-')}.png`,
    bytes: new Uint8Array(png),
    title: chart.title,
    altText: chart.altText,
  });
}
