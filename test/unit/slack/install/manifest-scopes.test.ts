import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { manifestBotScopes } from '../../../../src/slack/install/manifest-scopes.ts';

describe('the scopes an OAuth install asks for', () => {
  it('are exactly the manifest’s bot scopes, in order', () => {
    const manifest = parse(readFileSync('manifest.yml', 'utf8')) as {
      oauth_config: { scopes: { bot: string[] } };
    };
    expect(manifestBotScopes()).toEqual(manifest.oauth_config.scopes.bot);
  });

  it('ignore other lists and comments', () => {
    const text = [
      'oauth_config:',
      '  redirect_urls:',
      '    - https://example.com/slack/oauth_redirect',
      '  scopes:',
      '    bot:',
      '      - commands # /trust',
      '      # a comment line',
      '      - chat:write',
      '    user:',
      '      - search:read',
      'settings:',
      '  bot_events:',
      '    - app_home_opened',
    ].join('\n');
    expect(manifestBotScopes(text)).toEqual(['commands', 'chat:write']);
  });
});
