import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, formatConfigError, parseConfig } from '../../src/config.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'config-test-'));
const SIGNING = '0123456789abcdef0123456789abcdef'; // Slack's: 32 hex characters
const valid = { SLACK_SIGNING_SECRET: SIGNING, SLACK_BOT_TOKEN: 'xoxb-1', DATA_DIR: dataDir };

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const { config } = parseConfig(valid);
    expect(config).toMatchObject({
      port: 3000,
      scheduler: true,
      minGroupSize: 5,
      logLevel: 'info',
      slack: { mode: 'http', apiUrl: 'https://slack.com/api/', oauth: false },
      database: { kind: 'embedded' },
    });
  });

  it('lists every bad variable at once, field errors and cross-field rules together', () => {
    const problems = problemsOf({
      PORT: 'abc',
      MIN_GROUP_SIZE: '2',
      SCHEDULER: 'maybe',
      SLACK_API_URL: 'not a url',
      LOG_LEVEL: 'loud',
      DATA_DIR: dataDir,
    });
    expect(problems.sort()).toEqual(
      [
        'LOG_LEVEL',
        'MIN_GROUP_SIZE',
        'PORT',
        'SCHEDULER',
        'SLACK_API_URL',
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
      ].sort(),
    );
  });

  it('refuses a minimum group size below 3 with the reason', () => {
    try {
      parseConfig({ ...valid, MIN_GROUP_SIZE: '2' });
      expect.unreachable();
    } catch (error) {
      expect(formatConfigError(error as ConfigError)).toContain('MIN_GROUP_SIZE: must be at least 3');
    }
  });

  it('requires PULSE_SECRET with DATABASE_URL and generates one in embedded mode', () => {
    expect(problemsOf({ ...valid, DATABASE_URL: 'postgres://localhost/x' })).toEqual(['PULSE_SECRET']);
    const first = parseConfig(valid).secrets.pulseSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(parseConfig(valid).secrets.pulseSecret).toBe(first);
  });

  it('takes an optional PULSE_SECRET_PREVIOUS for a rotation, held to the same length', () => {
    expect(parseConfig(valid).secrets.pulseSecretPrevious).toBeUndefined();
    const previous = 'the-previous-pulse-secret-0123456789';
    expect(parseConfig({ ...valid, PULSE_SECRET_PREVIOUS: previous }).secrets.pulseSecretPrevious).toBe(
      previous,
    );
    expect(problemsOf({ ...valid, PULSE_SECRET_PREVIOUS: 'short' })).toEqual(['PULSE_SECRET_PREVIOUS']);
  });

  it('asks for all three OAuth variables when only some are set', () => {
    expect(
      problemsOf({ SLACK_SIGNING_SECRET: SIGNING, SLACK_CLIENT_ID: 'id', DATA_DIR: dataDir }).sort(),
    ).toEqual(['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET']);
  });

  it('uses Socket Mode when an app token is set, without a signing secret', () => {
    const { config } = parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      DATA_DIR: dataDir,
    });
    expect(config.slack.mode).toBe('socket');
  });

  it('keeps secrets out of the loggable config', () => {
    const { config } = parseConfig({ ...valid, SLACK_SIGNING_SECRET: 'super-secret-value-0123456789abcdef' });
    expect(JSON.stringify(config)).not.toContain('super-secret-value-0123456789abcdef');
    expect(JSON.stringify(config)).not.toContain('xoxb-1');
  });

  it('adds the trailing slash the Web API client needs', () => {
    expect(parseConfig({ ...valid, SLACK_API_URL: 'http://127.0.0.1:9999/api' }).config.slack.apiUrl).toBe(
      'http://127.0.0.1:9999/api/',
    );
  });
});

describe('OAuth install configuration', () => {
  const oauth = {
    SLACK_SIGNING_SECRET: SIGNING,
    SLACK_CLIENT_ID: '1111.2222',
    SLACK_CLIENT_SECRET: 'client-secret',
    SLACK_STATE_SECRET: 'state-secret-that-is-long-enough-0123',
    DATA_DIR: dataDir,
  };
  const key = Buffer.alloc(32, 5);

  it('needs TOKEN_ENCRYPTION_KEY and no bot token, and says why', () => {
    expect(problemsOf(oauth)).toEqual(['TOKEN_ENCRYPTION_KEY']);
    try {
      parseConfig({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1' });
      expect.unreachable();
    } catch (error) {
      const message = formatConfigError(error as ConfigError);
      expect(message).toContain('TOKEN_ENCRYPTION_KEY: required for OAuth install');
      expect(message).toContain('SLACK_BOT_TOKEN: must be unset with OAuth install');
    }
  });

  it('takes the key as 64 hex characters or as base64 of 32 bytes', () => {
    for (const text of [key.toString('hex'), key.toString('base64'), key.toString('base64url')]) {
      const { config, secrets } = parseConfig({ ...oauth, TOKEN_ENCRYPTION_KEY: text });
      expect(config.slack.oauth).toBe(true);
      expect(secrets.tokenEncryptionKey?.equals(key)).toBe(true);
      expect(JSON.stringify(config)).not.toContain(text);
    }
  });

  it('refuses a key of the wrong length or encoding', () => {
    for (const bad of [
      'short',
      Buffer.alloc(16).toString('base64'),
      'z'.repeat(64),
      Buffer.alloc(33).toString('hex'),
    ]) {
      try {
        parseConfig({ ...oauth, TOKEN_ENCRYPTION_KEY: bad });
        expect.unreachable();
      } catch (error) {
        expect(formatConfigError(error as ConfigError)).toContain(
          'TOKEN_ENCRYPTION_KEY: must be 32 random bytes',
        );
      }
    }
  });

  it('refuses an all-zero key, and a previous key without a current one', () => {
    for (const variable of ['TOKEN_ENCRYPTION_KEY', 'TOKEN_ENCRYPTION_KEY_PREVIOUS']) {
      try {
        parseConfig({ ...oauth, TOKEN_ENCRYPTION_KEY: key.toString('hex'), [variable]: '0'.repeat(64) });
        expect.unreachable();
      } catch (error) {
        expect(formatConfigError(error as ConfigError)).toContain(`${variable}: must not be all zeros`);
      }
    }
    expect(problemsOf({ ...valid, TOKEN_ENCRYPTION_KEY_PREVIOUS: key.toString('hex') })).toEqual([
      'TOKEN_ENCRYPTION_KEY_PREVIOUS',
    ]);
    const rotating = parseConfig({
      ...oauth,
      TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 6).toString('base64'),
      TOKEN_ENCRYPTION_KEY_PREVIOUS: key.toString('hex'),
    }).secrets;
    expect(rotating.previousTokenEncryptionKey?.equals(key)).toBe(true);
  });

  it('refuses secrets too short to key an HMAC with, naming each', () => {
    const short = 'x'.repeat(31);
    try {
      parseConfig({
        ...oauth,
        TOKEN_ENCRYPTION_KEY: key.toString('hex'),
        SLACK_SIGNING_SECRET: short,
        SLACK_STATE_SECRET: short,
        PULSE_SECRET: short,
      });
      expect.unreachable();
    } catch (error) {
      const message = formatConfigError(error as ConfigError);
      for (const variable of ['SLACK_SIGNING_SECRET', 'SLACK_STATE_SECRET', 'PULSE_SECRET'])
        expect(message).toContain(`${variable}: must be at least 32 characters`);
    }
    expect(
      problemsOf({ ...oauth, TOKEN_ENCRYPTION_KEY: key.toString('hex'), PULSE_SECRET: 'y'.repeat(32) }),
    ).toEqual([]);
  });

  it('does not ask for the key in single-workspace mode', () => {
    expect(parseConfig(valid).secrets.tokenEncryptionKey).toBeUndefined();
  });
});
