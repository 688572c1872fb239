import { beforeEach, describe, expect, it } from 'vitest';
import { promiseActionIds } from '../../../src/slack/ids.ts';
import { answerAfter, buttonsIn, click, dms, trust } from '../../support/promise-steps.ts';
import {
  ALICE_ID,
  BOB_ID,
  DEMO_TEAM_ID,
  KARI_ID,
  OTHER_BOT_ID,
  TEAM_CHANNEL_ID,
} from '../../support/slack-emulator/seed.ts';
import type { StoredMessage } from '../../support/slack-emulator/types.ts';
import { usePromiseTestApp } from '../../support/file-test-app.ts';
import { TestClock } from '../../support/test-clock.ts';

// Wednesday 9 December 2026, 14:00 in Oslo (where Alice and Kari are): "next friday" could be the
// 11th or the 18th.
const clock = new TestClock('2026-12-09T13:00:00Z');
const t = usePromiseTestApp({ clock, alsoClear: ['promise_due_choices'] });
beforeEach(() => {
  clock.set('2026-12-09T13:00:00Z');
});

const json = (value: unknown) => JSON.stringify(value);

async function promises() {
  return t.database.db.selectFrom('promises').selectAll().execute();
}

/** The question the person sees after typing the command: the last ephemeral to them. */
async function ask(userId: string, command: string): Promise<StoredMessage> {
  await trust(t, userId, command);
  const question = t.emulator.ephemerals(userId).at(-1);
  if (!question) throw new Error('no question');
  return question;
}

async function forgedClick(userId: string, actionId: string, value: string) {
  const before = t.emulator.responses().length;
  await t.driver.blockAction({
    teamId: DEMO_TEAM_ID,
    userId,
    actionId,
    blockId: 'forged',
    value,
    container: { type: 'message', channelId: TEAM_CHANNEL_ID, messageTs: '1700000000.000100' },
  });
  return answerAfter(t, before);
}

describe('a due date with two readings', () => {
  it('shows both dates as buttons, saves nothing, and makes the promise with the date clicked', async () => {
    const question = await ask(ALICE_ID, `promise <@${BOB_ID}> send the Q3 numbers by next friday`);

    expect(question.text).toContain('Which date do you mean for your promise to <@U0BOB0001>?');
    const buttons = buttonsIn(question.blocks);
    expect(buttons.map((b) => b.actionId)).toEqual([
      promiseActionIds.pickDueFirst,
      promiseActionIds.pickDueSecond,
    ]);
    expect(json(question.blocks)).toContain('"text":"Fri 11 Dec, 17:00"');
    expect(json(question.blocks)).toContain('"text":"Fri 18 Dec, 17:00"');
    expect(json(question.blocks)).toContain('send the Q3 numbers');
    expect(await promises()).toEqual([]);
    await t.app.outbox.idle();
    expect(dms(t, BOB_ID)).toEqual([]);

    await click(t, ALICE_ID, question, promiseActionIds.pickDueSecond);

    const rows = await promises();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ owner_id: ALICE_ID, recipient_id: BOB_ID, text: 'send the Q3 numbers' });
    expect(rows[0]?.due_at.toISOString()).toBe('2026-12-18T16:00:00.000Z');
    // The question is replaced by the confirmation: no buttons left to click.
    const replaced = t.emulator.ephemerals(ALICE_ID).find((m) => m.ts === question.ts);
    expect(replaced?.text).toContain('You promised <@U0BOB0001>');
    expect(json(replaced?.blocks)).toContain('Due *Fri 18 Dec, 17:00* (Europe/Oslo)');
    expect(buttonsIn(replaced?.blocks).map((b) => b.actionId)).not.toContain(promiseActionIds.pickDueFirst);
    await t.app.outbox.idle();
    expect(dms(t, BOB_ID).at(-1)?.text).toContain('<@U0ALICE01> made you a promise');
  });

  it('makes one promise when a button is clicked twice at once, or the other one after', async () => {
    const question = await ask(ALICE_ID, `promise <@${BOB_ID}> book the room by next friday`);
    const second = buttonsIn(question.blocks)[1]?.value ?? '';

    const before = t.emulator.responses().length;
    await Promise.all([
      click(t, ALICE_ID, question, promiseActionIds.pickDueFirst),
      click(t, ALICE_ID, question, promiseActionIds.pickDueFirst),
    ]);
    const answers = await t.emulator.waitFor(
      () => (t.emulator.responses().length >= before + 2 ? t.emulator.responses().slice(before) : undefined),
      { description: 'both answers' },
    );
    expect(await promises()).toHaveLength(1);
    expect((await promises())[0]?.due_at.toISOString()).toBe('2026-12-11T16:00:00.000Z');
    expect(json(answers.map((r) => r.body))).toContain('You already picked a date for this promise');

    // The question as a second device may still show it.
    const late = await forgedClick(ALICE_ID, promiseActionIds.pickDueSecond, second);
    expect(json(late)).toContain('You already picked a date for this promise');
    expect(await promises()).toHaveLength(1);
    await t.app.outbox.idle();
    expect(dms(t, BOB_ID)).toHaveLength(1);
  });

  it('refuses forged clicks: someone else’s question, an index not offered, a value not its own', async () => {
    const question = await ask(ALICE_ID, `promise <@${BOB_ID}> review the plan by next friday`);
    const [first] = buttonsIn(question.blocks);
    const choiceId = (JSON.parse(first?.value ?? '{}') as { q: string }).q;

    const bobs = await forgedClick(BOB_ID, promiseActionIds.pickDueFirst, first?.value ?? '');
    expect(json(bobs)).toContain('I could not find that question');
    for (const value of [
      JSON.stringify({ q: choiceId, c: 2 }),
      JSON.stringify({ q: choiceId, c: 0, due: '2026-12-10T10:00:00Z' }),
      JSON.stringify({ q: 'not-a-uuid', c: 0 }),
      'garbage',
    ]) {
      const answer = await forgedClick(ALICE_ID, promiseActionIds.pickDueFirst, value);
      expect(json(answer)).toContain('I could not find that question');
    }
    expect(await promises()).toEqual([]);
  });

  it('asks again after a day: the question has expired', async () => {
    const question = await ask(ALICE_ID, `promise <@${BOB_ID}> send the draft by next friday`);
    clock.set('2026-12-10T14:00:00Z');
    const answer = await click(t, ALICE_ID, question, promiseActionIds.pickDueFirst);
    expect(json(answer)).toContain('That question is more than a day old');
    expect(await promises()).toEqual([]);
  });

  it('says what is wrong with the rest before asking about the date', async () => {
    await trust(t, ALICE_ID, `promise <@${OTHER_BOT_ID}> feed the bot by next friday`);
    expect(t.emulator.ephemerals(ALICE_ID).at(-1)?.text).toContain('That is an app, not a person');
    expect(await t.database.db.selectFrom('promise_due_choices').selectAll().execute()).toEqual([]);
  });

  it('asks in Bokmål, with the dates in Norwegian', async () => {
    const question = await ask(KARI_ID, `promise <@${ALICE_ID}> sende tallene innen neste fredag`);
    expect(question.text).toContain('Hvilken dato mener du for løftet til <@U0ALICE01>?');
    expect(json(question.blocks)).toContain('fre. 11. des., 17:00');
    expect(json(question.blocks)).toContain('fre. 18. des., 17:00');
    await click(t, KARI_ID, question, promiseActionIds.pickDueFirst);
    expect((await promises())[0]?.due_at.toISOString()).toBe('2026-12-11T16:00:00.000Z');
  });

  it('makes the promise at once when the words have one reading', async () => {
    await trust(t, KARI_ID, `promise <@${ALICE_ID}> sende tallene innen fredag neste uke kl 12`);
    const rows = await promises();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.due_at.toISOString()).toBe('2026-12-18T11:00:00.000Z');
  });
});
