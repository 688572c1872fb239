import { loadDatabaseConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { migrateToLatest } from '../persistence/migrator.ts';
import { runCommand, withDatabase } from './run-command.ts';

await runCommand('Migration failed', async () => {
  const settings = loadDatabaseConfig();
  const logger = createLogger(settings.logLevel);
  await withDatabase(settings, async (database) => {
    const { applied } = await migrateToLatest(database.db);
    logger.info(
      { applied, backend: database.kind },
      applied.length ? 'migrations applied' : 'database already up to date',
    );
  });
});
