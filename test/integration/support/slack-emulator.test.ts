import {
  type Logger,
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ALICE_ID,
  BOB_ID,
  DEACTIVATED_ID,
  DEMO_BOT_USER_ID,
  DEMO_TEAM_ID,
  KARI_ID,
  OTHER_BOT_ID,
  RANDOM_CHANNEL_ID,
  SECRET_CHANNEL_ID,
  TEAM_CHANNEL_ID,
} from '../../support/slack-emulator/seed.ts';
import { EMULATOR_APP_TOKEN, SlackEmulator } from '../../support/slack-emulator/slack-emulator.ts';

const START = 1_700_000_000_000;
let clock = START;
let emulator: SlackEmulator;

const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** The demo bot's client by default; `token: null` sends no token at all. */
function client(options: { token?: string | null; rejectRateLimitedCalls?: boolean } = {}): WebClient {
  const token = options.token === undefined ? emulator.botToken(DEMO_TEAM_ID) : options.token;
  return new WebClient(token ?? undefined, {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: options.rejectRateLimitedCalls ?? false,
    logger: silent,
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

async function platformError(promise: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data;
}

function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const modal = (title = 'New promise') => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: title },
  submit: { type: 'plain_text' as const, text: 'Save' },
  blocks: [
    {
      type: 'input',
      block_id: 'what',
      label: { type: 'plain_text', text: 'What' },
      element: { type: 'plain_text_input', action_id: 'what_input' },
    },
  ],
});

beforeAll(async () => {
  emulator = await SlackEmulator.start({ now: () => clock });
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  clock = START;
  emulator.clear();
  emulator.seedDemoWorkspace();
});

describe('Web API basics', () => {
  it('answers auth.test for the bot token and records the call', async () => {
    const result = await client().auth.test();
    expect(result).toMatchObject({
      ok: true,
      team_id: DEMO_TEAM_ID,
      user_id: DEMO_BOT_USER_ID,
      bot_id: 'B0TRUST01',
    });
    expect(emulator.calls('auth.test')).toEqual([
      expect.objectContaining({ method: 'auth.test', teamId: DEMO_TEAM_ID, at: START, status: 200 }),
    ]);
  });

  it('rejects unknown methods', async () => {
    expect(
      (await platformError(client().apiCall('conversations.history', { channel: TEAM_CHANNEL_ID }))).error,
    ).toBe('unknown_method');
  });

  it('rejects missing required params, naming them', async () => {
    const data = await platformError(client().apiCall('users.info', {}));
    expect(data.error).toBe('invalid_arguments');
    expect(data.response_metadata?.messages).toEqual(['[ERROR] missing required field: user']);
  });

  it('accepts unknown params but lists them on the call record', async () => {
    await client().apiCall('users.info', { user: ALICE_ID, user_id: ALICE_ID });
    expect(emulator.calls('users.info')[0]?.unknownParams).toEqual(['user_id']);
  });

  it('authenticates: not_authed, invalid_auth, token_revoked, app-level token', async () => {
    expect((await platformError(client({ token: null }).auth.test())).error).toBe('not_authed');
    expect((await platformError(client({ token: 'xoxb-nope' }).auth.test())).error).toBe('invalid_auth');
    expect((await platformError(client({ token: EMULATOR_APP_TOKEN }).auth.test())).error).toBe(
      'not_allowed_token_type',
    );
    expect(await client({ token: EMULATOR_APP_TOKEN }).apps.connections.open()).toMatchObject({ ok: true });
    emulator.revokeToken(emulator.botToken(DEMO_TEAM_ID), 'account_inactive');
    expect((await platformError(client().auth.test())).error).toBe('account_inactive');
  });

  it('takes JSON bodies with a Bearer token, but not a token inside the JSON', async () => {
    const url = `${emulator.apiUrl}users.info`;
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${emulator.botToken(DEMO_TEAM_ID)}`,
    };
    const withHeader = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ user: BOB_ID }) });
    expect(await withHeader.json()).toMatchObject({ ok: true, user: { id: BOB_ID } });
    const tokenInBody = await postJson(url, { user: BOB_ID, token: emulator.botToken(DEMO_TEAM_ID) });
    expect(await tokenInBody.json()).toEqual({ ok: false, error: 'not_authed' });
  });
});

describe('users and conversations', () => {
  it('returns locale only with include_locale, and user_not_found', async () => {
    const plain = await client().users.info({ user: KARI_ID });
    expect(plain.user).not.toHaveProperty('locale');
    expect(plain.user).toMatchObject({ tz: 'Europe/Oslo', tz_offset: 3600, is_bot: false });
    const withLocale = await client().users.info({ user: KARI_ID, include_locale: true });
    expect(withLocale.user?.locale).toBe('nb-NO');
    expect((await platformError(client().users.info({ user: 'U0NOBODY1' }))).error).toBe('user_not_found');
    expect((await client().users.info({ user: DEACTIVATED_ID })).user?.deleted).toBe(true);
  });

  it('paginates conversations.members with cursors', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client().conversations.members({ channel: TEAM_CHANNEL_ID, limit: 2, cursor });
      seen.push(...(page.members ?? []));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual([ALICE_ID, BOB_ID, KARI_ID, OTHER_BOT_ID, DEACTIVATED_ID, DEMO_BOT_USER_ID]);
    const last = await client().conversations.members({ channel: TEAM_CHANNEL_ID });
    expect(last.response_metadata?.next_cursor).toBe('');
    expect(
      (await platformError(client().conversations.members({ channel: TEAM_CHANNEL_ID, cursor: 'bad' })))
        .error,
    ).toBe('invalid_cursor');
  });

  it('hides private channels the bot is not in', async () => {
    expect((await platformError(client().conversations.members({ channel: SECRET_CHANNEL_ID }))).error).toBe(
      'channel_not_found',
    );
    expect((await platformError(client().conversations.info({ channel: 'C0NOPE001' }))).error).toBe(
      'channel_not_found',
    );
  });

  it('opens a stable D… DM per user', async () => {
    const first = await client().conversations.open({ users: BOB_ID });
    const second = await client().conversations.open({ users: BOB_ID });
    expect(first.channel?.id).toMatch(/^D/);
    expect(second.channel?.id).toBe(first.channel?.id);
    expect((await platformError(client().conversations.open({ users: DEACTIVATED_ID }))).error).toBe(
      'user_disabled',
    );
  });
});

describe('chat', () => {
  it('posts to a U… id into the D… DM, then chat.update with the D… id works', async () => {
    const posted = await client().chat.postMessage({ channel: BOB_ID, text: 'Reminder: report' });
    expect(posted.channel).toBe(emulator.dmChannelId(BOB_ID));
    expect(posted.channel).toMatch(/^D/);
    await client().chat.update({ channel: posted.channel ?? '', ts: posted.ts ?? '', text: 'Report kept' });
    const [dm] = emulator.dmsTo(BOB_ID);
    expect(dm).toMatchObject({ text: 'Report kept', ts: posted.ts });
    expect(dm?.history.map((h) => h.text)).toEqual(['Reminder: report']);
    const byUserId = client().chat.update({ channel: BOB_ID, ts: posted.ts ?? '', text: 'x' });
    expect((await platformError(byUserId)).error).toBe('channel_not_found');
  });

  it('issues unique, increasing ts values', async () => {
    const a = await client().chat.postMessage({ channel: TEAM_CHANNEL_ID, text: 'a' });
    const b = await client().chat.postMessage({ channel: TEAM_CHANNEL_ID, text: 'b' });
    expect(a.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
  });

  it('enforces membership, authorship, no_text and Block Kit', async () => {
    const notIn = client().chat.postMessage({ channel: RANDOM_CHANNEL_ID, text: 'hi' });
    expect((await platformError(notIn)).error).toBe('not_in_channel');
    const human = emulator.postAsUser({
      teamId: DEMO_TEAM_ID,
      channel: TEAM_CHANNEL_ID,
      user: ALICE_ID,
      text: 'mine',
    });
    const update = client().chat.update({ channel: TEAM_CHANNEL_ID, ts: human.ts, text: 'x' });
    expect((await platformError(update)).error).toBe('cant_update_message');
    const missing = client().chat.update({ channel: TEAM_CHANNEL_ID, ts: '1.000000', text: 'x' });
    expect((await platformError(missing)).error).toBe('message_not_found');
    expect(
      (await platformError(client().chat.postMessage({ channel: TEAM_CHANNEL_ID, text: '' }))).error,
    ).toBe('no_text');
    const tooLong = { type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } };
    const invalid = await platformError(
      client().chat.postMessage({ channel: TEAM_CHANNEL_ID, text: 't', blocks: [tooLong] }),
    );
    expect(invalid.error).toBe('invalid_blocks');
    expect(invalid.response_metadata?.messages).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ]);
    expect(emulator.issues('error')).toEqual([expect.objectContaining({ source: 'chat.postMessage' })]);
  });

  it('records a warning for text over 4,000 characters', async () => {
    await client().chat.postMessage({ channel: TEAM_CHANNEL_ID, text: 'x'.repeat(4001) });
    expect(emulator.issues('warning')).toHaveLength(1);
  });

  it('keeps ephemeral messages per user and shows visible messages per person', async () => {
    await client().chat.postEphemeral({ channel: TEAM_CHANNEL_ID, user: ALICE_ID, text: 'only alice' });
    await client().chat.postMessage({ channel: TEAM_CHANNEL_ID, text: 'everyone' });
    await client().chat.postMessage({ channel: KARI_ID, text: 'kari only' });
    expect(emulator.ephemerals(ALICE_ID).map((m) => m.text)).toEqual(['only alice']);
    expect(emulator.messages({ user: BOB_ID }).map((m) => m.text)).toEqual(['everyone']);
    expect(emulator.messages({ user: KARI_ID }).map((m) => m.text)).toEqual(['everyone', 'kari only']);
  });
});

describe('fault injection', () => {
  it('surfaces an injected 429 as WebAPIRateLimitedError', async () => {
    emulator.inject({ method: 'chat.postMessage', fault: { type: 'rate_limited', retryAfter: 7 } });
    const error = await failure(
      client({ rejectRateLimitedCalls: true }).chat.postMessage({ channel: TEAM_CHANNEL_ID, text: 'x' }),
    );
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(7);
    expect(emulator.messages()).toHaveLength(0);
    await client().chat.postMessage({ channel: TEAM_CHANNEL_ID, text: 'second try' });
    expect(emulator.messages()).toHaveLength(1);
  });

  it('accept_then_drop stores the message but the client errors', async () => {
    emulator.inject({ method: 'chat.postMessage', fault: { type: 'accept_then_drop' } });
    const error = await failure(client().chat.postMessage({ channel: TEAM_CHANNEL_ID, text: 'maybe' }));
    expect(error).toBeInstanceOf(WebAPIRequestError);
    expect(emulator.messages({ channel: TEAM_CHANNEL_ID }).map((m) => m.text)).toEqual(['maybe']);
    expect(emulator.calls('chat.postMessage')[0]?.fault).toBe('accept_then_drop');
  });

  it('injects HTTP errors and platform errors for one team only, `times` calls', async () => {
    emulator.inject({ teamId: DEMO_TEAM_ID, times: 2, fault: { type: 'http', status: 503 } });
    expect(await failure(client().auth.test())).toBeInstanceOf(WebAPIHTTPError);
    expect(await failure(client().auth.test())).toBeInstanceOf(WebAPIHTTPError);
    await client().auth.test();
    emulator.inject({ method: 'users.info', fault: { type: 'error', error: 'fatal_error' } });
    expect((await platformError(client().users.info({ user: ALICE_ID }))).error).toBe('fatal_error');
  });

  it('rate-limits per workspace with a token bucket', async () => {
    emulator.rateLimit({ method: 'chat.postMessage', perSecond: 1, burst: 2 });
    const post = () =>
      client({ rejectRateLimitedCalls: true }).chat.postMessage({ channel: TEAM_CHANNEL_ID, text: 'x' });
    await post();
    await post();
    const error = await failure(post());
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(1);
    expect(emulator.calls('chat.postMessage').at(-1)?.response).toEqual({ ok: false, error: 'ratelimited' });
    clock += 1000;
    await post();
  });
});

describe('trigger ids and views', () => {
  it('accepts a trigger once, within 3 seconds', async () => {
    const trigger = emulator.issueTriggerId(DEMO_TEAM_ID, ALICE_ID);
    const opened = await client().views.open({ trigger_id: trigger, view: modal() });
    expect(opened.view?.id).toMatch(/^V/);
    expect(emulator.views(ALICE_ID).map((v) => v.id)).toEqual([opened.view?.id]);
    expect((await platformError(client().views.open({ trigger_id: trigger, view: modal() }))).error).toBe(
      'exchanged_trigger_id',
    );
    const late = emulator.issueTriggerId(DEMO_TEAM_ID, ALICE_ID);
    clock += 3001;
    expect((await platformError(client().views.open({ trigger_id: late, view: modal() }))).error).toBe(
      'expired_trigger_id',
    );
    expect((await platformError(client().views.open({ trigger_id: '1.2.abc', view: modal() }))).error).toBe(
      'invalid_trigger_id',
    );
  });

  it('limits the modal stack to 3 and detects stale hashes', async () => {
    const open = await client().views.open({
      trigger_id: emulator.issueTriggerId(DEMO_TEAM_ID, BOB_ID),
      view: modal(),
    });
    for (let i = 0; i < 2; i += 1) {
      await client().views.push({
        trigger_id: emulator.issueTriggerId(DEMO_TEAM_ID, BOB_ID),
        view: modal(`Step ${i}`),
      });
    }
    const fourth = client().views.push({
      trigger_id: emulator.issueTriggerId(DEMO_TEAM_ID, BOB_ID),
      view: modal(),
    });
    expect((await platformError(fourth)).error).toBe('push_limit_reached');
    const viewId = open.view?.id ?? '';
    const hash = open.view?.hash ?? '';
    await client().views.update({ view_id: viewId, hash, view: modal('Updated') });
    const stale = client().views.update({ view_id: viewId, hash, view: modal('Again') });
    expect((await platformError(stale)).error).toBe('hash_conflict');
  });

  it('publishes Home views only with type home, and rejects invalid modals', async () => {
    const notHome = client().apiCall('views.publish', { user_id: ALICE_ID, view: modal() });
    expect((await platformError(notHome)).error).toBe('invalid_arguments');
    await client().views.publish({
      user_id: ALICE_ID,
      view: { type: 'home', blocks: [{ type: 'divider' }] },
    });
    expect(emulator.homeView(ALICE_ID)?.type).toBe('home');
    const longTitle = client().views.open({
      trigger_id: emulator.issueTriggerId(DEMO_TEAM_ID, ALICE_ID),
      view: modal('A title that is far too long'),
    });
    const data = await platformError(longTitle);
    expect(data.response_metadata?.messages).toEqual([
      '[ERROR] must be less than 25 characters [json-pointer:/title/text]',
    ]);
  });
});

describe('files', () => {
  it('records uploaded bytes through the v2 flow', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);
    await client().filesUploadV2({
      channel_id: TEAM_CHANNEL_ID,
      file: png,
      filename: 'trend.png',
      alt_text: 'Trend',
    });
    const [file] = emulator.files();
    expect(file?.bytes?.subarray(0, 8)).toEqual(png.subarray(0, 8));
    expect(file).toMatchObject({ completed: true, channels: [TEAM_CHANNEL_ID], altText: 'Trend' });
    expect(emulator.messages({ channel: TEAM_CHANNEL_ID })[0]?.files).toEqual([file?.id]);
  });

  it('shows an uploaded file in an image block by slack_file id, and refuses an unknown or unfinished one', async () => {
    const image = (slackFile: unknown) => ({ type: 'image', alt_text: 'Trend', slack_file: slackFile });
    const reserved = await client().files.getUploadURLExternal({ filename: 'trend.png', length: 9 });
    const pending = image({ id: reserved.file_id });
    const unfinished = client().views.publish({
      user_id: ALICE_ID,
      view: { type: 'home', blocks: [pending] },
    });
    expect((await platformError(unfinished)).error).toBe('invalid_blocks');
    const unknown = client().chat.postMessage({
      channel: TEAM_CHANNEL_ID,
      text: 't',
      blocks: [image({ id: 'F0NOPE' })],
    });
    expect((await platformError(unknown)).response_metadata?.messages).toEqual([
      '[ERROR] no uploaded file F0NOPE [json-pointer:/blocks/0/slack_file]',
    ]);
    const both = client().chat.postMessage({
      channel: TEAM_CHANNEL_ID,
      text: 't',
      blocks: [image({ id: reserved.file_id, url: 'https://files.slack.com/x.png' })],
    });
    expect((await platformError(both)).error).toBe('invalid_blocks');

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);
    const id = (await client().filesUploadV2({ file: png, filename: 'trend.png' })) as unknown as {
      files: Array<{ files?: Array<{ id?: string }> }>;
    };
    const fileId = id.files[0]?.files?.[0]?.id;
    await client().views.publish({
      user_id: ALICE_ID,
      view: { type: 'home', blocks: [image({ id: fileId })] },
    });
    expect(JSON.stringify(emulator.homeView(ALICE_ID)?.body.blocks)).toContain(String(fileId));
  });
});

describe('response_url', () => {
  it('allows 5 uses, posts ephemeral by default and in_channel on request', async () => {
    const url = emulator.createResponseUrl('commands', DEMO_TEAM_ID, {
      channelId: TEAM_CHANNEL_ID,
      userId: ALICE_ID,
    });
    expect(url).toMatch(new RegExp(`^${emulator.url}/hooks/commands/${DEMO_TEAM_ID}/\\d+/\\w+$`));
    expect((await postJson(url, { text: 'just you' })).status).toBe(200);
    expect((await postJson(url, { text: 'all', response_type: 'in_channel' })).status).toBe(200);
    for (let i = 0; i < 3; i += 1) await postJson(url, { text: `n${i}` });
    const sixth = await postJson(url, { text: 'too many' });
    expect(sixth.status).toBe(404);
    expect(await sixth.text()).toBe('used_url');
    expect(emulator.ephemerals(ALICE_ID)[0]?.text).toBe('just you');
    expect(emulator.messages({ channel: TEAM_CHANNEL_ID }).map((m) => m.text)).toEqual(['all']);
    expect(emulator.responses(url).map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 404]);
  });

  it('expires after 30 minutes and needs JSON', async () => {
    const url = emulator.createResponseUrl('commands', DEMO_TEAM_ID);
    const form = await fetch(url, { method: 'POST', body: new URLSearchParams({ text: 'x' }) });
    expect(form.status).toBe(400);
    clock += 30 * 60 * 1000 + 1;
    expect((await postJson(url, { text: 'late' })).status).toBe(404);
  });

  it('replaces and deletes the source message of a block action', async () => {
    const posted = await client().chat.postMessage({ channel: BOB_ID, text: 'Did you keep it?' });
    const context = { channelId: posted.channel ?? '', userId: BOB_ID, messageTs: posted.ts ?? '' };
    const url = emulator.createResponseUrl('actions', DEMO_TEAM_ID, context);
    await postJson(url, { replace_original: true, text: 'Kept ✔' });
    expect(emulator.dmsTo(BOB_ID).map((m) => m.text)).toEqual(['Kept ✔']);
    await postJson(url, { delete_original: true });
    expect(emulator.dmsTo(BOB_ID)).toEqual([]);
  });

  it('validates Block Kit in responses', async () => {
    const url = emulator.createResponseUrl('actions', DEMO_TEAM_ID);
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    const answer = await postJson(url, { text: 'x', blocks });
    expect(answer.status).toBe(400);
    expect(emulator.issues('error')[0]?.source).toBe('response_url');
  });
});

describe('oauth and uninstall', () => {
  it('exchanges a code once and revokes everything on apps.uninstall', async () => {
    const code = emulator.issueOAuthCode({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      scopes: ['commands', 'chat:write'],
    });
    const credentials = { client_id: emulator.clientId, client_secret: emulator.clientSecret };
    const access = await client({ token: null }).oauth.v2.access({ ...credentials, code });
    expect(access).toMatchObject({
      ok: true,
      access_token: emulator.botToken(DEMO_TEAM_ID),
      bot_user_id: DEMO_BOT_USER_ID,
    });
    expect(
      (await platformError(client({ token: null }).oauth.v2.access({ ...credentials, code }))).error,
    ).toBe('invalid_code');
    await client().apps.uninstall(credentials);
    expect((await platformError(client().auth.test())).error).toBe('token_revoked');
  });
});

describe('waitFor', () => {
  it('resolves when a request makes the probe true, and explains timeouts', async () => {
    const waiting = emulator.waitFor(() => emulator.dmsTo(ALICE_ID)[0]);
    await client().chat.postMessage({ channel: ALICE_ID, text: 'hello' });
    expect((await waiting).text).toBe('hello');
    await expect(
      emulator.waitFor(() => undefined, { timeoutMs: 30, description: 'nothing' }),
    ).rejects.toThrow(
      /waitFor\(nothing\) timed out after 30 ms. Last calls:\n {2}chat.postMessage -> 200 ok/,
    );
  });
});
