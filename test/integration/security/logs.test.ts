import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenCipher } from '../../../src/persistence/token-cipher.ts';
import { manifestBotScopes } from '../../../src/slack/install/manifest-scopes.ts';
import { eventually } from '../../support/eventually.ts';
import { commandReply } from '../../support/command-reply.ts';
import { ALICE_ID, BOB_ID, DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET } from '../../support/slack-emulator/slack-emulator.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

// At LOG_LEVEL=debug Bolt and the Web API client log every request and answer. Secrets must never
// reach the log, whatever the level, and what people wrote or Slack said about them only when
// LOG_SLACK_BODIES=1 asks for it.

const KEY = Buffer.alloc(32, 11);
const ORG_TEAM = 'T0INITECH';

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

describe('an OAuth install, a token refresh and an uninstall at debug', () => {
  let t: TestApp;
  const log = capture();

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        LOG_LEVEL: 'debug',
        SLACK_BOT_TOKEN: '',
        SLACK_CLIENT_ID: EMULATOR_CLIENT_ID,
        SLACK_CLIENT_SECRET: EMULATOR_CLIENT_SECRET,
        SLACK_STATE_SECRET: 'logs-test-state-secret-0123456789abcdef',
        TOKEN_ENCRYPTION_KEY: KEY.toString('base64'),
      },
      logDestination: log.destination,
    });
    t.emulator.enableTokenRotation();
    t.emulator.addWorkspace({
      id: ORG_TEAM,
      name: 'Initech',
      enterpriseId: 'E0INITECH',
      enterpriseName: 'Initech',
    });
    t.emulator.addUser(ORG_TEAM, { id: 'U0INIADM1', name: 'admin', isAdmin: true });
  });
  afterAll(async () => {
    await t.close();
  });

  async function install(teamId: string, userId: string, enterpriseInstall = false) {
    const start = await fetch(`${t.app.url}/slack/install`, { redirect: 'manual' });
    const authorize = new URL(start.headers.get('location') ?? '');
    const state = authorize.searchParams.get('state') ?? '';
    const cookie = (start.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const code = t.emulator.issueOAuthCode({
      teamId,
      userId,
      scopes: manifestBotScopes(),
      ...(enterpriseInstall ? { enterpriseInstall } : {}),
    });
    const done = await fetch(
      `${t.app.url}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`,
      {
        redirect: 'manual',
        headers: { cookie },
      },
    );
    await done.text();
    return { code, state, status: done.status };
  }

  async function stored() {
    const row = await t.database.db
      .selectFrom('installations')
      .selectAll()
      .where('workspace_id', '=', DEMO_TEAM_ID)
      .executeTakeFirstOrThrow();
    const cipher = createTokenCipher(KEY);
    return {
      bot: cipher.decrypt(row.bot_token, DEMO_TEAM_ID),
      refresh: cipher.decrypt(row.bot_refresh_token ?? '', DEMO_TEAM_ID),
    };
  }

  it('leaves no client secret, code, token or refresh token in the log', async () => {
    const secrets: string[] = [EMULATOR_CLIENT_SECRET, EMULATOR_CLIENT_ID, TEST_STATE_SECRET];
    const installed = await install(DEMO_TEAM_ID, ALICE_ID);
    expect(installed.status).toBe(200);
    secrets.push(installed.code, installed.state);
    const first = await stored();
    secrets.push(first.bot, first.refresh);

    // Five minutes left: the next request refreshes the token first.
    await t.database.db
      .updateTable('installations')
      .set({ bot_token_expires_at: new Date(Date.now() + 5 * 60_000) })
      .where('workspace_id', '=', DEMO_TEAM_ID)
      .execute();
    const before = t.emulator.responses().length;
    const ack = await t.driver.command({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      channelId: TEAM_CHANNEL_ID,
      text: 'promises',
    });
    await commandReply(t.emulator, ack, before);
    const refreshed = await stored();
    expect(refreshed.bot).not.toBe(first.bot);
    secrets.push(refreshed.bot, refreshed.refresh);

    // An org-wide install is refused and its token handed back with apps.uninstall.
    const org = await install(ORG_TEAM, 'U0INIADM1', true);
    expect(org.status).toBe(403);
    secrets.push(org.code);
    expect(t.emulator.calls('apps.uninstall').at(-1)?.response).toMatchObject({ ok: true });
    await t.driver.event({ teamId: DEMO_TEAM_ID, event: { type: 'app_uninstalled' } });
    await eventually(
      async () =>
        (await t.database.db.selectFrom('installations').select('workspace_id').execute()).length === 0,
    );

    const text = log.lines.join('');
    // The log did record the calls (so this is not passing on an empty log)…
    expect(text).toContain('oauth.v2.access');
    expect(text).toContain('apps.uninstall');
    // …but none of the secrets.
    for (const secret of secrets) expect(text, secret.slice(0, 12)).not.toContain(secret);
    expect(text).not.toMatch(/client_secret"?\s*[:=]\s*"?[^"[\s]/);
    expect(text).not.toMatch(/xox[a-z]?[.-]/);
  });
});

const TEST_STATE_SECRET = 'logs-test-state-secret-0123456789abcdef';

describe('one workspace at debug', () => {
  const promiseText = 'send the confidential merger numbers';

  async function run(env: Record<string, string>) {
    const log = capture();
    const t = await startTestApp({ env: { LOG_LEVEL: 'debug', ...env }, logDestination: log.destination });
    try {
      const before = t.emulator.responses().length;
      const ack = await t.driver.command({
        teamId: DEMO_TEAM_ID,
        userId: ALICE_ID,
        channelId: TEAM_CHANNEL_ID,
        text: `promise <@${BOB_ID}> ${promiseText} by friday 3pm`,
      });
      await commandReply(t.emulator, ack, before);
      await t.app.outbox.idle();
      return { text: log.lines.join(''), token: t.emulator.botToken(DEMO_TEAM_ID) };
    } finally {
      await t.close();
    }
  }

  it('keeps what people wrote and their profiles out of the log unless LOG_SLACK_BODIES=1', async () => {
    const quiet = await run({});
    expect(quiet.text).toContain('users.info');
    expect(quiet.text).not.toContain('merger numbers');
    expect(quiet.text).not.toContain('Alice Aasen');
    expect(quiet.text).not.toContain(quiet.token);

    const loud = await run({ LOG_SLACK_BODIES: '1' });
    expect(loud.text).toContain('merger numbers');
    // Even then, no token.
    expect(loud.text).not.toContain(loud.token);
  }, 90_000);
});
