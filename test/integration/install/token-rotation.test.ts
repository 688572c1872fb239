import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/logger.ts';
import { createTokenCipher } from '../../../src/persistence/token-cipher.ts';
import { createOAuthWorkspaces, type OAuthWorkspaces } from '../../../src/slack/install/oauth-workspaces.ts';
import { manifestBotScopes } from '../../../src/slack/install/manifest-scopes.ts';
import { createAppContext } from '../../../src/app-context.ts';
import { systemClock } from '../../../src/system-clock.ts';
import { ALICE_ID, DEMO_TEAM_ID } from '../../support/slack-emulator/seed.ts';
import {
  EMULATOR_CLIENT_ID,
  EMULATOR_CLIENT_SECRET,
  SlackEmulator,
} from '../../support/slack-emulator/slack-emulator.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

// Two app instances on one database, and Slack's clock under the test's control.
const KEY = Buffer.alloc(32, 9);
const HOUR = 3600_000;
let now = Date.parse('2027-03-01T08:00:00Z');
let emulator: SlackEmulator;
let database: TestDatabase;
let first: OAuthWorkspaces;
let second: OAuthWorkspaces;

beforeAll(async () => {
  emulator = await SlackEmulator.start({ now: () => now });
  emulator.seedDemoWorkspace();
  emulator.enableTokenRotation();
  database = await createTestDatabase();
  const { config, secrets } = parseConfig({
    SLACK_SIGNING_SECRET: 'rotation-test-signing-secret-0123456789',
    SLACK_CLIENT_ID: EMULATOR_CLIENT_ID,
    SLACK_CLIENT_SECRET: EMULATOR_CLIENT_SECRET,
    SLACK_STATE_SECRET: 'rotation-test-state-secret-0123456789',
    TOKEN_ENCRYPTION_KEY: KEY.toString('hex'),
    SLACK_API_URL: emulator.apiUrl,
    PULSE_SECRET: 'rotation-test-pulse-secret-0123456789',
    DATA_DIR: '.tmp/rotation-test',
  });
  const instance = () =>
    createOAuthWorkspaces({
      config,
      secrets,
      installations: createAppContext({
        db: database.db,
        clock: systemClock,
        config,
        secrets,
        logger: createLogger('silent'),
      }).stores.installations,
      logger: createLogger('silent'),
      now: () => now,
    });
  first = instance();
  second = instance();
});
afterAll(async () => {
  await database.close();
  await emulator.close();
});

/** What Bolt's installer does with the redirect's code: exchange it and store the result. */
async function installWithRotation(): Promise<string> {
  const code = emulator.issueOAuthCode({
    teamId: DEMO_TEAM_ID,
    userId: ALICE_ID,
    scopes: manifestBotScopes(),
  });
  const client = new webApi.WebClient(undefined, {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: 0 },
  });
  const answer = (await client.oauth.v2.access({
    code,
    client_id: EMULATOR_CLIENT_ID,
    client_secret: EMULATOR_CLIENT_SECRET,
  })) as { access_token: string; refresh_token: string; expires_in: number; bot_user_id: string };
  expect(answer.access_token).toMatch(/^xoxe\.xoxb-/);
  await first.installationStore.storeInstallation({
    team: { id: DEMO_TEAM_ID, name: 'Acme' },
    enterprise: undefined,
    isEnterpriseInstall: false,
    authVersion: 'v2',
    tokenType: 'bot',
    appId: 'A0TRUST01',
    user: { id: ALICE_ID, token: undefined, scopes: undefined },
    bot: {
      token: answer.access_token,
      refreshToken: answer.refresh_token,
      expiresAt: Math.floor(now / 1000) + answer.expires_in,
      scopes: manifestBotScopes(),
      id: 'B0TRUST01',
      userId: answer.bot_user_id,
    },
  });
  return answer.access_token;
}

const refreshes = () =>
  emulator.calls('oauth.v2.access').filter((c) => c.params.grant_type === 'refresh_token');

async function storedRow() {
  return database.db
    .selectFrom('installations')
    .selectAll()
    .where('workspace_id', '=', DEMO_TEAM_ID)
    .executeTakeFirstOrThrow();
}

describe('token rotation', () => {
  let installedToken = '';
  let installedAt = 0;

  beforeEach(async () => {
    now = Date.parse('2027-03-01T08:00:00Z');
    emulator.reset();
    installedAt = now;
    installedToken = await installWithRotation();
  });

  it('keeps using the token while more than 10 minutes are left', async () => {
    now = installedAt + 11 * HOUR + 49 * 60_000;
    const client = await first.clientFor(DEMO_TEAM_ID);
    expect(client.token).toBe(installedToken);
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true, team_id: DEMO_TEAM_ID });
    expect(refreshes()).toHaveLength(0);
    // The refresh token is stored encrypted like the bot token.
    const row = await storedRow();
    expect(row.bot_refresh_token).not.toMatch(/xoxe/);
    expect(row.bot_token).not.toContain(installedToken);
  });

  it('refreshes once before expiry, even when two instances ask at the same moment', async () => {
    now = installedAt + 11 * HOUR + 52 * 60_000; // 8 minutes left
    const cipher = createTokenCipher(KEY);
    const spentRefreshToken = cipher.decrypt((await storedRow()).bot_refresh_token ?? '', DEMO_TEAM_ID);
    const clients = await Promise.all([
      first.clientFor(DEMO_TEAM_ID),
      second.clientFor(DEMO_TEAM_ID),
      first.bulkClientFor(DEMO_TEAM_ID),
      second.bulkClientFor(DEMO_TEAM_ID),
    ]);
    expect(refreshes()).toHaveLength(1);
    expect(refreshes()[0]?.response).toMatchObject({ ok: true });
    const fresh = emulator.botToken(DEMO_TEAM_ID);
    expect(fresh).not.toBe(installedToken);
    // Instances that did not refresh may use the old token a little longer; it is still valid.
    for (const client of clients) expect([fresh, installedToken]).toContain(client.token);
    expect((await first.clientFor(DEMO_TEAM_ID)).token).toBe(fresh);
    expect((await second.bulkClientFor(DEMO_TEAM_ID)).token).toBe(fresh);

    const row = await storedRow();
    expect(cipher.decrypt(row.bot_token, DEMO_TEAM_ID)).toBe(fresh);
    expect(new Date(row.bot_token_expires_at ?? 0).getTime()).toBe(now + 12 * HOUR);
    expect(row.refresh_claimed_until).toBeNull();

    // Long after the first token's 12 hours, the stored one still works without another refresh.
    now = installedAt + 12 * HOUR + 30 * 60_000;
    const later = await second.clientFor(DEMO_TEAM_ID);
    await expect(later.auth.test()).resolves.toMatchObject({ ok: true });
    expect(refreshes()).toHaveLength(1);
    // Refresh tokens are single-use: the one just spent is refused from now on.
    const anyone = new webApi.WebClient(undefined, {
      slackApiUrl: emulator.apiUrl,
      retryConfig: { retries: 0 },
    });
    await expect(
      anyone.oauth.v2.access({
        client_id: EMULATOR_CLIENT_ID,
        client_secret: EMULATOR_CLIENT_SECRET,
        grant_type: 'refresh_token',
        refresh_token: spentRefreshToken,
      }),
    ).rejects.toMatchObject({ data: { error: 'invalid_refresh_token' } });
  });

  it('refreshes an already expired token before using it (after downtime)', async () => {
    now = installedAt + 13 * HOUR;
    const stale = new webApi.WebClient(installedToken, {
      slackApiUrl: emulator.apiUrl,
      retryConfig: { retries: 0 },
    });
    await expect(stale.auth.test()).rejects.toMatchObject({ data: { error: 'token_expired' } });

    const client = await first.bulkClientFor(DEMO_TEAM_ID);
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    expect(refreshes()).toHaveLength(1);
  });

  it('answers Bolt’s per-request lookup with a fresh token and no refresh data, so Bolt never refreshes by itself', async () => {
    now = installedAt + 11 * HOUR + 55 * 60_000;
    const installation = await second.installationStore.fetchInstallation({
      teamId: DEMO_TEAM_ID,
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(installation.bot?.token).toBe(emulator.botToken(DEMO_TEAM_ID));
    expect(installation.bot?.refreshToken).toBeUndefined();
    expect(installation.bot?.expiresAt).toBeUndefined();
    expect(refreshes()).toHaveLength(1);
  });
});
