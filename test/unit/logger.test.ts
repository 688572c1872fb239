import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets, toBoltLogger } from '../../src/logger.ts';

describe('scrubSecrets', () => {
  it('redacts OAuth fields by name in JSON and in form or query text', () => {
    const json = scrubSecrets(
      'http request body: {"client_id":"111.222","client_secret":"s3cr3t","code":"abc"}',
    );
    expect(json).not.toMatch(/111\.222|s3cr3t|"abc"/);
    expect(json).toContain('"client_secret":"[redacted]"');
    const form = scrubSecrets(
      'GET /slack/oauth_redirect?code=4711.abc&state=eyJ.x.y refresh_token=xoxe-1-zz',
    );
    expect(form).not.toMatch(/4711|eyJ|xoxe-1-zz/);
  });

  it('redacts bearer credentials and anything shaped like a Slack token', () => {
    const text = scrubSecrets(
      'headers: {"Authorization":"Bearer xoxb-1-2-3"} and Bearer abcdefgh12345678 xoxe.xoxb-1-x',
    );
    expect(text).not.toMatch(/xoxb|abcdefgh12345678/);
  });
});

describe('the Bolt logger adapter', () => {
  function capture(slackBodies: boolean) {
    const lines: string[] = [];
    const logger = createLogger('debug', { write: (line: string) => void lines.push(line) }, { slackBodies });
    return { bolt: toBoltLogger(logger), lines };
  }

  it('leaves Slack bodies out unless asked, and secrets out always', () => {
    const quiet = capture(false);
    quiet.bolt.debug('http request result: {"user":{"real_name":"Alice Aasen"},"token":"xoxb-9"}');
    quiet.bolt.debug({ text: 'a promise text' });
    expect(quiet.lines.join('')).not.toMatch(/Alice|promise text|xoxb/);
    expect(quiet.lines.join('')).toContain('LOG_SLACK_BODIES=1');

    const loud = capture(true);
    loud.bolt.debug('http request result: {"user":{"real_name":"Alice Aasen"},"token":"xoxb-9"}');
    expect(loud.lines.join('')).toContain('Alice Aasen');
    expect(loud.lines.join('')).not.toContain('xoxb-9');
  });
});
