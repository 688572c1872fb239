import type { RespondFn } from '@slack/bolt';
import { z } from 'zod';
import { resolveLanguage } from '../../../domain/users/language.ts';
import { isProfileFresh } from '../../../domain/users/user.ts';
import { getUserProfile } from '../../../domain/users/user.service.ts';
import type { Messages } from '../../../i18n/en.ts';
import { messages } from '../../../i18n/index.ts';
import { commands } from '../../ids.ts';
import { WorkLimiter } from '../../runtime/work-limiter.ts';
import { codeSpan } from '../../blocks/mrkdwn.ts';
import {
  MAX_COMMAND_TEXT_LENGTH,
  parseTrustCommand,
  type TrustCommand,
} from '../../parsers/trust-command.parser.ts';
import type { SlackMessage } from '../../blocks/block-kit.ts';
import { buildHelpMessage } from '../../blocks/help.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import type { SubcommandHandlers } from './subcommand.ts';
import { withTimeout } from '../../../with-timeout.ts';

const commandPayload = z.object({
  team_id: z.string().min(1),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  trigger_id: z.string().optional(),
  // Far above what we act on (MAX_COMMAND_TEXT_LENGTH), so an over-long text is answered, not dropped;
  // the HTTP layer caps the whole request at 1 MiB.
  text: z.string().max(200_000).default(''),
});

/** How long the replay check may take before a command goes on without it (the ack has 3 s). */
const REPLAY_CHECK_MS = 1_000;

/** How long the ack may wait for a cached or stored profile before answering in two steps. */
const FAST_PROFILE_MS = 250;

/**
 * Subcommands answered after the ack run at most this many at a time. Under a burst the acks stay
 * fast (Slack shows an error after 3 s) and the answers queue up, instead of every request's
 * database work competing with the next acks; it also keeps a burst from exhausting the pool.
 */
const AFTER_ACK_CONCURRENCY = 4;

/**
 * `/trust`: answers that need only the person's language (help, typos) go back in the ack itself;
 * everything else is acked at once and answered after, by the feature that owns the subcommand.
 */
export function registerTrustCommand(
  app: ListenerRegistrar,
  deps: ListenerDeps,
  handlers: SubcommandHandlers,
): void {
  const afterAck = new WorkLimiter(AFTER_ACK_CONCURRENCY, deps.settings.afterAckQueueLimit);
  app.command(commands.trust, async ({ command, ack, respond, client }) => {
    const payload = commandPayload.safeParse(command);
    if (!payload.success) {
      await ack();
      deps.logger.warn({ issues: payload.error.issues.length }, 'malformed /trust payload ignored');
      return;
    }
    const {
      team_id: workspaceId,
      user_id: userId,
      channel_id: channelId,
      trigger_id: triggerId,
      text,
    } = payload.data;
    const parsed = parseTrustCommand(text);
    const handler =
      parsed.kind === 'subcommand' && parsed.name !== 'help' ? handlers[parsed.name] : undefined;

    if (!handler) {
      const known = await withTimeout(deps.users.users.find(workspaceId, userId), FAST_PROFILE_MS);
      if (known && isProfileFresh(known, deps.clock.now())) {
        const reply = routeBuiltIn(parsed, messages(resolveLanguage(known.language, known.slackLocale)));
        await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
        return;
      }
    }

    // From here the command acts after the ack (writes, DMs, a response_url answer), so a replayed
    // signed request (same trigger_id, on any instance) must not run it again. An answer in the ack
    // itself goes only to the requester and changes nothing, so help and typos need no database
    // write. When the database cannot say (down, or slower than the ack allows) the command goes
    // on: `/trust help` must still answer, and without the database a replay cannot write anything.
    if (
      triggerId &&
      (await withTimeout(deps.stores.workspaces.claimCommand(triggerId), REPLAY_CHECK_MS)) === false
    ) {
      deps.logger.warn('repeated slash command (same trigger_id) ignored');
      await ack();
      return;
    }

    if (!afterAck.hasRoom()) {
      // Beyond the bound a burst is turned away at once, in the person's language, instead of
      // queueing work whose answer would come too late to matter (and memory without limit).
      const known = await withTimeout(deps.users.users.find(workspaceId, userId), FAST_PROFILE_MS);
      const m = messages(resolveLanguage(known?.language, known?.slackLocale));
      deps.logger.warn({ pending: afterAck.pending }, '/trust turned away: the work queue is full');
      await ack({ response_type: 'ephemeral', text: m.command.busy });
      return;
    }
    await ack();
    await afterAck.run(async () => {
      const profile = await getUserProfile(deps.users, workspaceId, userId).catch(() => undefined);
      const language = resolveLanguage(profile?.language, profile?.slackLocale);
      const m = messages(language);
      try {
        const reply =
          parsed.kind === 'subcommand' && handler
            ? await handler({
                workspaceId,
                userId,
                channelId,
                triggerId,
                args: parsed.args,
                language,
                m,
                client,
                respond,
              })
            : routeBuiltIn(parsed, m);
        if (reply) await replyEphemeral(respond, reply, deps);
      } catch (error) {
        deps.logger.error(
          { err: error, subcommand: parsed.kind === 'subcommand' ? parsed.name : 'unknown' },
          '/trust failed',
        );
        await replyEphemeral(respond, textMessage(m.command.somethingWentWrong), deps);
      }
    });
  });
}

function routeBuiltIn(command: TrustCommand, m: Messages): SlackMessage {
  if (command.kind === 'unknown') return buildUnknownCommandMessage(command, m);
  if (command.kind === 'tooLong') {
    const count = new Intl.NumberFormat(m.dates.locale);
    return textMessage(
      m.command.tooLong(count.format(command.length), count.format(MAX_COMMAND_TEXT_LENGTH)),
    );
  }
  return buildHelpMessage(m);
}

function buildUnknownCommandMessage(
  command: Extract<TrustCommand, { kind: 'unknown' }>,
  m: Messages,
): SlackMessage {
  const lines = [m.command.unknown(codeSpan(`/trust ${command.given}`))];
  if (command.suggestion) lines.push(m.command.didYouMean(command.suggestion));
  lines.push(m.command.seeHelp);
  return textMessage(lines.join(' '));
}

export function textMessage(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

async function replyEphemeral(respond: RespondFn, message: SlackMessage, deps: ListenerDeps): Promise<void> {
  try {
    await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
  } catch (error) {
    // The response_url is the only way back to the user here; nothing else to do but record it.
    deps.logger.error({ err: error }, 'could not answer /trust through response_url');
  }
}
