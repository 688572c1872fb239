import { describe, expect, it } from 'vitest';
import { dms, trust } from '../../support/promise-steps.ts';
import { validateMessage } from '../../support/slack-emulator/block-kit.ts';
import { renderBlocks } from '../../support/slack-emulator/render.ts';
import {
  ALICE_ID,
  BOB_ID,
  DEMO_TEAM_ID,
  KARI_ID,
  TEAM_CHANNEL_ID,
} from '../../support/slack-emulator/seed.ts';
import { usePromiseTestApp } from '../../support/file-test-app.ts';

// Inputs that are too long (issue 15, item 4): every answer fits what Slack accepts, an over-long
// input is told so in the person's language, and nothing is saved.

const t = usePromiseTestApp();

// What the person reads: the zero-width spaces that keep user text from styling itself are invisible.
const shown = (reply: { blocks?: unknown; text?: string }) =>
  renderBlocks(reply.blocks, reply.text).replace(/\u200B/g, '');
const promisesStored = async () => (await t.database.db.selectFrom('promises').select('id').execute()).length;
/** `/trust promise @bob <what> by <when>` padded with "x" to exactly `length` characters as typed. */
const promiseOfLength = (length: number, when = 'friday') => {
  const head = `promise <@${BOB_ID}> `;
  const tail = ` by ${when}`;
  return `${head}${'x'.repeat(length - head.length - tail.length)}${tail}`;
};

describe('a /trust text longer than we act on', () => {
  it('is still answered at 4,000 characters, the longest we read', async () => {
    const text = promiseOfLength(4_000);
    expect(text).toHaveLength(4_000);
    const reply = await trust(t, ALICE_ID, text);
    expect(shown(reply)).toContain('A promise can be at most 300 characters');
    expect(await promisesStored()).toBe(0);
  });

  it('is refused, saying so, from 4,001 characters on, and far beyond Slack’s limits', async () => {
    for (const length of [4_001, 12_000, 45_000]) {
      const reply = await trust(t, ALICE_ID, promiseOfLength(length));
      expect(shown(reply)).toContain(
        `That is too long for /trust (${length.toLocaleString('en-GB')} characters; at most 4,000)`,
      );
    }
    expect(await promisesStored()).toBe(0);
    expect(t.emulator.dmsTo(BOB_ID)).toHaveLength(0);
  });

  it('counts what the person typed, not how Slack escaped it', async () => {
    // 1,000 typed "&" arrive as 5,000 characters of "&amp;": still well within the limit.
    const reply = await trust(t, ALICE_ID, `promise <@${BOB_ID}> ${'&'.repeat(1_000)} by friday`);
    expect(shown(reply)).toContain('A promise can be at most 300 characters');
  });

  it('is refused in Bokmål to a Norwegian reader', async () => {
    const reply = await trust(t, KARI_ID, promiseOfLength(5_000));
    expect(shown(reply)).toContain('Det er for langt for /trust (5');
    expect(shown(reply)).toContain('høyst 4');
  });
});

describe('a promise at the limits of its text and its date', () => {
  it('keeps a 300-character promise of characters that escaping lengthens, and shows it whole', async () => {
    const what = `${'&<>*'.repeat(74)}Q&A!`;
    expect(what).toHaveLength(300);
    const reply = await trust(t, ALICE_ID, `promise <@${BOB_ID}> ${what} by friday`);
    expect(shown(reply)).toContain(what);
    expect(await promisesStored()).toBe(1);
    await t.app.outbox.idle();
    const [dm] = await t.emulator.waitFor(() => (dms(t, BOB_ID).length > 0 ? dms(t, BOB_ID) : undefined), {
      description: "Bob's DM",
    });
    expect(shown({ blocks: dm?.blocks })).toContain(what);
  });

  it('refuses 301 characters without saving', async () => {
    const reply = await trust(t, ALICE_ID, `promise <@${BOB_ID}> ${'y'.repeat(301)} by friday`);
    expect(shown(reply)).toContain('A promise can be at most 300 characters');
    expect(await promisesStored()).toBe(0);
  });

  it('echoes an unreadable date of 100 characters, escaped, in an answer Slack accepts', async () => {
    const when = '&'.repeat(100);
    const reply = await trust(t, ALICE_ID, `promise <@${BOB_ID}> send the notes by ${when}`);
    expect(validateMessage(reply).error).toBeUndefined();
    expect(shown(reply)).toContain(`I could not read “${when}” as a date or time.`);
    expect(await promisesStored()).toBe(0);
  });

  it('refuses a date of 101 characters or thousands, saying why, in the person’s language', async () => {
    for (const when of ['n'.repeat(101), 'next friday or so '.repeat(200)]) {
      const reply = await trust(t, ALICE_ID, `promise <@${BOB_ID}> send the notes by ${when}`);
      expect(shown(reply)).toContain('The part after _by_ is too long for a date (at most 100 characters)');
      expect(shown(reply)).not.toContain('next friday or so next');
    }
    const nb = await trust(t, KARI_ID, `promise <@${BOB_ID}> sende notatene innen ${'å'.repeat(2_000)}`);
    expect(shown(nb)).toContain('er for langt for en dato (høyst 100 tegn)');
    expect(await promisesStored()).toBe(0);
  });
});

describe('the emulator, like Slack, refuses what does not fit', () => {
  it('refuses a command answer with a section over 3,000 characters', async () => {
    const before = t.emulator.responses().length;
    const ack = await t.driver.command({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      channelId: TEAM_CHANNEL_ID,
      text: 'help',
    });
    expect(ack.status).toBe(200);
    const tooBig = { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3_001) } }] };
    expect(validateMessage(tooBig).error).toBe('invalid_blocks');
    expect(
      validateMessage({ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3_000) } }] })
        .error,
    ).toBeUndefined();
    // Through a response_url it is refused with Slack's error and nothing is shown.
    const url = t.emulator.createResponseUrl('commands', DEMO_TEAM_ID, {
      channelId: TEAM_CHANNEL_ID,
      userId: ALICE_ID,
    });
    const posted = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(tooBig),
    });
    expect(posted.status).toBe(400);
    expect(await posted.text()).toBe('invalid_blocks');
    expect(t.emulator.responses().length).toBeGreaterThan(before);
  });
});
