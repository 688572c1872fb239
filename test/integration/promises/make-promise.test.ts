import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseDueDate } from '../../../src/domain/promises/due-date.parser.ts';
import { promiseBlockIds, promiseCallbackIds } from '../../../src/slack/ids.ts';
import { dms, openModal, submitModal, trust } from '../../support/promise-steps.ts';
import {
  ALICE_ID,
  BOB_ID,
  DEACTIVATED_ID,
  DEMO_TEAM_ID,
  KARI_ID,
  OTHER_BOT_ID,
  TEAM_CHANNEL_ID,
} from '../../support/slack-emulator/seed.ts';
import { renderBlocks } from '../../support/slack-emulator/render.ts';
import { usePromiseTestApp } from '../../support/file-test-app.ts';

const t = usePromiseTestApp();

const text = (body: unknown) => JSON.stringify(body);

/** A day picked in the modal, some weeks ahead, and the instant 15:00 that day is in Oslo. */
const inThreeWeeks = DateTime.now()
  .setZone('Europe/Oslo')
  .plus({ weeks: 3 })
  .set({ hour: 15, minute: 0, second: 0, millisecond: 0 });
const pickedDate = inThreeWeeks.toISODate() ?? '';

async function openCreateModal() {
  await t.driver.command({
    teamId: DEMO_TEAM_ID,
    userId: ALICE_ID,
    channelId: TEAM_CHANNEL_ID,
    text: 'promise',
  });
  return openModal(t, ALICE_ID, promiseCallbackIds.create);
}

async function stored() {
  return t.database.db.selectFrom('promises').selectAll().execute();
}

/** The recipient's DMs once the kicked outbox has sent them. */
async function sentTo(userId: string, count = 1) {
  await t.app.outbox.idle();
  return t.emulator.waitFor(() => (dms(t, userId).length >= count ? dms(t, userId) : undefined), {
    description: `${count} DM(s) to ${userId}`,
  });
}

describe('/trust promise @person <what> by <when>', () => {
  it('records the promise, confirms the instant it understood, and tells the recipient', async () => {
    const before = new Date();
    const reply = await trust(t, ALICE_ID, `promise <@${BOB_ID}|bob> send the Q3 numbers by friday 3pm`);

    const [row] = await stored();
    const expected = parseDueDate('friday 3pm', { now: before, timeZone: 'Europe/Oslo', language: 'en' });
    expect(expected.ok && row?.due_at.toISOString()).toBe(expected.ok && expected.due.toISOString());
    expect(row).toMatchObject({
      owner_id: ALICE_ID,
      recipient_id: BOB_ID,
      text: 'send the Q3 numbers',
      state: 'open',
    });
    expect(row?.next_reminder_at).not.toBeNull();

    expect(reply.response_type).toBe('ephemeral');
    expect(text(reply)).toContain('You promised <@U0BOB0001>');
    expect(text(reply)).toMatch(/Due \*Fri \d+ \w+, 15:00\* \(Europe\/Oslo\)/);

    const [dm] = await sentTo(BOB_ID);
    expect(dm?.text).toContain('<@U0ALICE01> made you a promise');
    // Bob reads the due time in his own zone: 15:00 in Oslo is 09:00 in New York.
    expect(text(dm?.blocks)).toMatch(/Due Fri \d+ \w+, 09:00/);
  });

  it('reads the date in the invoker’s language and says so in it', async () => {
    await trust(t, KARI_ID, `promise <@${ALICE_ID}> sende tallene innen i morgen kl 9`);
    const reply = await trust(t, KARI_ID, 'promises');
    expect(text(reply)).toContain('Dine åpne løfter');
    const [row] = await stored();
    expect(row?.due_at.toISOString()).toMatch(/T0[78]:00:00\.000Z$/);
  });

  it('picks 17:00 when no time is given, and says so', async () => {
    const reply = await trust(t, ALICE_ID, `promise <@${BOB_ID}> review the plan by friday 3pm`);
    expect(text(reply)).not.toContain('No time given');
    const dated = await trust(t, ALICE_ID, `promise <@${BOB_ID}> review the deck by next week`);
    expect(text(dated)).toContain('No time given, so I picked 17:00');
    expect(text(dated)).toContain(', 17:00*');
  });

  it('shows &, < and > as typed: Slack escapes them once, the app decodes once and escapes once', async () => {
    // Slack sends this as "Q&amp;A notes &lt;draft&gt; (&amp;amp; stays)".
    const reply = await trust(
      t,
      ALICE_ID,
      `promise <@${BOB_ID}> share the Q&A notes <draft> (&amp; stays) by friday`,
    );
    const [row] = await stored();
    expect(row?.text).toBe('share the Q&A notes <draft> (&amp; stays)');
    const [dm] = await sentTo(BOB_ID);
    const shown = renderBlocks(dm?.blocks);
    expect(shown).toContain('share the Q&A notes <draft> (&amp; stays)');
    expect(shown).not.toContain('&lt;');
    expect(renderBlocks(reply.blocks)).toContain('share the Q&A notes <draft> (&amp; stays)');
  });

  it('reads the due date back in words, with the convention that gave its time, in the person’s language', async () => {
    const eod = await trust(t, ALICE_ID, `promise <@${BOB_ID}> send the notes by EOD friday`);
    expect(text(eod)).toMatch(
      /You wrote “EOD friday”: by Friday \d+ \w+ at 17:00 \(end of the working day\)\./,
    );
    const week = await trust(t, ALICE_ID, `promise <@${BOB_ID}> plan the review by end of month`);
    expect(text(week)).toMatch(/by \w+day \d+ \w+ at 17:00 \(end of the month\)/);
    const early = await trust(t, KARI_ID, `promise <@${ALICE_ID}> sende tallene innen i morgen tidlig`);
    expect(text(early)).toMatch(
      /Du skrev “i morgen tidlig”: innen \p{L}+dag \d+\. \p{L}+ kl\. 08:00 \(tidlig\)\./u,
    );
  });

  it('renders the promise text safely: no pings, no hijacked formatting', async () => {
    const hostile = `tell <!channel> and <@${KARI_ID}|kari> *now* \u202Eevil`;
    const reply = await trust(t, ALICE_ID, `promise <@${BOB_ID}> ${hostile} by tomorrow`);
    const [dm] = await sentTo(BOB_ID);
    for (const body of [text(reply), text(dm)]) {
      expect(body).not.toContain('<!channel>');
      expect(body).not.toContain(`<@${KARI_ID}`);
      expect(body).not.toContain('\u202E');
      expect(body).toContain('&lt;!channel&gt;');
    }
  });
});

describe('what /trust promise refuses, saving nothing', () => {
  const cases: Array<[string, string, string]> = [
    ['no recipient at all', 'promise send the numbers by friday', 'Start with the person'],
    [
      'a plain @name Slack did not turn into a mention',
      'promise @bob send it by friday',
      'Start with the person',
    ],
    ['someone Slack does not know', 'promise <@U0NOBODY1> send it by friday', 'Start with the person'],
    [
      'a promise to oneself',
      `promise <@${ALICE_ID}> go running by friday`,
      'A promise to yourself is a to-do',
    ],
    ['an app', `promise <@${OTHER_BOT_ID}> feed the bot by friday`, 'That is an app, not a person'],
    ['a deactivated person', `promise <@${DEACTIVATED_ID}> call back by friday`, 'no longer active'],
    ['no text', `promise <@${BOB_ID}> by friday`, 'Say what you promise'],
    [
      'text over 300 characters',
      `promise <@${BOB_ID}> ${'x'.repeat(301)} by friday`,
      'at most 300 characters',
    ],
    ['no "by"', `promise <@${BOB_ID}> send the numbers friday`, 'Say by when'],
    ['a date it cannot read', `promise <@${BOB_ID}> send it by the twelfth of never`, 'could not read'],
    ['a date in the past', `promise <@${BOB_ID}> send it by 1 Jan 2020`, 'already passed'],
    ['a date over a year ahead', `promise <@${BOB_ID}> send it by in 400 days`, 'more than a year away'],
  ];

  it.each(cases)('refuses %s with the right form', async (_name, command, problem) => {
    const reply = await trust(t, ALICE_ID, command);
    expect(reply.response_type).toBe('ephemeral');
    expect(text(reply)).toContain(problem);
    expect(text(reply)).toContain('/trust promise @person &lt;what&gt; by &lt;when&gt;');
    expect(await stored()).toHaveLength(0);
    await t.app.outbox.idle();
    expect(dms(t, BOB_ID)).toHaveLength(0);
  });

  it('shows examples with a date problem', async () => {
    const reply = await trust(t, ALICE_ID, `promise <@${BOB_ID}> send it by blursday`);
    expect(text(reply)).toContain('`friday 3pm`');
    expect(text(reply)).toContain('“blursday”');
  });

  it('answers in Norwegian to a Norwegian', async () => {
    const reply = await trust(t, KARI_ID, `promise <@${BOB_ID}> by fredag`);
    expect(text(reply)).toContain('Skriv hva du lover');
    expect(await stored()).toHaveLength(0);
  });
});

describe('/trust promise with no text: the modal', () => {
  it('opens the form and makes the same promise', async () => {
    const view = await openCreateModal();
    const answer = await submitModal(t, ALICE_ID, view, {
      recipient: BOB_ID,
      text: 'send the Q3 numbers',
      date: pickedDate,
      time: '15:00',
    });
    expect(answer?.response_action).toBe('update');
    expect(text(answer?.view)).toContain('You promised <@U0BOB0001>');
    const [row] = await stored();
    // The pickers are read in Alice's zone.
    expect(row?.due_at.toISOString()).toBe(inThreeWeeks.toUTC().toISO({ suppressMilliseconds: false }));
    const [dm] = await sentTo(BOB_ID);
    expect(dm?.text).toContain('made you a promise');
  });

  it('marks each bad input under its field and keeps the form open, saving nothing', async () => {
    const view = await openCreateModal();
    const answer = await submitModal(t, ALICE_ID, view, {
      recipient: ALICE_ID,
      text: '   ',
      date: '2020-01-01',
      time: '09:00',
    });
    expect(answer?.response_action).toBe('errors');
    expect(answer?.errors).toEqual({
      [promiseBlockIds.recipient]: expect.stringContaining('A promise to yourself'),
      [promiseBlockIds.text]: expect.stringContaining('Say what you promise'),
      [promiseBlockIds.dueDate]: expect.stringContaining('already passed'),
    });
    expect(t.emulator.views(ALICE_ID).at(-1)?.open).toBe(true);
    expect(await stored()).toHaveLength(0);
  });

  it.each([
    ['an app', OTHER_BOT_ID, 'That is an app'],
    ['a deactivated person', DEACTIVATED_ID, 'no longer active'],
  ])('refuses %s as recipient', async (_name, recipient, problem) => {
    const view = await openCreateModal();
    const answer = await submitModal(t, ALICE_ID, view, {
      recipient,
      text: 'x',
      date: pickedDate,
      time: '15:00',
    });
    expect(answer?.errors?.[promiseBlockIds.recipient]).toContain(problem);
    expect(await stored()).toHaveLength(0);
  });

  it('refuses a text over 300 characters and a date more than a year ahead', async () => {
    const view = await openCreateModal();
    const answer = await submitModal(t, ALICE_ID, view, {
      recipient: BOB_ID,
      text: 'y'.repeat(301),
      date: inThreeWeeks.plus({ years: 2 }).toISODate(),
      time: '15:00',
    });
    expect(answer?.errors).toEqual({
      [promiseBlockIds.text]: expect.stringContaining('at most 300'),
      [promiseBlockIds.dueDate]: expect.stringContaining('more than a year away'),
    });
    expect(await stored()).toHaveLength(0);
  });
});
