import { ConfigError, formatConfigError } from '../config.ts';
import { type DatabaseHandle, openDatabase } from '../persistence/database.ts';

/**
 * Runs a one-shot command: a configuration problem exits 78 (EX_CONFIG) with what to fix, any
 * other failure exits 1 with `failure` and the error's message (and `hint`, when given).
 */
export async function runCommand(failure: string, work: () => Promise<void>, hint = ''): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${formatConfigError(error)}\n`);
      process.exit(78);
    }
    process.stderr.write(`${failure}: ${error instanceof Error ? error.message : String(error)}\n${hint}`);
    process.exit(1);
  }
}

/** Opens the database (DATABASE_URL, else the embedded one in DATA_DIR), works, and closes it. */
export async function withDatabase<T>(
  settings: { databaseUrl: string | undefined; dataDir: string },
  work: (database: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(settings);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
