import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../logger.ts';

export interface BotIdentity {
  teamId: string;
  enterpriseId: string | undefined;
  teamName: string | undefined;
  botId: string | undefined;
  botUserId: string;
}

const authTestResponse = z.object({
  team_id: z.string(),
  team: z.string().optional(),
  user_id: z.string(),
  bot_id: z.string().optional(),
  enterprise_id: z.string().optional(),
});

/**
 * Learns who the bot is with one `auth.test` at start. When Slack is unreachable the app keeps
 * serving (requests carry their own team id) and this keeps retrying in the background.
 */
export class BotIdentityProbe {
  private current: BotIdentity | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly listeners: Array<(identity: BotIdentity) => Promise<void> | void> = [];

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
    private readonly retryDelaysMs: readonly number[] = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000],
  ) {}

  get identity(): BotIdentity | undefined {
    return this.current;
  }

  onIdentity(listener: (identity: BotIdentity) => Promise<void> | void): void {
    this.listeners.push(listener);
  }

  /** Resolves after the first attempt, successful or not. */
  async start(): Promise<void> {
    await this.attempt(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async attempt(failures: number): Promise<void> {
    if (this.stopped) return;
    try {
      const response = authTestResponse.parse(await this.client.auth.test());
      this.current = {
        teamId: response.team_id,
        teamName: response.team,
        enterpriseId: response.enterprise_id,
        botId: response.bot_id,
        botUserId: response.user_id,
      };
      this.logger.info({ teamId: response.team_id, botUserId: response.user_id }, 'connected to Slack');
      for (const listener of this.listeners) await listener(this.current);
    } catch (error) {
      const delay = this.retryDelaysMs[Math.min(failures, this.retryDelaysMs.length - 1)] ?? 60_000;
      this.logger.warn(
        { err: describe(error), retryInMs: delay },
        'auth.test failed; Slack may be unreachable, retrying',
      );
      this.timer = setTimeout(() => void this.attempt(failures + 1), delay);
      this.timer.unref();
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${(error as { code?: string }).code ?? error.name}: ${error.message}`;
  return String(error);
}
