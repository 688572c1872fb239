import { loadDatabaseConfig, loadTokenKeys } from '../config.ts';
import { createLogger } from '../logger.ts';
import { resealAllInstallations } from '../persistence/pg-installation.repository.ts';
import { createTokenCipher } from '../persistence/token-cipher.ts';
import { runCommand, withDatabase } from './run-command.ts';

// `npm run rotate-tokens`: after setting a new TOKEN_ENCRYPTION_KEY with the old one as
// TOKEN_ENCRYPTION_KEY_PREVIOUS, seals every stored workspace token with the new key at once (the
// app also does it row by row as it reads them). Then TOKEN_ENCRYPTION_KEY_PREVIOUS can be removed.

await runCommand(
  'Token rotation failed',
  async () => {
    const settings = loadDatabaseConfig();
    const { key, previous } = loadTokenKeys();
    const logger = createLogger(settings.logLevel);
    await withDatabase(settings, async (database) => {
      const { checked, resealed } = await resealAllInstallations(
        database.db,
        createTokenCipher(key, previous),
      );
      logger.info({ checked, resealed }, 'workspace tokens sealed with the current key');
      process.stdout.write(`${resealed} of ${checked} installations re-encrypted with the current key.\n`);
    });
  },
  'Rows already done keep the new key; a row the keys cannot read is left as it was. Fix the keys and run it again.\n',
);
