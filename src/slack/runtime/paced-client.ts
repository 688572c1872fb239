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

/** After a 429 the workspace's rate is multiplied by this… */
const BACK_OFF_FACTOR = 0.5;
/** …and then grows back by this share of the configured rate per second without a 429. */
const RECOVERY_SHARE_PER_SECOND = 0.05;
/** The rate never drops below this share of the configured rate. */
const FLOOR_SHARE = 0.05;

/**
 * A token bucket per workspace. `pause` honours a Retry-After for the whole workspace and also
 * halves that workspace's rate, which then grows back to the configured rate over ~10–20 s without
 * another 429 (additive increase, multiplicative decrease). A rate set above what Slack allows thus
 * settles near Slack's real limit instead of paying a whole Retry-After pause again and again.
 */
export class WorkspacePacer {
  private readonly buckets = new Map<
    string,
    { tokens: number; updatedAt: number; pausedUntil: number; rate: number }
  >();

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
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    const rate = this.recovered(bucket.rate, elapsed);
    const tokens = Math.min(this.options.burst, bucket.tokens + elapsed * rate);
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / rate) * 1000);
  }

  /**
   * Workspaces that would have to wait for their next send now (at most `limit`), the soonest
   * ready first, so a sender can claim another workspace's message meanwhile instead of queueing
   * behind this one's pace.
   */
  waitingWorkspaces(limit: number): string[] {
    const waiting: Array<{ workspaceId: string; delay: number }> = [];
    for (const workspaceId of this.buckets.keys()) {
      if (waiting.length >= limit) break;
      const delay = this.delayFor(workspaceId);
      if (delay > 0) waiting.push({ workspaceId, delay });
    }
    return waiting.sort((a, b) => a.delay - b.delay).map((w) => w.workspaceId);
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
    const now = this.now();
    // One cut per pause: several senders hitting the same 429 must not cut the rate several times.
    if (now >= bucket.pausedUntil)
      bucket.rate = Math.max(this.options.ratePerSecond * FLOOR_SHARE, bucket.rate * BACK_OFF_FACTOR);
    bucket.pausedUntil = Math.max(bucket.pausedUntil, now + seconds * 1000);
    bucket.tokens = 0;
    bucket.updatedAt = Math.max(bucket.updatedAt, bucket.pausedUntil);
  }

  /** The workspace's current rate (messages per second), for tests and metrics. */
  rateOf(workspaceId: string): number {
    const bucket = this.bucket(workspaceId);
    const elapsed = Math.max(0, this.now() - bucket.updatedAt) / 1000;
    return this.recovered(bucket.rate, elapsed);
  }

  /** Milliseconds to wait before a token is free; 0 when one was taken. */
  private tryTake(workspaceId: string): number {
    const bucket = this.bucket(workspaceId);
    const now = this.now();
    if (now < bucket.pausedUntil) return bucket.pausedUntil - now;
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.rate = this.recovered(bucket.rate, elapsed);
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + elapsed * bucket.rate);
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / bucket.rate) * 1000);
  }

  private recovered(rate: number, elapsedSeconds: number): number {
    const max = this.options.ratePerSecond;
    return Math.min(max, rate + elapsedSeconds * max * RECOVERY_SHARE_PER_SECOND);
  }

  private bucket(workspaceId: string) {
    let bucket = this.buckets.get(workspaceId);
    if (!bucket) {
      bucket = {
        tokens: this.options.burst,
        updatedAt: this.now(),
        pausedUntil: 0,
        rate: this.options.ratePerSecond,
      };
      this.buckets.set(workspaceId, bucket);
    }
    return bucket;
  }
}
