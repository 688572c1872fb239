import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually.ts';
import { ALICE_ID, BOB_ID, DEMO_TEAM_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

// A signed request captured on the way (a proxy log, a browser extension on the admin's laptop) is
// valid for Slack's 5-minute window. Replaying it must not act twice, and a payload must not be able
// to point the app's answers at a host other than Slack's.

let t: TestApp;
let trap: Server;
let trapUrl: string;
const trapped: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  trap = createServer((req, res) => {
    trapped.push(`${req.method} ${req.url}`);
    res.end('ok');
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  const address = trap.address();
  trapUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => trap.close(resolve));
});

/** The form body of `/trust <text>` from Alice, exactly as Slack would send it. */
function commandBody(text: string, responseUrl?: string): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: DEMO_TEAM_ID,
    team_domain: 'acme',
    channel_id: TEAM_CHANNEL_ID,
    channel_name: 'team-rocket',
    user_id: ALICE_ID,
    user_name: 'alice',
    command: '/trust',
    text,
    api_app_id: 'A0TRUST01',
    is_enterprise_install: 'false',
    response_url:
      responseUrl ??
      t.emulator.createResponseUrl('commands', DEMO_TEAM_ID, {
        channelId: TEAM_CHANNEL_ID,
        userId: ALICE_ID,
      }),
    trigger_id: t.emulator.issueTriggerId(DEMO_TEAM_ID, ALICE_ID),
  }).toString();
}

async function promisesOfAlice() {
  return t.database.db.selectFrom('promises').select('id').where('owner_id', '=', ALICE_ID).execute();
}

const contentType = 'application/x-www-form-urlencoded';

describe('a replayed /trust promise', () => {
  it('makes one promise, however often the same signed request arrives', async () => {
    const body = commandBody(`promise <@${BOB_ID}> send the replay notes by friday 3pm`);
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await t.driver.raw({ body, contentType, timestamp });
    expect(first.status).toBe(200);
    await eventually(async () => (await promisesOfAlice()).length === 1);
    for (let i = 0; i < 3; i += 1) {
      const again = await t.driver.raw({ body, contentType, timestamp });
      expect(again.status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await promisesOfAlice()).toHaveLength(1);
  });

  it('leaves a fresh command (new trigger_id) working', async () => {
    const body = commandBody(`promise <@${BOB_ID}> book the retro room by friday 3pm`);
    await t.driver.raw({ body, contentType });
    await eventually(async () => (await promisesOfAlice()).length === 2);
  });
});

describe('/trust help, answered in the ack', () => {
  async function claimedCommands(): Promise<number> {
    const row = await t.database.db
      .selectFrom('processed_commands')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('writes nothing for a known person, so a replay of it has nothing to repeat', async () => {
    // Alice is known by now (the promise tests above read her profile).
    const before = await claimedCommands();
    const body = commandBody('help');
    const timestamp = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 2; i += 1) {
      const answer = await t.driver.raw({ body, contentType, timestamp });
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('/trust promise');
    }
    expect(await claimedCommands()).toBe(before);
    // A command that acts after the ack still leaves its claim.
    await t.driver.raw({
      body: commandBody(`promise <@${BOB_ID}> water the plants by friday 3pm`),
      contentType,
    });
    expect(await claimedCommands()).toBe(before + 1);
  });
});

describe('response URLs', () => {
  it('are never called on a host other than Slack’s', async () => {
    const response = await t.driver.raw({ body: commandBody('promises', `${trapUrl}/collect`), contentType });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(trapped).toEqual([]);
  });

  it('on Slack’s host (here the emulator that stands for it) still get the answer', async () => {
    const before = t.emulator.responses().length;
    await t.driver.raw({ body: commandBody('promises'), contentType });
    await t.emulator.waitFor(() => t.emulator.responses()[before]);
  });
});
