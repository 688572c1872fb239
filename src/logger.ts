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
];

export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'trust-habits' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Every line written while a request or tick is handled names it, so its lines can be found.
      mixin: requestLogFields,
    },
    destination,
  );
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
  // Bolt logs at debug on every request; build the line only when someone will read it.
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      if (child.isLevelEnabled(level)) child[level](joinMessage(msg));
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

function joinMessage(parts: unknown[]): string {
  return parts
    .map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : safeJson(p)))
    .join(' ')
    .replace(/xox[abpe]-[A-Za-z0-9-]+/g, '[redacted-token]');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
