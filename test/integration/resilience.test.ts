import { describe, expect, it } from 'vitest';
import { ALICE_ID, DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../support/slack-emulator/seed.ts';
import { startTestApp } from '../support/test-app.ts';

describe('when Slack is unreachable at start', () => {
  it('still starts and acks /trust, answering in English', async () => {
    const t = await startTestApp({ slackUnreachable: true });
    try {
      expect(t.app.slack.identity?.identity).toBeUndefined();
      const started = performance.now();
      const response = await t.driver.command({
        teamId: DEMO_TEAM_ID,
        userId: ALICE_ID,
        channelId: TEAM_CHANNEL_ID,
        text: 'help',
      });
      expect(response.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(3_000);
      const reply = await t.emulator.waitFor(() => t.emulator.responses().at(-1), { timeoutMs: 10_000 });
      expect(JSON.stringify(reply.body)).toContain('For everyone');
    } finally {
      await t.close();
    }
  });
});

describe('when the database stops answering', () => {
  it('reports 503 on /healthz', async () => {
    const t = await startTestApp();
    try {
      expect((await fetch(`${t.app.url}/healthz`)).status).toBe(200);
      await t.database.close();
      const response = await fetch(`${t.app.url}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ok: false });
    } finally {
      await t.app.stop();
      await t.emulator.close();
    }
  });
});
