import { type Logger as BoltLogger, webApi } from '@slack/bolt';

export interface PacingOptions {
  /** Sustained messages per second per workspace. */
  ratePerSecond: number;
  /** Messages that may go at once after a quiet spell. */
  burst: number;
}

export const defaultPacing: PacingOptions = { ratePerSecond: 1, burst: 3 };

/**
 * The client for bulk sends: bounded time, no hidden retries (the outbox decides), and 429s
 * surface at once so the outbox can reschedule instead of the SDK pausing everything for minutes.
 */
export function createPacedClient(token: string, apiUrl: string, logger: BoltLogger): webApi.WebClient {
  return new webApi.WebClient(token, {
    slackApiUrl: apiUrl,
    logger,
    timeout: 10_000,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    maxRequestConcurrency: 10,
  });
}

/** A token bucket per workspace; `pause` honours a Retry-After for the whole workspace. */
export class WorkspacePacer {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number; pausedUntil: number }>();

  constructor(
    private readonly options: PacingOptions,
    private readonly now: () => number = () => performance.timeOrigin + performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Milliseconds until a token would be free, without taking one. */
  delayFor(workspaceId: string): number {
    const bucket = this.bucket(workspaceId);
    const now = this.now();
    if (now < bucket.pausedUntil) return bucket.pausedUntil - now;
    const tokens = Math.min(
      this.options.burst,
      bucket.tokens + (Math.max(0, now - bucket.updatedAt) / 1000) * this.options.ratePerSecond,
    );
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / this.options.ratePerSecond) * 1000);
  }

  async take(workspaceId: string): Promise<void> {
    for (;;) {
      const wait = this.tryTake(workspaceId);
      if (wait === 0) return;
      await this.sleep(wait);
    }
  }

  pause(workspaceId: string, seconds: number): void {
    const bucket = this.bucket(workspaceId);
    bucket.pausedUntil = Math.max(bucket.pausedUntil, this.now() + seconds * 1000);
    bucket.tokens = 0;
  }

  /** Milliseconds to wait before a token is free; 0 when one was taken. */
  private tryTake(workspaceId: string): number {
    const bucket = this.bucket(workspaceId);
    const now = this.now();
    if (now < bucket.pausedUntil) return bucket.pausedUntil - now;
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + elapsed * this.options.ratePerSecond);
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / this.options.ratePerSecond) * 1000);
  }

  private bucket(workspaceId: string) {
    let bucket = this.buckets.get(workspaceId);
    if (!bucket) {
      bucket = { tokens: this.options.burst, updatedAt: this.now(), pausedUntil: 0 };
      this.buckets.set(workspaceId, bucket);
    }
    return bucket;
  }
}
