import { ConfigError, formatConfigError, loadConfig } from './config.ts';

// Process entry for `npm start`: configuration, start, and stop on SIGTERM/SIGINT. Only the
// configuration is loaded up front, so a bad environment is reported before Bolt, the database
// driver and the rest are even read from disk.

const SHUTDOWN_LIMIT_MS = 20_000;

async function main(): Promise<void> {
  let loaded: ReturnType<typeof loadConfig>;
  try {
    loaded = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${formatConfigError(error)}\n`);
      process.exit(78);
    }
    throw error;
  }
  const [{ startApp }, { createLogger }] = await Promise.all([import('./app.ts'), import('./logger.ts')]);
  const logger = createLogger(loaded.config.logLevel, undefined, {
    slackBodies: loaded.config.logSlackBodies,
  });
  logger.info({ config: loaded.config }, 'starting Trust Habits');
  const app = await startApp({ ...loaded, logger });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    app.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Trust Habits failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
