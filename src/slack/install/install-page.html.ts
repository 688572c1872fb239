import type { Language } from '../../domain/users/language.ts';
import { messages } from '../../i18n/index.ts';

// The pages a browser sees at the end of the OAuth install: plain HTML, no scripts.

/** Norwegian (nb, no, nn) when the browser prefers it, English otherwise. */
export function installPageLanguage(acceptLanguage: string | undefined): Language {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return /^(nb|no|nn)\b/.test(first) ? 'nb' : 'en';
}

export type InstallFailure = 'cancelled' | 'badState' | 'failed' | 'orgRefused';

export function buildInstallSuccessPage(language: Language, workspaceName: string, appUrl: string): string {
  const t = messages(language).install;
  return page(
    language,
    t.successHeading,
    `<p>${escapeHtml(t.success(workspaceName))}</p><p><a href="${escapeHtml(appUrl)}">${escapeHtml(t.openSlack)}</a></p>`,
  );
}

export function buildInstallFailurePage(language: Language, reason: InstallFailure): string {
  const t = messages(language).install;
  return page(
    language,
    t.failureHeading,
    `<p>${escapeHtml(t[reason])}</p><p><a href="/slack/install">${escapeHtml(t.tryAgain)}</a></p>`,
  );
}

function page(language: Language, heading: string, body: string): string {
  const t = messages(language).install;
  return [
    '<!DOCTYPE html>',
    `<html lang="${language}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(t.pageTitle)}</title></head>`,
    `<body style="font-family: sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">`,
    `<h1>${escapeHtml(heading)}</h1>${body}</body></html>`,
  ].join('');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
