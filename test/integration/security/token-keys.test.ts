import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPgInstallationRepository,
  resealAllInstallations,
  type StoredInstallation,
} from '../../../src/persistence/pg-installation.repository.ts';
import { createTokenCipher, tokenKeyId } from '../../../src/persistence/token-cipher.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

// Rotating TOKEN_ENCRYPTION_KEY: the new key goes in, the old one becomes
// TOKEN_ENCRYPTION_KEY_PREVIOUS; rows are sealed again as they are read, or all at once with
// `npm run rotate-tokens`, after which the previous key can go.

let database: TestDatabase;
const oldKey = Buffer.alloc(32, 7);
const newKey = Buffer.alloc(32, 8);
const now = new Date('2027-01-04T07:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

function installation(workspaceId: string): StoredInstallation {
  return {
    workspaceId,
    teamName: 'Rotating',
    enterpriseId: undefined,
    appId: 'A0TRUST01',
    botToken: `xoxb-${workspaceId}-bot`,
    botId: 'B0ROT0001',
    botUserId: 'U0ROTBOT1',
    scopes: ['commands'],
    refreshToken: `xoxe-1-${workspaceId}-refresh`,
    expiresAt: new Date(now.getTime() + 12 * 3_600_000),
    installerUserId: 'U0ALICE01',
  };
}

async function sealed(workspaceId: string) {
  return database.db
    .selectFrom('installations')
    .select(['bot_token', 'bot_refresh_token'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
}

describe('rotating the token key', () => {
  it('reads rows sealed with the previous key and seals them again with the new one on read', async () => {
    await createPgInstallationRepository(database.db, createTokenCipher(oldKey)).save(
      installation('T0ROTATE1'),
      now,
    );
    expect((await sealed('T0ROTATE1')).bot_token.startsWith(`v2.${tokenKeyId(oldKey)}.`)).toBe(true);

    const rotated = createPgInstallationRepository(database.db, createTokenCipher(newKey, oldKey));
    const found = await rotated.find('T0ROTATE1');
    expect(found?.botToken).toBe('xoxb-T0ROTATE1-bot');
    expect(found?.refreshToken).toBe('xoxe-1-T0ROTATE1-refresh');

    const row = await sealed('T0ROTATE1');
    expect(row.bot_token.startsWith(`v2.${tokenKeyId(newKey)}.`)).toBe(true);
    expect(row.bot_refresh_token?.startsWith(`v2.${tokenKeyId(newKey)}.`)).toBe(true);
    // The previous key is no longer needed for this row.
    const newOnly = createPgInstallationRepository(database.db, createTokenCipher(newKey));
    expect((await newOnly.find('T0ROTATE1'))?.botToken).toBe('xoxb-T0ROTATE1-bot');
  });

  it('seals every row again at once (npm run rotate-tokens), leaving current rows alone', async () => {
    const before = createPgInstallationRepository(database.db, createTokenCipher(oldKey));
    await before.save(installation('T0ROTATE2'), now);
    await before.save(installation('T0ROTATE3'), now);
    const current = await sealed('T0ROTATE1');

    const result = await resealAllInstallations(database.db, createTokenCipher(newKey, oldKey));
    expect(result).toEqual({ checked: 3, resealed: 2 });
    expect(await sealed('T0ROTATE1')).toEqual(current);
    const newOnly = createPgInstallationRepository(database.db, createTokenCipher(newKey));
    for (const id of ['T0ROTATE2', 'T0ROTATE3'])
      expect((await newOnly.find(id))?.refreshToken).toBe(`xoxe-1-${id}-refresh`);
  });
});

describe('npm run rotate-tokens', () => {
  it('refuses to run without the new key, naming it, without a stack trace', () => {
    const result = spawnSync('node_modules/.bin/tsx', ['src/cli/rotate-tokens.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'rotate-')),
        TOKEN_ENCRYPTION_KEY_PREVIOUS: oldKey.toString('hex'),
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('TOKEN_ENCRYPTION_KEY: required');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 70_000);
});
