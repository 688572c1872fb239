import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseDueDate } from '../../../src/domain/promises/due-date.parser.ts';
import { promiseBlockIds, promiseCallbackIds, shortcutCallbackIds } from '../../../src/slack/ids.ts';
import { dms, openModal, submitModal } from '../../support/promise-steps.ts';
import { isRecord } from '../../support/slack-emulator/block-kit.ts';
import {
  ALICE_ID,
  BOB_ID,
  DEMO_TEAM_ID,
  KARI_ID,
  TEAM_CHANNEL_ID,
} from '../../support/slack-emulator/seed.ts';
import type { StoredView } from '../../support/slack-emulator/types.ts';
import { usePromiseTestApp } from '../../support/file-test-app.ts';

// "Make this a promise" on a message, through signed `message_action` payloads shaped as Slack
// sends them, against the real app, database and the emulator.

const t = usePromiseTestApp();

/** A DM between Alice and Bob: the app is not part of it and cannot read it. */
const PRIVATE_DM = 'D0ALICEBOB';

async function runShortcut(userId: string, channelId: string, messageTs: string): Promise<StoredView> {
  const opened = t.emulator.calls('views.open').length;
  const response = await t.driver.messageShortcut({
    teamId: DEMO_TEAM_ID,
    userId,
    callbackId: shortcutCallbackIds.promiseFromMessage,
    channelId,
    messageTs,
  });
  expect(response.status).toBe(200);
  await t.emulator.waitFor(() => t.emulator.calls('views.open').length > opened, {
    description: 'the promise modal',
  });
  return openModal(t, userId, promiseCallbackIds.create);
}

/** The value an input of the modal starts with, by block id. */
function initial(view: StoredView, blockId: string): unknown {
  const block = (view.body.blocks as unknown[]).find((b) => isRecord(b) && b.block_id === blockId);
  const element = isRecord(block) && isRecord(block.element) ? block.element : {};
  return (
    element.initial_user ?? element.initial_value ?? element.initial_date ?? element.initial_time ?? undefined
  );
}

const text = (value: unknown) => JSON.stringify(value);

function fridayAt17(zone: string) {
  const due = parseDueDate('friday', { now: new Date(), timeZone: zone, language: 'en' });
  if (!due.ok) throw new Error('friday did not parse');
  return DateTime.fromJSDate(due.due, { zone });
}

describe('Make this a promise (message shortcut)', () => {
  it('prefills the modal from a thread reply: text read once, names not ids, the date, the asker, a link', async () => {
    const parent = t.emulator.postAsUser({
      teamId: DEMO_TEAM_ID,
      channel: TEAM_CHANNEL_ID,
      user: BOB_ID,
      text: 'Can someone send the Q3 numbers?',
    });
    // As Slack delivers it: mentions as <@U…>, its three entities escaped.
    const reply = t.emulator.postAsUser({
      teamId: DEMO_TEAM_ID,
      channel: TEAM_CHANNEL_ID,
      user: ALICE_ID,
      text: `Sure <@${KARI_ID}>, numbers &amp; deck &lt;3. I'll send it by friday`,
      threadTs: parent.ts,
    });

    const view = await runShortcut(ALICE_ID, TEAM_CHANNEL_ID, reply.ts);

    expect(initial(view, promiseBlockIds.recipient)).toBe(BOB_ID);
    expect(initial(view, promiseBlockIds.text)).toBe("Sure @kari, numbers & deck <3. I'll send it by friday");
    const friday = fridayAt17('Europe/Oslo');
    expect(initial(view, promiseBlockIds.dueDate)).toBe(friday.toISODate());
    expect(initial(view, promiseBlockIds.dueTime)).toBe('17:00');
    const link = `https://acme.slack.com/archives/${TEAM_CHANNEL_ID}/p${reply.ts.replace('.', '')}?thread_ts=${parent.ts}&cid=${TEAM_CHANNEL_ID}`;
    expect(text(view.body.blocks)).toContain(`<${link}|this message>`);
    expect(t.emulator.calls('chat.getPermalink')).toHaveLength(1);

    // Submitted as prefilled: Alice owns it, Bob hears of it with the link back.
    const answer = await submitModal(t, ALICE_ID, view, {});
    expect(answer?.response_action).toBe('update');
    const [row] = await t.database.db.selectFrom('promises').selectAll().execute();
    expect(row).toMatchObject({
      owner_id: ALICE_ID,
      recipient_id: BOB_ID,
      text: "Sure @kari, numbers & deck <3. I'll send it by friday",
      source_link: link,
    });
    expect(row?.due_at.toISOString()).toBe(friday.toJSDate().toISOString());
    expect(text(answer?.view)).toContain('From this message');
    await t.app.outbox.idle();
    const [notice] = await t.emulator.waitFor(() => (dms(t, BOB_ID).length > 0 ? dms(t, BOB_ID) : undefined));
    expect(text(notice?.blocks)).toContain(`<${link}|From this message>`);
    // Escaped once on the way out: the decoded "&" and "<3" are escaped again, never doubled.
    expect(text(notice?.blocks)).toContain('numbers &amp; deck &lt;3');
    expect(text(notice?.blocks)).not.toContain('&amp;amp;');
  });

  it('suggests the message’s author outside a thread, and nobody for my own message', async () => {
    const bobs = t.emulator.postAsUser({
      teamId: DEMO_TEAM_ID,
      channel: TEAM_CHANNEL_ID,
      user: BOB_ID,
      text: 'Could you review the plan?',
    });
    const fromBob = await runShortcut(ALICE_ID, TEAM_CHANNEL_ID, bobs.ts);
    expect(initial(fromBob, promiseBlockIds.recipient)).toBe(BOB_ID);
    t.emulator.closeView(fromBob.id, true);

    const mine = t.emulator.postAsUser({
      teamId: DEMO_TEAM_ID,
      channel: TEAM_CHANNEL_ID,
      user: ALICE_ID,
      text: 'I will review the plan',
    });
    const own = await runShortcut(ALICE_ID, TEAM_CHANNEL_ID, mine.ts);
    expect(initial(own, promiseBlockIds.recipient)).toBeUndefined();
    // No date in the message: tomorrow 17:00, and the modal says so.
    const tomorrow = DateTime.now().setZone('Europe/Oslo').plus({ days: 1 });
    expect(initial(own, promiseBlockIds.dueDate)).toBe(tomorrow.toISODate());
    expect(text(own.body.blocks)).toContain('No date found in the message');
  });

  it('works on a DM the app cannot read: the link is built from the payload', async () => {
    const message = t.emulator.postAsUser({
      teamId: DEMO_TEAM_ID,
      channel: PRIVATE_DM,
      user: BOB_ID,
      text: `<@U0NOBODY1> asked; I need it by tomorrow 9am`,
    });
    const view = await runShortcut(ALICE_ID, PRIVATE_DM, message.ts);
    expect(t.emulator.calls('chat.getPermalink')[0]?.response).toMatchObject({ error: 'channel_not_found' });
    const link = `https://acme.slack.com/archives/${PRIVATE_DM}/p${message.ts.replace('.', '')}`;
    expect(text(view.body.blocks)).toContain(`<${link}|this message>`);
    expect(initial(view, promiseBlockIds.recipient)).toBe(BOB_ID);
    // Someone Slack cannot tell us about is "someone", never a raw id.
    expect(initial(view, promiseBlockIds.text)).toBe('@someone asked; I need it by tomorrow 9am');
    expect(initial(view, promiseBlockIds.dueTime)).toBe('09:00');
    // No history scope was asked for or used.
    expect(t.emulator.calls().filter((c) => c.method.startsWith('conversations.history'))).toEqual([]);
  });

  it('speaks the person’s language and reads Norwegian dates', async () => {
    const message = t.emulator.postAsUser({
      teamId: DEMO_TEAM_ID,
      channel: TEAM_CHANNEL_ID,
      user: ALICE_ID,
      text: 'Jeg sender tallene innen fredag',
    });
    const view = await runShortcut(KARI_ID, TEAM_CHANNEL_ID, message.ts);
    expect(text(view.body)).toContain('Laget fra');
    expect(initial(view, promiseBlockIds.recipient)).toBe(ALICE_ID);
    expect(initial(view, promiseBlockIds.dueDate)).toBe(fridayAt17('Europe/Oslo').toISODate());
  });

  it('keeps only a Slack message link: a forged one in the form is dropped', async () => {
    const response = await t.driver.viewSubmission({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      view: {
        callback_id: promiseCallbackIds.create,
        private_metadata: JSON.stringify({ l: 'https://evil.example/archives/C1/p1' }),
        state: {
          values: {
            [promiseBlockIds.recipient]: {
              [promiseBlockIds.recipient]: { type: 'users_select', selected_user: BOB_ID },
            },
            [promiseBlockIds.text]: { [promiseBlockIds.text]: { type: 'plain_text_input', value: 'x' } },
            [promiseBlockIds.dueDate]: {
              [promiseBlockIds.dueDate]: {
                type: 'datepicker',
                selected_date: DateTime.now().plus({ days: 3 }).toISODate(),
              },
            },
            [promiseBlockIds.dueTime]: {
              [promiseBlockIds.dueTime]: { type: 'timepicker', selected_time: '12:00' },
            },
          },
        },
      },
    });
    expect(response.status).toBe(200);
    const [row] = await t.database.db.selectFrom('promises').selectAll().execute();
    expect(row?.owner_id).toBe(ALICE_ID);
    expect(row?.source_link).toBeNull();
  });

  it('opens the modal before the trigger expires even when Slack is slow to answer the lookups', async () => {
    t.emulator.inject({ method: 'chat.getPermalink', fault: { type: 'delay', ms: 3_200 } });
    t.emulator.inject({
      method: 'users.info',
      times: Number.POSITIVE_INFINITY,
      fault: { type: 'delay', ms: 3_200 },
    });
    const message = t.emulator.postAsUser({
      teamId: DEMO_TEAM_ID,
      channel: PRIVATE_DM,
      user: BOB_ID,
      text: `<@${KARI_ID}> gets it by friday`,
    });
    const view = await runShortcut(ALICE_ID, PRIVATE_DM, message.ts);
    expect(t.emulator.calls('views.open')[0]?.response).toMatchObject({ ok: true });
    expect(initial(view, promiseBlockIds.text)).toBe('@someone gets it by friday');
    // Without Slack's answer the link is built from the payload.
    expect(text(view.body.blocks)).toContain(`https://acme.slack.com/archives/${PRIVATE_DM}/p`);
  }, 15_000);
});
