import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

// The only reader of process.env. Secrets are kept apart from the loggable config.

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** Secrets the app keys HMACs with: long enough that guessing is hopeless (Slack's are 32 hex). */
const MIN_SECRET_LENGTH = 32;
const longSecret = (what: string) =>
  optionalText.refine((v) => v === undefined || v.length >= MIN_SECRET_LENGTH, {
    message: `must be at least ${MIN_SECRET_LENGTH} characters (${what})`,
  });
const keyText = optionalText
  .refine((v) => v === undefined || decodeKey(v) !== undefined, {
    message: 'must be 32 random bytes as 64 hex characters or base64 (e.g. `openssl rand -base64 32`)',
  })
  .refine((v) => v === undefined || !decodeKey(v)?.every((byte) => byte === 0), {
    message: 'must not be all zeros: generate a random key (`openssl rand -base64 32`)',
  });

const envSchema = z.object({
  SLACK_SIGNING_SECRET: longSecret("Slack's Signing Secret is 32 characters: copy it whole"),
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || /^xox[be]/.test(v), {
    message: 'must be a bot token (xoxb-…)',
  }),
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'must be an app-level token (xapp-…)',
  }),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: longSecret('e.g. `openssl rand -base64 32`'),
  TOKEN_ENCRYPTION_KEY: keyText,
  /** The key before a rotation: still read, never written (see `npm run rotate-tokens`). */
  TOKEN_ENCRYPTION_KEY_PREVIOUS: keyText,
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .default('https://slack.com/api/')
    .transform((v) => (v.endsWith('/') ? v : `${v}/`)),
  /** Tests only: another origin that stands for hooks.slack.com (response_urls) when SLACK_API_URL is elsewhere. */
  SLACK_RESPONSE_URL_ORIGIN: optionalText,
  DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'must be a postgres:// URL',
  }),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  PORT: z.coerce
    .number({ message: 'must be a port number (0-65535)' })
    .int({ message: 'must be a port number (0-65535)' })
    .min(0, { message: 'must be a port number (0-65535)' })
    .max(65535, { message: 'must be a port number (0-65535)' })
    .default(3000),
  /** /metrics and /readyz: a port of their own (default 9464), or `off`. */
  METRICS_PORT: z
    .union([
      z.literal('off'),
      z.coerce
        .number({ message: "must be a port number (0-65535) or 'off'" })
        .int({ message: "must be a port number (0-65535) or 'off'" })
        .min(0, { message: "must be a port number (0-65535) or 'off'" })
        .max(65535, { message: "must be a port number (0-65535) or 'off'" }),
    ])
    .default(9464),
  METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  METRICS_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 16, {
    message: 'must be at least 16 characters',
  }),
  PULSE_SECRET: longSecret('e.g. `openssl rand -base64 32`'),
  PULSE_SECRET_PREVIOUS: longSecret('the previous PULSE_SECRET, while rotating it'),
  SCHEDULER: z.enum(['on', 'off'], { message: "must be 'on' or 'off'" }).default('on'),
  MIN_GROUP_SIZE: z.coerce
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(3, { message: 'must be at least 3 (smaller groups would expose individual ratings)' })
    .max(1000)
    .default(5),
  SEND_RATE_PER_SECOND: z.coerce
    .number({ message: 'must be a number of messages per second' })
    .positive({ message: 'must be more than 0' })
    .max(1000)
    .default(1),
  SEND_BURST: z.coerce.number({ message: 'must be a whole number' }).int().min(1).max(1000).default(3),
  COMMAND_QUEUE_LIMIT: z.coerce
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(1_000_000)
    .default(200),
  CATCHUP_HOURS: z.coerce
    .number({ message: 'must be a number of hours' })
    .min(0)
    .max(7 * 24)
    .default(6),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  /** Unsafe: logs Slack request and response bodies (what people wrote, profiles) at debug. */
  LOG_SLACK_BODIES: z.enum(['0', '1'], { message: "must be '0' or '1'" }).default('0'),
});

type Problem = { variable: string; message: string };

/** A server receives Slack requests; a worker (the tick CLI) only sends. */
export type Purpose = 'server' | 'worker';

/** Rules between variables, checked on the raw values so they are reported with field errors. */
function crossFieldProblems(env: Env, purpose: Purpose): Problem[] {
  const set = (key: string) => (env[key] ?? '').trim() !== '';
  const problems: Problem[] = [];
  const oauthKeys = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'];
  const oauthCount = oauthKeys.filter(set).length;
  if (oauthCount > 0 && oauthCount < 3) {
    for (const key of oauthKeys) {
      if (!set(key)) problems.push({ variable: key, message: 'required for OAuth install (set all three)' });
    }
  }
  if (purpose === 'server' && !set('SLACK_APP_TOKEN') && !set('SLACK_SIGNING_SECRET')) {
    problems.push({ variable: 'SLACK_SIGNING_SECRET', message: 'required in HTTP mode' });
  }
  if (oauthCount === 0 && !set('SLACK_BOT_TOKEN')) {
    problems.push({
      variable: 'SLACK_BOT_TOKEN',
      message:
        'required unless OAuth is configured (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET)',
    });
  }
  if (oauthCount === 3 && !set('TOKEN_ENCRYPTION_KEY')) {
    problems.push({
      variable: 'TOKEN_ENCRYPTION_KEY',
      message:
        'required for OAuth install: the key that encrypts workspace tokens in the database (`openssl rand -base64 32`)',
    });
  }
  if (oauthCount === 3 && set('SLACK_BOT_TOKEN')) {
    problems.push({
      variable: 'SLACK_BOT_TOKEN',
      message: "must be unset with OAuth install (each workspace's token comes from its installation)",
    });
  }
  if (set('SLACK_APP_TOKEN') && oauthCount > 0) {
    problems.push({
      variable: 'SLACK_APP_TOKEN',
      message: 'Socket Mode cannot be combined with OAuth install',
    });
  }
  if (set('TOKEN_ENCRYPTION_KEY_PREVIOUS') && !set('TOKEN_ENCRYPTION_KEY')) {
    problems.push({
      variable: 'TOKEN_ENCRYPTION_KEY_PREVIOUS',
      message: 'only together with TOKEN_ENCRYPTION_KEY (the new key that replaces it)',
    });
  }
  if (set('DATABASE_URL') && !set('PULSE_SECRET')) {
    problems.push({ variable: 'PULSE_SECRET', message: 'required with DATABASE_URL' });
  }
  return problems;
}

export type SlackMode = 'http' | 'socket';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Safe to log: no secrets. */
export interface AppConfig {
  slack: {
    mode: SlackMode;
    apiUrl: string;
    /** An extra origin accepted for response_urls (tests); hooks.slack.com and the API's always are. */
    responseUrlOrigin: string | undefined;
    oauth: boolean;
    clientId: string | undefined;
  };
  database: { kind: 'postgres' } | { kind: 'embedded'; dataDir: string };
  dataDir: string;
  port: number;
  /** Where /metrics and /readyz listen (never on the public PORT); undefined when off. */
  operations: { port: number; host: string } | undefined;
  scheduler: boolean;
  /** Bulk sends per workspace: sustained rate and burst. */
  pacing: { ratePerSecond: number; burst: number };
  /** How late a missed scheduled send may still go out after downtime. */
  catchUpMs: number;
  minGroupSize: number;
  /** /trust answers waiting for a slot after the ack; beyond it people are told to try again. */
  commandQueueLimit: number;
  logLevel: LogLevel;
  /** LOG_SLACK_BODIES=1: Slack bodies in debug lines (unsafe, for debugging only). */
  logSlackBodies: boolean;
}

export interface Secrets {
  signingSecret: string | undefined;
  botToken: string | undefined;
  appToken: string | undefined;
  clientSecret: string | undefined;
  stateSecret: string | undefined;
  /** AES-256 key for workspace tokens at rest (OAuth install). */
  tokenEncryptionKey: Buffer | undefined;
  /** The key before a rotation, to read tokens it sealed (they are sealed again with the new one). */
  previousTokenEncryptionKey: Buffer | undefined;
  databaseUrl: string | undefined;
  pulseSecret: string;
  /** The pulse secret before a rotation: still opens that round's ballots and recognises its marks. */
  pulseSecretPrevious: string | undefined;
  /** Bearer token for /metrics and /readyz (METRICS_TOKEN); open on their port when unset. */
  metricsToken: string | undefined;
}

export interface LoadedConfig {
  config: AppConfig;
  secrets: Secrets;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: ReadonlyArray<Problem>) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`);
  }
}

type Env = Record<string, string | undefined>;

export function parseConfig(env: Env, purpose: Purpose = 'server'): LoadedConfig {
  const result = envSchema.safeParse(env);
  const fieldProblems: Problem[] = result.success
    ? []
    : result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        message: issue.message,
      }));
  const problems = [...fieldProblems, ...crossFieldProblems(env, purpose)];
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const e = result.data;
  const dataDir = resolve(e.DATA_DIR);
  const config: AppConfig = {
    slack: {
      mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
      apiUrl: e.SLACK_API_URL,
      responseUrlOrigin: e.SLACK_RESPONSE_URL_ORIGIN,
      oauth: Boolean(e.SLACK_CLIENT_ID),
      clientId: e.SLACK_CLIENT_ID,
    },
    database: e.DATABASE_URL ? { kind: 'postgres' } : { kind: 'embedded', dataDir },
    dataDir,
    port: e.PORT,
    operations: e.METRICS_PORT === 'off' ? undefined : { port: e.METRICS_PORT, host: e.METRICS_HOST },
    scheduler: e.SCHEDULER === 'on',
    pacing: { ratePerSecond: e.SEND_RATE_PER_SECOND, burst: e.SEND_BURST },
    catchUpMs: e.CATCHUP_HOURS * 60 * 60 * 1000,
    minGroupSize: e.MIN_GROUP_SIZE,
    commandQueueLimit: e.COMMAND_QUEUE_LIMIT,
    logLevel: e.LOG_LEVEL,
    logSlackBodies: e.LOG_SLACK_BODIES === '1',
  };
  const secrets: Secrets = {
    signingSecret: e.SLACK_SIGNING_SECRET,
    botToken: e.SLACK_BOT_TOKEN,
    appToken: e.SLACK_APP_TOKEN,
    clientSecret: e.SLACK_CLIENT_SECRET,
    stateSecret: e.SLACK_STATE_SECRET,
    tokenEncryptionKey: e.TOKEN_ENCRYPTION_KEY === undefined ? undefined : decodeKey(e.TOKEN_ENCRYPTION_KEY),
    previousTokenEncryptionKey:
      e.TOKEN_ENCRYPTION_KEY_PREVIOUS === undefined ? undefined : decodeKey(e.TOKEN_ENCRYPTION_KEY_PREVIOUS),
    databaseUrl: e.DATABASE_URL,
    pulseSecret: e.PULSE_SECRET ?? embeddedPulseSecret(dataDir),
    pulseSecretPrevious: e.PULSE_SECRET_PREVIOUS,
    metricsToken: e.METRICS_TOKEN,
  };
  return { config, secrets };
}

/** A 32-byte key written as 64 hex characters or as base64 (standard or URL-safe). */
function decodeKey(text: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) return undefined;
  const key = Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
  return key.length === 32 ? key : undefined;
}

/** In embedded mode the pulse key lives in DATA_DIR, outside the database files' tables. */
function embeddedPulseSecret(dataDir: string): string {
  const file = resolve(dataDir, 'pulse-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

/** Reads `.env` in the working directory when present; real environment variables win. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

export function loadConfig(purpose: Purpose = 'server'): LoadedConfig {
  loadDotEnv();
  return parseConfig(process.env, purpose);
}

/** For CLIs that only need the database (migrate, tick): Slack credentials are not required. */
export function loadDatabaseConfig(env: Env = (loadDotEnv(), process.env)): {
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: LogLevel;
} {
  const schema = z.object({
    DATABASE_URL: optionalText,
    DATA_DIR: z.string().trim().min(1).default('./data'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  });
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => ({
        variable: String(i.path[0] ?? '(environment)'),
        message: i.message,
      })),
    );
  }
  return {
    databaseUrl: result.data.DATABASE_URL,
    dataDir: resolve(result.data.DATA_DIR),
    logLevel: result.data.LOG_LEVEL,
  };
}

/** For `npm run rotate-tokens`: the current token key (required) and the one it replaces. */
export function loadTokenKeys(env: Env = (loadDotEnv(), process.env)): {
  key: Buffer;
  previous: Buffer | undefined;
} {
  const result = envSchema
    .pick({ TOKEN_ENCRYPTION_KEY: true, TOKEN_ENCRYPTION_KEY_PREVIOUS: true })
    .safeParse(env);
  const problems: Problem[] = result.success
    ? []
    : result.error.issues.map((i) => ({
        variable: String(i.path[0] ?? '(environment)'),
        message: i.message,
      }));
  const key =
    result.success && result.data.TOKEN_ENCRYPTION_KEY
      ? decodeKey(result.data.TOKEN_ENCRYPTION_KEY)
      : undefined;
  if (result.success && !key)
    problems.push({
      variable: 'TOKEN_ENCRYPTION_KEY',
      message: 'required: the new key to seal every token with',
    });
  if (problems.length > 0 || !key || !result.success) throw new ConfigError(problems);
  const previous = result.data.TOKEN_ENCRYPTION_KEY_PREVIOUS;
  return { key, previous: previous === undefined ? undefined : decodeKey(previous) };
}

export function formatConfigError(error: ConfigError): string {
  const lines = error.problems.map((p) => `  - ${p.variable}: ${p.message}`);
  return `Trust Habits cannot start: the configuration is invalid.\n${lines.join('\n')}\nSee .env.example for every variable.`;
}
