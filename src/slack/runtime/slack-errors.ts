import { webApi } from '@slack/bolt';

/** What a failed Web API call means for a message we tried to send. */
export type SendFailure =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  /** The token is dead: stop everything for that workspace. */
  | { kind: 'auth'; error: string }
  /** Slack said no and will say no again. */
  | { kind: 'permanent'; error: string }
  /** Slack may or may not have acted (timeout, connection drop, 5xx). */
  | { kind: 'ambiguous'; error: string };

const authErrors = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
]);

// Slack's own transient failures; an `ok:false` with these did not post.
const retryablePlatformErrors = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export function classifySlackError(error: unknown): SendFailure {
  if (isCoded(error, webApi.ErrorCode.RateLimitedError)) {
    const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
    return {
      kind: 'rate_limited',
      retryAfterSeconds: typeof retryAfter === 'number' && retryAfter > 0 ? retryAfter : 1,
    };
  }
  if (isCoded(error, webApi.ErrorCode.PlatformError)) {
    const code = String((error as { data?: { error?: unknown } }).data?.error ?? 'unknown_error');
    if (authErrors.has(code)) return { kind: 'auth', error: code };
    if (code === 'ratelimited' || code === 'rate_limited')
      return { kind: 'rate_limited', retryAfterSeconds: 1 };
    if (retryablePlatformErrors.has(code)) return { kind: 'ambiguous', error: code };
    return { kind: 'permanent', error: code };
  }
  if (isCoded(error, webApi.ErrorCode.HTTPError)) {
    const status = (error as { statusCode?: unknown }).statusCode;
    return { kind: 'ambiguous', error: `http_${String(status)}` };
  }
  if (isCoded(error, webApi.ErrorCode.RequestError)) return { kind: 'ambiguous', error: 'request_error' };
  return { kind: 'ambiguous', error: error instanceof Error ? error.name : 'unknown_error' };
}

function isCoded(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
