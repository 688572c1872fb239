import { startApp } from './app.ts';
import { ConfigError, formatConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

// Process entry for `npm start`: configuration, start, and stop on SIGTERM/SIGINT.

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
  const logger = createLogger(loaded.config.logLevel);
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
