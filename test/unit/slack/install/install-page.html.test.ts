import { describe, expect, it } from 'vitest';
import {
  buildInstallFailurePage,
  buildInstallSuccessPage,
  installPageLanguage,
} from '../../../../src/slack/install/install-page.html.ts';

describe('install result pages', () => {
  it('show the workspace name as text, never as markup', () => {
    const html = buildInstallSuccessPage(
      'en',
      '<script>alert(1)</script> & Co',
      'https://slack.com/app_redirect?app=A1&team=T1',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; Co');
    expect(html).toContain('href="https://slack.com/app_redirect?app=A1&#38;team=T1"');
  });

  it('speak Norwegian to a browser that prefers it, English otherwise', () => {
    expect(installPageLanguage('nb-NO,nb;q=0.9,en;q=0.8')).toBe('nb');
    expect(installPageLanguage('no')).toBe('nb');
    expect(installPageLanguage('nn-NO')).toBe('nb');
    expect(installPageLanguage('en-GB,nb;q=0.5')).toBe('en');
    expect(installPageLanguage(undefined)).toBe('en');
    expect(buildInstallFailurePage('nb', 'orgRefused')).toContain('<html lang="nb">');
    expect(buildInstallFailurePage('nb', 'orgRefused')).toContain('Enterprise Grid-organisasjon');
  });
});
