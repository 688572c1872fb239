import type { webApi } from '@slack/bolt';
import { replyEnvelope } from '../../../domain/outbox/message-kinds.ts';
import { queueAndSendSoon } from '../../../domain/outbox/outgoing-message.ts';
import { exportPersonalData } from '../../../domain/privacy/privacy.service.ts';
import { textMessage } from '../commands/trust.command.ts';
import type { SubcommandContext, SubcommandHandler } from '../commands/subcommand.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { buildExportSummaryMessage } from '../../blocks/privacy.blocks.ts';
import { uploadFile } from '../../runtime/file-upload.ts';

/**
 * `/trust export`: says at once that it is coming, then sends the person a summary and the JSON
 * file in their DM with the app (files upload v2: reserve, upload the bytes, share in the DM).
 */
export function exportSubcommand(deps: ListenerDeps): SubcommandHandler {
  const service = deps.privacy;
  return async (ctx) => {
    await ctx
      .respond({ response_type: 'ephemeral', text: ctx.m.privacy.exportPreparing })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not say the export is coming'));
    try {
      const profile = await deps.users.users.find(ctx.workspaceId, ctx.userId);
      const result = await exportPersonalData(
        service,
        { workspaceId: ctx.workspaceId, userId: ctx.userId, zone: profile?.tz ?? null },
        ctx.m.privacy.pulseStatement,
      );
      const summary = buildExportSummaryMessage(ctx.m, result.summary);
      // Queued and kicked before the upload starts (three calls), so it normally lands in the DM first.
      const invocation = ctx.triggerId ?? String(deps.clock.now().getTime());
      await queueAndSendSoon(deps, {
        ...replyEnvelope('export', ctx.workspaceId, ctx.userId, invocation),
        text: summary.text,
        blocks: summary.blocks,
      });
      const channel = await openDm(ctx.client, ctx.userId);
      const day = deps.clock.now().toISOString().slice(0, 10);
      await uploadJson(
        ctx,
        channel,
        `trust-habits-export-${day}.json`,
        `${JSON.stringify(result.document, null, 2)}\n`,
      );
      return textMessage(ctx.m.privacy.exportSent);
    } catch (error) {
      deps.logger.error({ err: error }, 'export failed');
      return textMessage(ctx.m.privacy.exportFailed);
    }
  };
}

async function openDm(client: webApi.WebClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const id = opened.channel?.id;
  if (!id) throw new Error('conversations.open returned no channel');
  return id;
}

async function uploadJson(
  ctx: SubcommandContext,
  channel: string,
  filename: string,
  json: string,
): Promise<void> {
  await uploadFile(ctx.client, {
    filename,
    bytes: new Uint8Array(Buffer.from(json, 'utf8')),
    snippetType: 'json',
    title: ctx.m.privacy.exportFileTitle,
    channelId: channel,
    initialComment: ctx.m.privacy.exportFileComment,
  });
}
