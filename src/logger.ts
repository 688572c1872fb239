import { type Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';
import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.ts';
import { requestLogFields } from './request-context.ts';

export type { Logger };

// Secrets and bodies never reach the log, whatever a caller passes.
const redactPaths = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'signingSecret',
  '*.signingSecret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'body',
  '*.body',
  'rawBody',
  'score',
  '*.score',
  'scores',
  '*.scores',
  '*.*.score',
  '*.*.scores',
  // Pulse answers in any shape a caller might pass (the pulse code itself never logs them).
  'ratings',
  '*.ratings',
  'pending',
  '*.pending',
  // OAuth and token fields by name, whoever logs them (the error `code` of `err` stays readable).
  ...['client_secret', 'clientSecret', 'refresh_token', 'refreshToken', 'access_token', 'client_id'].flatMap(
    (name) => [name, `*.${name}`],
  ),
  'code',
  'query.code',
  'params.code',
  'body.code',
  'clientId',
  '*.clientId',
  '*.*.clientId',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
];

/** Field names whose values never reach a log line, in JSON (`"name":"…"`) or form/query (`name=…`) text. */
const SECRET_FIELDS =
  'client_secret|client_id|code|state|refresh_token|access_token|token|bot_token|user_token';
const jsonSecret = new RegExp(`("(?:${SECRET_FIELDS})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
const formSecret = new RegExp(`([?&\\s"'(,]|^)(${SECRET_FIELDS})=[^&\\s"',)]*`, 'gi');

/**
 * Scrubs secrets out of text that is about to be logged: OAuth fields by name, bearer credentials
 * and anything shaped like a Slack token. Applied to every message string, whatever the level.
 */
export function scrubSecrets(text: string): string {
  return text
    .replace(jsonSecret, '$1"[redacted]"')
    .replace(formSecret, '$1$2=[redacted]')
    .replace(/(authorization"?\s*[:=]\s*"?)(?:Bearer|Basic)\s+[^\s",}]+/gi, '$1[redacted]')
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 [redacted]')
    .replace(/xox[a-z]?[.-][A-Za-z0-9.-]+/g, '[redacted-token]');
}

const slackBodies = Symbol('logSlackBodies');
type BodyFlag = { [slackBodies]?: boolean };

export interface LoggerOptions {
  /**
   * Log Slack request and response bodies (Bolt and Web API debug lines). Unsafe: they hold what
   * people wrote and profile details. Off unless LOG_SLACK_BODIES=1.
   */
  slackBodies?: boolean;
}

export function createLogger(
  level: LogLevel,
  destination?: pino.DestinationStream,
  options: LoggerOptions = {},
): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'trust-habits' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Every line written while a request or tick is handled names it, so its lines can be found.
      mixin: requestLogFields,
      hooks: {
        // Message strings are scrubbed too: redact paths only reach the fields of logged objects.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
  // Children are made with Object.create, so they see the flag through the prototype.
  (logger as Logger & BodyFlag)[slackBodies] = options.slackBodies === true;
  return logger;
}

const boltLevels: Record<string, BoltLogLevel> = {
  trace: BoltLogLevel.DEBUG,
  debug: BoltLogLevel.DEBUG,
  info: BoltLogLevel.INFO,
  warn: BoltLogLevel.WARN,
  error: BoltLogLevel.ERROR,
  fatal: BoltLogLevel.ERROR,
  silent: BoltLogLevel.ERROR,
};

/** Bolt and the Web API client log through our root logger. */
export function toBoltLogger(logger: Logger): BoltLogger {
  let child = logger.child({ subsystem: 'bolt' });
  const bodies = (logger as Logger & BodyFlag)[slackBodies] === true;
  // Bolt logs at debug on every request; build the line only when someone will read it.
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      if (child.isLevelEnabled(level)) child[level](joinMessage(msg, bodies));
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: () => {},
    getLevel: () => boltLevels[logger.level] ?? BoltLogLevel.INFO,
    setName: (name: string) => {
      child = logger.child({ subsystem: name });
    },
  };
}

const OMITTED = '[body omitted; LOG_SLACK_BODIES=1 logs it]';

/**
 * Bolt and the Web API client log whole request and response bodies at debug (`http request body:
 * {…}`, `http request result: {…}`, the incoming payload, `ack() … (body: …)`). Unless bodies are
 * asked for, everything from the first `{` or `[` of a line, a `(body: …)` and any logged object is
 * left out; the rest is scrubbed of secrets either way.
 */
function joinMessage(parts: unknown[], bodies: boolean): string {
  const text = parts
    .map((p) =>
      typeof p === 'string'
        ? bodies
          ? p
          : withoutBody(p)
        : p instanceof Error
          ? p.message
          : bodies
            ? safeJson(p)
            : OMITTED,
    )
    .join(' ');
  return scrubSecrets(text);
}

function withoutBody(text: string): string {
  const cut = text.replace(/\(body: [\s\S]*\)$/, `(body: ${OMITTED})`);
  const start = cut.search(/[{[]/);
  return start === -1 || cut.startsWith('[body omitted') ? cut : `${cut.slice(0, start)}${OMITTED}`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
