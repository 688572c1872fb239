import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

// /metrics and /readyz say how the service is doing and how busy it is: not for anyone who can reach
// Slack's public endpoint. They answer on METRICS_PORT (loopback by default), optionally behind a
// bearer token; /healthz stays on the public port for load balancers.

const TOKEN = 'metrics-token-0123456789abcdef';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
});
afterAll(async () => {
  await t.close();
});

describe('the public port', () => {
  it('answers /healthz but not /metrics or /readyz', async () => {
    expect((await fetch(`${t.app.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${t.app.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${t.app.url}/readyz`)).status).toBe(404);
  });
});

describe('the operations port', () => {
  it('listens on loopback only by default', () => {
    expect(t.app.operationsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(t.app.operationsUrl).not.toBe(t.app.url);
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const none = await fetch(`${t.app.operationsUrl}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await fetch(`${t.app.operationsUrl}/readyz`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
    const metrics = await fetch(`${t.app.operationsUrl}/metrics`, auth);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('trust_habits_http_requests_total');
    expect([200, 503]).toContain((await fetch(`${t.app.operationsUrl}/readyz`, auth)).status);
  });

  it('can be turned off', async () => {
    const off = await startTestApp({ env: { METRICS_PORT: 'off' } });
    try {
      expect(off.app.operationsUrl).toBeUndefined();
      expect((await fetch(`${off.app.url}/metrics`)).status).toBe(404);
      expect((await fetch(`${off.app.url}/healthz`)).status).toBe(200);
    } finally {
      await off.close();
    }
  });
});
