import { ConfigError, formatConfigError, loadDatabaseConfig, loadTokenKeys } from '../config.ts';
import { createLogger } from '../logger.ts';
import { openDatabase } from '../persistence/database.ts';
import { resealAllInstallations } from '../persistence/pg-installation.repository.ts';
import { createTokenCipher } from '../persistence/token-cipher.ts';

// `npm run rotate-tokens`: after setting a new TOKEN_ENCRYPTION_KEY with the old one as
// TOKEN_ENCRYPTION_KEY_PREVIOUS, seals every stored workspace token with the new key at once (the
// app also does it row by row as it reads them). Then TOKEN_ENCRYPTION_KEY_PREVIOUS can be removed.

try {
  const settings = loadDatabaseConfig();
  const { key, previous } = loadTokenKeys();
  const logger = createLogger(settings.logLevel);
  const database = await openDatabase(settings);
  try {
    const { checked, resealed } = await resealAllInstallations(database.db, createTokenCipher(key, previous));
    logger.info({ checked, resealed }, 'workspace tokens sealed with the current key');
    process.stdout.write(`${resealed} of ${checked} installations re-encrypted with the current key.\n`);
  } finally {
    await database.close();
  }
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${formatConfigError(error)}\n`);
    process.exit(78);
  }
  process.stderr.write(
    `Token rotation failed: ${error instanceof Error ? error.message : String(error)}\n` +
      'Rows already done keep the new key; a row the keys cannot read is left as it was. Fix the keys and run it again.\n',
  );
  process.exit(1);
}
