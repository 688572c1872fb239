/**
 * Bolt's respond() posts to whatever response_url a payload names. A signed payload still should
 * not make the app post to an arbitrary host: only Slack's (hooks.slack.com over https) and the
 * configured Slack API's own origin (the local emulator in tests and the demo) are accepted.
 */
export function createResponseUrlGuard(apiUrl: string, extraOrigin?: string): (url: unknown) => boolean {
  const apiOrigin = new URL(apiUrl).origin;
  const extra = extraOrigin === undefined ? undefined : new URL(extraOrigin).origin;
  return (url) => {
    if (typeof url !== 'string') return false;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.username !== '' || parsed.password !== '') return false;
    if (parsed.protocol === 'https:' && parsed.hostname === 'hooks.slack.com' && parsed.port === '')
      return true;
    return parsed.origin === apiOrigin || parsed.origin === extra;
  };
}

/** Every response URL a payload carries (commands and actions: one; modals: a list). */
export function responseUrlsOf(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null) return [];
  const b = body as { response_url?: unknown; response_urls?: unknown };
  const urls: unknown[] = [];
  if (b.response_url !== undefined) urls.push(b.response_url);
  if (Array.isArray(b.response_urls)) {
    for (const entry of b.response_urls)
      urls.push((entry as { response_url?: unknown } | null)?.response_url);
  }
  return urls;
}
