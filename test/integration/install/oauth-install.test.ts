import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateSchedule } from '../../../src/domain/checkins/checkin.service.ts';
import { createPgCheckinRepository } from '../../../src/persistence/pg-checkin.repository.ts';
import { createPgTeamRepository } from '../../../src/persistence/pg-team.repository.ts';
import { createTokenCipher } from '../../../src/persistence/token-cipher.ts';
import { runTick } from '../../../src/scheduler/scheduler.ts';
import { manifestBotScopes } from '../../../src/slack/install/manifest-scopes.ts';
import { commandReply } from '../../support/command-reply.ts';
import { ALICE_ID, BOB_ID, DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET } from '../../support/slack-emulator/slack-emulator.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';
import { TestClock } from '../../support/test-clock.ts';

const KEY = Buffer.alloc(32, 7);
const GLOBEX = 'T0GLOBEX1';
const BEA = 'U0GLOBEA1';
const BEN = 'U0GLOBEN1';
const GLOBEX_CHANNEL = 'C0GLOBEX1';
const ORG_TEAM = 'T0INITECH';
const clock = new TestClock('2027-03-01T07:00:00Z'); // a Monday

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({
    clock,
    env: {
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: EMULATOR_CLIENT_ID,
      SLACK_CLIENT_SECRET: EMULATOR_CLIENT_SECRET,
      SLACK_STATE_SECRET: 'oauth-test-state-secret-0123456789abc',
      TOKEN_ENCRYPTION_KEY: KEY.toString('base64'),
    },
  });
  t.emulator.addWorkspace({ id: GLOBEX, name: 'Globex' });
  t.emulator.addUser(GLOBEX, { id: BEA, name: 'bea', tz: 'Asia/Tokyo' });
  t.emulator.addUser(GLOBEX, { id: BEN, name: 'ben', tz: 'Asia/Tokyo' });
  t.emulator.addChannel({
    id: GLOBEX_CHANNEL,
    teamId: GLOBEX,
    name: 'globex-team',
    members: [BEA, BEN],
    botIsMember: true,
  });
  t.emulator.addWorkspace({
    id: ORG_TEAM,
    name: 'Initech',
    enterpriseId: 'E0INITECH',
    enterpriseName: 'Initech Org',
  });
  t.emulator.addUser(ORG_TEAM, { id: 'U0INIADM1', name: 'admin', isAdmin: true });
});
afterAll(async () => {
  await t.close();
});

const STATE_COOKIE = 'slack-app-oauth-state';

/** The browser opens the install page: Bolt sets the state cookie and sends it on to Slack. */
async function startInstall(): Promise<{ authorize: URL; state: string; cookie: string }> {
  const res = await fetch(`${t.app.url}/slack/install`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const authorize = new URL(res.headers.get('location') ?? '');
  const state = authorize.searchParams.get('state') ?? '';
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${STATE_COOKIE}=`)) ?? '';
  return { authorize, state, cookie: cookie.split(';')[0] ?? '' };
}

/** Slack sends the browser back with a code; the app exchanges it. */
async function finishInstall(query: string, cookie?: string, language = 'en') {
  const res = await fetch(`${t.app.url}/slack/oauth_redirect?${query}`, {
    redirect: 'manual',
    headers: { 'accept-language': language, ...(cookie ? { cookie } : {}) },
  });
  return { status: res.status, html: await res.text() };
}

async function install(teamId: string, userId: string) {
  const { authorize, state, cookie } = await startInstall();
  const code = t.emulator.issueOAuthCode({
    teamId,
    userId,
    scopes: (authorize.searchParams.get('scope') ?? '').split(','),
  });
  return finishInstall(`code=${code}&state=${encodeURIComponent(state)}`, cookie);
}

async function installationRow(workspaceId: string) {
  return t.database.db
    .selectFrom('installations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

async function trustIn(teamId: string, userId: string, channelId: string, text: string) {
  const before = t.emulator.responses().length;
  const ack = await t.driver.command({ teamId, userId, channelId, text });
  expect(ack.status).toBe(200);
  return JSON.stringify((await commandReply(t.emulator, ack, before)).body);
}

describe('OAuth install', () => {
  it('asks Slack for the manifest scopes with a state bound to the browser', async () => {
    const { authorize, state, cookie } = await startInstall();
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${t.emulator.url}/oauth/v2/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe(EMULATOR_CLIENT_ID);
    expect(authorize.searchParams.get('scope')).toBe(manifestBotScopes().join(','));
    expect(state.length).toBeGreaterThan(20);
    expect(cookie).toBe(`${STATE_COOKIE}=${state}`);
    // Only browser GETs reach the installer; Slack's own requests stay on /slack/events.
    expect((await fetch(`${t.app.url}/slack/install`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${t.app.url}/slack/events`)).status).toBe(404);
  });

  it('stores the installation with the token encrypted, and says so in the browser', async () => {
    const page = await install(DEMO_TEAM_ID, ALICE_ID);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Trust Habits is now installed in Acme');

    const token = t.emulator.botToken(DEMO_TEAM_ID);
    const row = await installationRow(DEMO_TEAM_ID);
    expect(row).toMatchObject({
      bot_user_id: t.emulator.workspace(DEMO_TEAM_ID).botUserId,
      bot_id: t.emulator.workspace(DEMO_TEAM_ID).botId,
      bot_scopes: manifestBotScopes().join(','),
      installer_user_id: ALICE_ID,
      is_enterprise_install: false,
      bot_refresh_token: null,
      bot_token_expires_at: null,
    });
    // At rest the column holds ciphertext only; the key from the environment opens it.
    expect(row?.bot_token).not.toContain(token);
    expect(row?.bot_token).not.toContain('xoxb');
    expect(createTokenCipher(KEY).decrypt(row?.bot_token ?? '', DEMO_TEAM_ID)).toBe(token);
    // The code was exchanged with the app's client credentials, then the token identified.
    expect(t.emulator.calls('oauth.v2.access').at(-1)?.response).toMatchObject({ ok: true });
    expect(t.emulator.calls('auth.test').at(-1)?.token).toBe(token);
  });

  it('answers in Norwegian to a Norwegian browser', async () => {
    const { state, cookie } = await startInstall();
    const page = await finishInstall(`error=access_denied&state=${state}`, cookie, 'nb-NO,nb;q=0.9');
    expect(page.status).toBe(400);
    expect(page.html).toContain('Installasjonen ble avbrutt i Slack');
  });

  it('refuses a forged, foreign or missing state and stores nothing', async () => {
    const exchanges = t.emulator.calls('oauth.v2.access').length;
    const { state, cookie } = await startInstall();
    const code = () =>
      t.emulator.issueOAuthCode({ teamId: GLOBEX, userId: BEA, scopes: manifestBotScopes() });

    const forged = await finishInstall(`code=${code()}&state=forged`, `${STATE_COOKIE}=forged`);
    const otherBrowser = await finishInstall(`code=${code()}&state=${state}`);
    const mismatch = await finishInstall(`code=${code()}&state=${state}`, `${STATE_COOKIE}=x${state}`);
    const absent = await finishInstall(`code=${code()}`, cookie);
    for (const page of [forged, otherBrowser, mismatch, absent]) {
      expect(page.status).toBe(400);
      expect(page.html).toContain('expired or was opened in another browser');
    }
    expect(t.emulator.calls('oauth.v2.access').length).toBe(exchanges);
    expect(await installationRow(GLOBEX)).toBeUndefined();
  });

  it('refuses an Enterprise Grid org-wide install with a clear page and gives the token back', async () => {
    const { state, cookie } = await startInstall();
    const code = t.emulator.issueOAuthCode({
      teamId: ORG_TEAM,
      userId: 'U0INIADM1',
      scopes: manifestBotScopes(),
      enterpriseInstall: true,
    });
    const page = await finishInstall(`code=${code}&state=${state}`, cookie);
    expect(page.status).toBe(403);
    expect(page.html).toContain('cannot be installed for a whole Enterprise Grid organisation');
    expect(await installationRow(ORG_TEAM)).toBeUndefined();
    expect(t.emulator.calls('apps.uninstall').at(-1)?.response).toMatchObject({ ok: true });
  });
});

describe('two workspaces installed through OAuth', () => {
  let acmeToken = '';
  let globexToken = '';

  beforeAll(async () => {
    if ((await installationRow(DEMO_TEAM_ID)) === undefined) await install(DEMO_TEAM_ID, ALICE_ID);
    expect((await install(GLOBEX, BEA)).status).toBe(200);
    acmeToken = t.emulator.botToken(DEMO_TEAM_ID);
    globexToken = t.emulator.botToken(GLOBEX);
    expect(acmeToken).not.toBe(globexToken);
  });

  it('answers commands with each workspace’s own token and data', async () => {
    const mark = t.emulator.calls().length;
    await trustIn(
      DEMO_TEAM_ID,
      ALICE_ID,
      TEAM_CHANNEL_ID,
      `promise <@${BOB_ID}|bob> send the Acme numbers by friday 3pm`,
    );
    await trustIn(GLOBEX, BEA, GLOBEX_CHANNEL, `promise <@${BEN}|ben> send the Globex numbers by friday 3pm`);
    await t.app.outbox.idle();
    await t.emulator.waitFor(() => t.emulator.dmsTo(BEN).length > 0 && t.emulator.dmsTo(BOB_ID).length > 0);

    const calls = t.emulator
      .calls()
      .slice(mark)
      .filter((c) => c.token !== undefined);
    const acmePeople = [ALICE_ID, BOB_ID, t.emulator.dmChannelId(ALICE_ID), t.emulator.dmChannelId(BOB_ID)];
    const globexPeople = [BEA, BEN, t.emulator.dmChannelId(BEA), t.emulator.dmChannelId(BEN)];
    const about = (ids: string[]) =>
      calls.filter((c) => ids.includes(String(c.params.user ?? c.params.channel ?? c.params.users ?? '')));
    expect(about(acmePeople).length).toBeGreaterThan(0);
    expect(about(globexPeople).length).toBeGreaterThan(0);
    expect(about(acmePeople).every((c) => c.token === acmeToken)).toBe(true);
    expect(about(globexPeople).every((c) => c.token === globexToken)).toBe(true);
    expect(calls.every((c) => c.response && (c.response as { ok?: boolean }).ok === true)).toBe(true);

    expect(t.emulator.dmsTo(BEN)[0]?.text).toContain(`<@${BEA}> made you a promise`);
    const benSees = await trustIn(GLOBEX, BEN, GLOBEX_CHANNEL, 'promises');
    expect(benSees).toContain('Globex numbers');
    expect(benSees).not.toContain('Acme numbers');
    const bobSees = await trustIn(DEMO_TEAM_ID, BOB_ID, TEAM_CHANNEL_ID, 'promises');
    expect(bobSees).toContain('Acme numbers');
    expect(bobSees).not.toContain('Globex numbers');
  });

  it('sends each workspace’s scheduled check-ins with its own token', async () => {
    const checkins = createPgCheckinRepository(t.database.db);
    clock.set('2027-03-01T07:00:00Z');
    for (const [workspaceId, userId, zone] of [
      [DEMO_TEAM_ID, ALICE_ID, 'Europe/Oslo'],
      [GLOBEX, BEA, 'Asia/Tokyo'],
    ] as const) {
      await updateSchedule(
        { checkins, clock },
        { workspaceId, userId, zone },
        { target: { weekday: 2, time: '10:00' }, optedOut: false, pausedUntil: null },
      );
    }
    const mark = t.emulator.calls('chat.postMessage').length;
    // Tuesday 10:00 in Tokyo is 01:00 UTC, in Oslo 09:00 UTC.
    for (const at of ['2027-03-02T01:00:00Z', '2027-03-02T09:00:00Z']) {
      clock.set(at);
      await runTick(t.app.scheduler, new Date(at), { budgetMs: 30_000 });
    }
    const posts = t.emulator.calls('chat.postMessage').slice(mark);
    const toAlice = posts.filter((c) => c.params.channel === ALICE_ID);
    const toBea = posts.filter((c) => c.params.channel === BEA);
    expect(toAlice).toHaveLength(1);
    expect(toBea).toHaveLength(1);
    expect(toAlice[0]?.token).toBe(acmeToken);
    expect(toBea[0]?.token).toBe(globexToken);
    const beaCheckin = JSON.stringify(t.emulator.dmsTo(BEA).at(-1));
    expect(beaCheckin).toMatch(/weekly check-in/i);
    expect(beaCheckin).not.toContain('Acme');
    expect(JSON.stringify(t.emulator.dmsTo(ALICE_ID).at(-1))).not.toContain('Globex');
  });

  it('posts each workspace’s digest with its own token', async () => {
    const teams = createPgTeamRepository(t.database.db);
    for (const [workspaceId, manager, member, channelId] of [
      [DEMO_TEAM_ID, ALICE_ID, BOB_ID, TEAM_CHANNEL_ID],
      [GLOBEX, BEA, BEN, GLOBEX_CHANNEL],
    ] as const) {
      if (await teams.findByChannel(workspaceId, channelId)) continue;
      const team = await teams.create({
        workspaceId,
        channelId,
        createdBy: manager,
        settings: {
          timeZone: 'Europe/Oslo',
          language: 'en',
          minGroupSize: 3,
          checkin: { weekday: 1, time: '10:00' },
          digest: { enabled: true, target: { weekday: 1, time: '09:00' } },
        },
      });
      if (!team) throw new Error('team not created');
      await teams.replaceMembers(team.id, [manager, member], clock.now());
    }
    const mark = t.emulator.calls('chat.postMessage').length;
    await trustIn(DEMO_TEAM_ID, ALICE_ID, TEAM_CHANNEL_ID, 'digest');
    await trustIn(GLOBEX, BEA, GLOBEX_CHANNEL, 'digest');
    await t.app.outbox.idle();
    const posts = t.emulator
      .calls('chat.postMessage')
      .slice(mark)
      .filter((c) => c.status === 200);
    const inAcme = posts.filter((c) => c.params.channel === TEAM_CHANNEL_ID);
    const inGlobex = posts.filter((c) => c.params.channel === GLOBEX_CHANNEL);
    expect(inAcme).toHaveLength(1);
    expect(inGlobex).toHaveLength(1);
    expect(inAcme[0]?.token).toBe(acmeToken);
    expect(inGlobex[0]?.token).toBe(globexToken);
    expect(JSON.stringify(inGlobex[0]?.params)).not.toContain('team-rocket');
  });

  it('forgets a workspace’s installation when it uninstalls, and keeps serving the other', async () => {
    const uninstall = await t.driver.event({ teamId: GLOBEX, event: { type: 'app_uninstalled' } });
    expect(uninstall.status).toBe(200);
    await expect.poll(() => installationRow(GLOBEX)).toBeUndefined();
    expect(await installationRow(DEMO_TEAM_ID)).toBeDefined();

    const mark = t.emulator.calls().length;
    const ack = await t.driver.command({
      teamId: GLOBEX,
      userId: BEA,
      channelId: GLOBEX_CHANNEL,
      text: 'promises',
    });
    expect(ack.json).toBeUndefined();
    expect(
      t.emulator
        .calls()
        .slice(mark)
        .filter((c) => c.token === globexToken),
    ).toEqual([]);
    expect(await trustIn(DEMO_TEAM_ID, BOB_ID, TEAM_CHANNEL_ID, 'promises')).toContain('Acme numbers');
  });
});

describe('an installation with token rotation', () => {
  const HOOLI = 'T0HOOLI01';
  const GAVIN = 'U0HOOGAV1';
  const RICHARD = 'U0HOORIC1';

  it('is refreshed by the first request that finds it close to expiry, then used for that request', async () => {
    t.emulator.addWorkspace({ id: HOOLI, name: 'Hooli' });
    t.emulator.addUser(HOOLI, { id: GAVIN, name: 'gavin' });
    t.emulator.addUser(HOOLI, { id: RICHARD, name: 'richard' });
    t.emulator.addChannel({ id: 'C0HOOLI01', teamId: HOOLI, name: 'hooli', members: [GAVIN, RICHARD] });
    t.emulator.enableTokenRotation();
    expect((await install(HOOLI, GAVIN)).status).toBe(200);
    const installed = t.emulator.botToken(HOOLI);
    expect(installed).toMatch(/^xoxe\.xoxb-/);
    const row = await installationRow(HOOLI);
    expect(row?.bot_refresh_token).not.toBeNull();
    expect(row?.bot_refresh_token).not.toContain('xoxe');
    // Twelve hours pass: five minutes of the token's life are left.
    await t.database.db
      .updateTable('installations')
      .set({ bot_token_expires_at: new Date(Date.now() + 5 * 60_000) })
      .where('workspace_id', '=', HOOLI)
      .execute();

    const mark = t.emulator.calls().length;
    await trustIn(
      HOOLI,
      GAVIN,
      'C0HOOLI01',
      `promise <@${RICHARD}|richard> review the Hooli deck by friday 3pm`,
    );
    await t.app.outbox.idle();
    await t.emulator.waitFor(() => t.emulator.dmsTo(RICHARD).length > 0);

    const calls = t.emulator.calls().slice(mark);
    const refreshed = calls.filter((c) => c.method === 'oauth.v2.access');
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]?.params.grant_type).toBe('refresh_token');
    const fresh = t.emulator.botToken(HOOLI);
    expect(fresh).not.toBe(installed);
    const used = calls.filter((c) => c.token !== undefined && c.teamId === HOOLI);
    expect(used.length).toBeGreaterThan(0);
    expect(used.every((c) => c.token === fresh)).toBe(true);
    const after = await installationRow(HOOLI);
    expect(createTokenCipher(KEY).decrypt(after?.bot_token ?? '', HOOLI)).toBe(fresh);
    expect(after?.bot_token_expires_at?.getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);
  });
});
