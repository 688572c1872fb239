import { ConfigError, formatConfigError, loadDatabaseConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { openDatabase } from '../persistence/database.ts';
import { migrateToLatest } from '../persistence/migrator.ts';

try {
  const settings = loadDatabaseConfig();
  const logger = createLogger(settings.logLevel);
  const database = await openDatabase(settings);
  try {
    const { applied } = await migrateToLatest(database.db);
    logger.info(
      { applied, backend: database.kind },
      applied.length ? 'migrations applied' : 'database already up to date',
    );
  } finally {
    await database.close();
  }
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${formatConfigError(error)}\n`);
    process.exit(78);
  }
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
