// The one way user-supplied text reaches a Slack surface.

// Bidi overrides/isolates, zero-width characters and other invisible controls can reorder or hide
// text (a classic spoofing trick); C0/C1 controls other than newline and tab break rendering.
const invisible =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Removes invisible and control characters; keeps newlines and tabs. */
export function stripInvisible(text: string): string {
  return text.replace(invisible, '');
}

/**
 * Makes user text safe inside mrkdwn: no mention, channel ping, date token or link can be formed
 * (Slack only parses those inside `<…>`), and the user's text cannot style the surrounding message.
 */
export function escapeMrkdwn(text: string): string {
  return stripInvisible(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([*_~`])/g, '\u200B$1\u200B')
    .replace(/^(\s*)&gt;/gm, '$1\u200B&gt;');
}

/** User text inside an inline code span. */
export function codeSpan(text: string): string {
  const safe = stripInvisible(text).replace(/`/g, "'").replace(/\s+/g, ' ');
  return `\`${safe.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}\``;
}

/** plain_text objects are not parsed for mentions, but still must not carry invisible controls. */
export function plain(text: string): string {
  return stripInvisible(text);
}

const slackEntities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * Undoes Slack's escaping of text it delivers (slash-command text, message text in shortcuts):
 * Slack sends a typed `&`, `<` and `>` as `&amp;`, `&lt;` and `&gt;`, and nothing else. One pass,
 * so a literally typed `&amp;` (sent as `&amp;amp;`) comes back as `&amp;`. Decode once at the
 * boundary, after Slack's own `<@U…>`/`<#C…>`/`<!here>`/link tokens have been read out of the raw
 * text, and escape once on the way out (`escapeMrkdwn`).
 */
export function decodeSlackText(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => slackEntities[entity] ?? entity);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * User text escaped for Slack (`escapeMrkdwn`, or `codeSpan`, …) and, when the escaped text is
 * longer than `max`, cut with an ellipsis so that it fits. Lengths are what Slack counts (UTF-16
 * code units, as JavaScript's `length`), measured after escaping, since escaping lengthens text
 * (`&` → `&amp;`); the cut falls between characters (never inside an emoji or an escape).
 */
export function escapeToFit(
  text: string,
  max: number,
  escape: (text: string) => string = escapeMrkdwn,
): string {
  const whole = escape(text);
  if (whole.length <= max) return whole;
  const parts = Array.from(graphemes.segment(text), (s) => s.segment);
  // The longest prefix whose escaped form with the ellipsis still fits.
  let lo = 0;
  let hi = parts.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (escape(`${parts.slice(0, mid).join('')}…`).length <= max) lo = mid;
    else hi = mid - 1;
  }
  return escape(`${parts.slice(0, lo).join('')}…`);
}
