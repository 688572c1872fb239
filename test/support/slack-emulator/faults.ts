/** Fault injection and an optional token-bucket rate limiter for Web API calls. */

export type Fault =
  | { type: 'rate_limited'; retryAfter: number }
  | { type: 'http'; status: number }
  | { type: 'error'; error: string }
  | { type: 'delay'; ms: number }
  /** Performs the side effect, then destroys the socket without answering (ambiguous outcome). */
  | { type: 'accept_then_drop' };

export interface Injection {
  method?: string;
  teamId?: string;
  /** How many matching calls are hit; default 1, `Infinity` for all. */
  times?: number;
  fault: Fault;
}

export interface RateLimitRule {
  method: string;
  perSecond: number;
  burst: number;
}

export class FaultInjector {
  private active: Array<{ injection: Injection; remaining: number }> = [];

  add(injection: Injection): void {
    const remaining = injection.times ?? 1;
    if (!(remaining > 0)) throw new Error(`inject: times must be > 0 (got ${remaining})`);
    this.active.push({ injection, remaining });
  }

  /** The first matching fault, used up by one call. */
  take(method: string, teamId: string | undefined): Fault | undefined {
    const match = this.active.find(
      ({ injection: i }) =>
        (i.method === undefined || i.method === method) && (i.teamId === undefined || i.teamId === teamId),
    );
    if (match === undefined) return undefined;
    match.remaining -= 1;
    if (match.remaining <= 0) this.active = this.active.filter((a) => a !== match);
    return match.injection.fault;
  }

  clear(): void {
    this.active = [];
  }
}

/** Per method and workspace, like Slack's limits (PLATFORM.md §3.3). */
export class RateLimiter {
  private rules = new Map<string, RateLimitRule>();
  private buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(private readonly now: () => number) {}

  set(rule: RateLimitRule): void {
    if (!(rule.perSecond > 0 && rule.burst >= 1))
      throw new Error('rateLimit: perSecond must be > 0 and burst >= 1');
    this.rules.set(rule.method, rule);
  }

  /** Seconds the caller must wait (the Retry-After value), or undefined when the call may proceed. */
  check(method: string, teamId: string | undefined): number | undefined {
    const rule = this.rules.get(method);
    if (rule === undefined) return undefined;
    const key = `${method}|${teamId ?? ''}`;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: rule.burst, updatedAt: now };
    bucket.tokens = Math.min(rule.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rule.perSecond);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rule.perSecond));
  }

  clear(): void {
    this.rules.clear();
    this.buckets.clear();
  }
}
