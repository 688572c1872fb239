import type { RespondFn, webApi } from '@slack/bolt';
import type { Language } from '../../../domain/users/language.ts';
import type { Messages } from '../../../i18n/en.ts';
import type { SubcommandName } from '../../parsers/trust-command.parser.ts';
import type { SlackMessage } from '../../blocks/block-kit.ts';

/** What a `/trust <subcommand>` handler gets: the parsed invocation, the person's language, Slack. */
export interface SubcommandContext {
  workspaceId: string;
  userId: string;
  channelId: string;
  triggerId: string | undefined;
  /**
   * The text after the subcommand's words as Slack sent it: still escaped (`&amp;`, `&lt;`, `&gt;`),
   * so Slack's own `<@U…>` tokens can be told from typed text. Read tokens out, then `decodeSlackText`.
   */
  args: string;
  language: Language;
  m: Messages;
  client: webApi.WebClient;
  respond: RespondFn;
}

/**
 * Returns the ephemeral answer, or undefined when the handler answered another way (a modal).
 * Handlers run after the ack, so they may take their time.
 */
export type SubcommandHandler = (ctx: SubcommandContext) => Promise<SlackMessage | undefined>;

/** Every subcommand but help (answered in the ack) has its handler: the compiler checks the list is whole. */
export type SubcommandHandlers = Record<Exclude<SubcommandName, 'help'>, SubcommandHandler>;
