import { describe, expect, it } from 'vitest';
import { ALICE_ID, DEMO_TEAM_ID, KARI_ID, TEAM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { commandReply } from '../../support/command-reply.ts';
import { renderBlocks } from '../../support/slack-emulator/render.ts';
import { useFileTestApp } from '../../support/file-test-app.ts';

const t = useFileTestApp({ clearBeforeEach: [] });

async function runTrust(userId: string, text: string) {
  const before = t.emulator.responses().length;
  const response = await t.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId: TEAM_CHANNEL_ID, text });
  expect(response.status).toBe(200);
  return commandReply(t.emulator, response, before);
}

function bodyText(reply: { body: unknown }): string {
  return JSON.stringify(reply.body);
}

describe('/trust help', () => {
  it('answers ephemerally in English with every subcommand and an example of each', async () => {
    const reply = await runTrust(ALICE_ID, 'help');
    const body = reply.body as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    const text = bodyText(reply);
    for (const usage of [
      '/trust promise @person',
      '/trust promises',
      '/trust checkin',
      '/trust pulse',
      '/trust habits',
      '/trust settings',
      '/trust team setup',
      '/trust team settings',
      '/trust team managers add @person',
      '/trust team remove',
      '/trust digest',
      '/trust digest preview',
      '/trust export',
      '/trust forget-me',
    ]) {
      expect(text).toContain(usage);
    }
    expect(text).toContain('Example');
    expect(text.match(/_Example:_/g)?.length).toBe(15);
  });

  it('treats a bare /trust as help', async () => {
    const reply = await runTrust(ALICE_ID, '');
    expect(bodyText(reply)).toContain('/trust promise @person');
  });

  it('answers in Norwegian Bokmål to someone whose Slack speaks Norwegian', async () => {
    const reply = await runTrust(KARI_ID, 'help');
    const text = bodyText(reply);
    expect(text).toContain('For alle');
    expect(text).toContain('Eksempel');
    expect(text).not.toContain('For everyone');
  });

  it('looks a new person up in Slack once, then answers from memory right in the ack', async () => {
    await t.database.db.deleteFrom('users').where('slack_user_id', '=', 'U0NEWBIE1').execute();
    t.emulator.addUser(DEMO_TEAM_ID, { id: 'U0NEWBIE1', name: 'newbie', tz: 'Europe/Oslo', locale: 'nb-NO' });
    const first = await runTrust('U0NEWBIE1', 'help');
    const second = await runTrust('U0NEWBIE1', 'help');
    expect(first.via).toBe('response_url');
    expect(second.via).toBe('ack');
    expect(JSON.stringify(second.body)).toContain('For alle');
    expect(t.emulator.calls('users.info').filter((c) => c.params.user === 'U0NEWBIE1')).toHaveLength(1);
  });

  it('stores what Slack says about a person', async () => {
    await runTrust(KARI_ID, 'help');
    const row = await t.database.db
      .selectFrom('users')
      .selectAll()
      .where('slack_user_id', '=', KARI_ID)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ tz: 'Europe/Oslo', slack_locale: 'nb-NO', workspace_id: DEMO_TEAM_ID });
  });
});

describe('unknown /trust subcommands', () => {
  it('names the closest subcommand', async () => {
    const reply = await runTrust(ALICE_ID, 'promsies');
    const text = bodyText(reply);
    expect(text).toContain("I don't know");
    expect(text).toContain('Did you mean `/trust promises`?');
  });

  it('echoes user text without letting it ping anyone', async () => {
    const reply = await runTrust(ALICE_ID, '<!channel> <@U0BOB0001>');
    const text = bodyText(reply);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U0BOB0001>');
    expect(text).toContain('&lt;!channel&gt;');
  });

  it('echoes what was typed, not how Slack escaped it', async () => {
    const reply = await runTrust(ALICE_ID, 'Q&A <notes>');
    const shown = renderBlocks((reply.body as { blocks: unknown }).blocks);
    expect(shown).toContain('/trust Q&A <notes>');
    expect(shown).not.toContain('&amp;');
  });

  it('says so in Norwegian too', async () => {
    const reply = await runTrust(KARI_ID, 'halp');
    expect(bodyText(reply)).toContain('Mente du `/trust help`?');
  });
});

describe('a modal submission that cannot be read', () => {
  it('turns every modal into a notice that nothing was saved, in the person’s language, and changes nothing', async () => {
    await runTrust(KARI_ID, 'help'); // Kari becomes known: Norwegian
    const callbacks = [
      'personal_settings',
      'team_settings',
      'pulse_rate',
      'checkin_change_time',
      'checkin_pause',
    ];
    for (const callback of callbacks) {
      for (const [userId, expected] of [
        [ALICE_ID, 'nothing was saved'],
        [KARI_ID, 'ingenting ble lagret'],
      ] as const) {
        const before = await t.database.db.selectFrom('checkin_schedules').selectAll().execute();
        const response = await t.driver.viewSubmission({
          teamId: DEMO_TEAM_ID,
          userId,
          view: {
            callback_id: callback,
            private_metadata: '{"nonsense":',
            state: { values: { x: { y: {} } } },
          },
        });
        expect(response.status, callback).toBe(200);
        expect(response.json, callback).toMatchObject({ response_action: 'update' });
        expect(JSON.stringify(response.json), callback).toContain(expected);
        expect(await t.database.db.selectFrom('checkin_schedules').selectAll().execute()).toEqual(before);
      }
    }
  });
});
