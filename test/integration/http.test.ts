import { describe, expect, it } from 'vitest';
import { signSlackRequest } from '../support/slack-emulator/signing.ts';
import { ALICE_ID, DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../support/slack-emulator/seed.ts';
import { startTestApp, TEST_SIGNING_SECRET } from '../support/test-app.ts';
import { useFileTestApp } from '../support/file-test-app.ts';

const t = useFileTestApp({ clearBeforeEach: [] });

const helpBody = `command=%2Ftrust&text=help&team_id=${DEMO_TEAM_ID}&user_id=${ALICE_ID}&channel_id=${TEAM_CHANNEL_ID}`;
const form = 'application/x-www-form-urlencoded';
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function userCount(): Promise<number> {
  const row = await t.database.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('requests that do not come from Slack', () => {
  it('gets 401 for a bad signature and changes nothing', async () => {
    const before = await userCount();
    const response = await t.driver.raw({
      body: helpBody,
      contentType: form,
      signature: `v0=${'0'.repeat(64)}`,
    });
    expect(response.status).toBe(401);
    expect(await userCount()).toBe(before);
    expect(t.emulator.calls()).toHaveLength(0);
  });

  it.each([
    ['six minutes old', -6 * 60],
    ['six minutes in the future', 6 * 60],
  ])('gets 401 for a correctly signed request whose timestamp is %s', async (_label, offset) => {
    const timestamp = nowSeconds() + offset;
    const response = await t.driver.raw({
      body: helpBody,
      contentType: form,
      timestamp,
      signature: signSlackRequest(TEST_SIGNING_SECRET, timestamp, helpBody),
    });
    expect(response.status).toBe(401);
    expect(t.emulator.calls()).toHaveLength(0);
    expect(t.emulator.responses()).toHaveLength(0);
  });

  it('gets 401 without the signature headers', async () => {
    const response = await fetch(`${t.app.url}/slack/events`, {
      method: 'POST',
      body: helpBody,
      headers: { 'content-type': form },
    });
    expect(response.status).toBe(401);
  });

  it('gets 413 for a 10 MB body before anything reads it', async () => {
    const body = `payload=${'x'.repeat(10 * 1024 * 1024)}`;
    const response = await t.driver.raw({ body, contentType: form });
    expect(response.status).toBe(413);
  });

  it('accepts a correctly signed, fresh request', async () => {
    const response = await t.driver.raw({ body: helpBody, contentType: form });
    expect(response.status).toBe(200);
  });

  it('answers Slack’s URL verification challenge', async () => {
    const response = await t.driver.urlVerification('challenge-accepted');
    expect(response.status).toBe(200);
    expect(response.text).toContain('challenge-accepted');
  });
});

describe('operations endpoints', () => {
  it('reports healthy while the database answers', async () => {
    const response = await fetch(`${t.app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('serves Prometheus metrics with request counts and latencies by surface', async () => {
    await t.driver.command({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      channelId: TEAM_CHANNEL_ID,
      text: 'help',
    });
    const response = await fetch(`${t.app.operationsUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/trust_habits_http_requests_total\{route="slack_events",status="200"\} \d+/);
    expect(text).toMatch(
      /trust_habits_slack_request_duration_seconds_count\{surface="command",outcome="ok"\} \d+/,
    );
  });

  it('is 404 for anything else', async () => {
    expect((await fetch(`${t.app.url}/nope`)).status).toBe(404);
    expect((await fetch(`${t.app.url}/slack/events`)).status).toBe(404);
  });
});

describe('operations endpoints and logs', () => {
  it('is ready on /readyz when the database answers and Slack has been reached', async () => {
    await t.emulator.waitFor(() => t.app.slack.identity?.identity, { timeoutMs: 10_000 });
    const response = await fetch(`${t.app.operationsUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, database: true, slack: true });
  });

  it('is not ready while Slack has never answered, though alive', async () => {
    const offline = await startTestApp({ slackUnreachable: true });
    try {
      expect((await fetch(`${offline.app.url}/healthz`)).status).toBe(200);
      const response = await fetch(`${offline.app.operationsUrl}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ready: false, database: true, slack: false });
    } finally {
      await offline.close();
    }
  });

  it('writes one request id on every log line of a request, different for each request', async () => {
    const lines: Array<{ requestId?: string; subsystem?: string }> = [];
    const logged = await startTestApp({
      env: { LOG_LEVEL: 'debug' },
      logDestination: { write: (line) => lines.push(JSON.parse(line)) },
    });
    try {
      await logged.emulator.waitFor(() => logged.app.slack.identity?.identity, { timeoutMs: 10_000 });
      const startupLines = lines.length;
      for (let i = 0; i < 2; i += 1) {
        const response = await logged.driver.command({
          teamId: DEMO_TEAM_ID,
          userId: ALICE_ID,
          channelId: TEAM_CHANNEL_ID,
          text: 'help',
        });
        expect(response.status).toBe(200);
      }
      const ids = new Set(
        lines
          .slice(startupLines)
          .filter((l) => l.subsystem === 'bolt')
          .map((l) => l.requestId),
      );
      expect(ids.has(undefined)).toBe(false);
      expect(ids.size).toBe(2);
    } finally {
      await logged.close();
    }
  });
});
