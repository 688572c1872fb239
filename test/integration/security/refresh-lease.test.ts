import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.ts';
import { createPgInstallationRepository } from '../../../src/persistence/pg-installation.repository.ts';
import { createTokenCipher } from '../../../src/persistence/token-cipher.ts';
import { createWorkspaceTokens } from '../../../src/slack/install/workspace-tokens.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

// A token refresh is leased to one instance for 30 s. An instance that stalls past its lease (a GC
// pause, a slow network) must not save over what the instance that took the lease over stored.

let database: TestDatabase;
const cipher = createTokenCipher(Buffer.alloc(32, 12));
let now = Date.parse('2027-03-01T08:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('a token refresh that outlives its lease', () => {
  it('does not overwrite the token another instance saved meanwhile', async () => {
    const installations = createPgInstallationRepository(database.db, cipher);
    await installations.save(
      {
        workspaceId: 'T0LEASE01',
        teamName: 'Lease',
        enterpriseId: undefined,
        appId: 'A0TRUST01',
        botToken: 'xoxe.xoxb-old',
        botId: 'B0LEASE01',
        botUserId: 'U0LEASEBT',
        scopes: ['commands'],
        refreshToken: 'xoxe-1-old',
        expiresAt: new Date(now + 5 * 60_000),
        installerUserId: 'U0ALICE01',
      },
      new Date(now),
    );
    const tokens = createWorkspaceTokens({
      installations,
      logger: createLogger('silent'),
      now: () => now,
      refresher: {
        async refresh() {
          // This instance stalls for 40 s; meanwhile another one takes the expired lease over,
          // refreshes and saves its own token.
          now += 40_000;
          const other = new Date(now + 30_000);
          const claimed = await installations.claimRefresh('T0LEASE01', {
            now: new Date(now),
            expiringBefore: new Date(now + 10 * 60_000),
            leaseUntil: other,
          });
          expect(claimed).toBe('xoxe-1-old');
          const saved = await installations.saveRefreshed(
            'T0LEASE01',
            {
              botToken: 'xoxe.xoxb-theirs',
              refreshToken: 'xoxe-1-theirs',
              expiresAt: new Date(now + 12 * 3600_000),
            },
            new Date(now),
            other,
          );
          expect(saved).toBe(true);
          return { botToken: 'xoxe.xoxb-mine', refreshToken: 'xoxe-1-mine', expiresInSeconds: 12 * 3600 };
        },
      },
    });
    const used = await tokens.installationFor('T0LEASE01');
    const stored = await installations.find('T0LEASE01');
    expect(stored?.botToken).toBe('xoxe.xoxb-theirs');
    expect(stored?.refreshToken).toBe('xoxe-1-theirs');
    // This request goes on with what is stored.
    expect(used?.botToken).toBe('xoxe.xoxb-theirs');
  });
});
