import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { promiseActionIds, promiseBlockIds, promiseCallbackIds } from '../../../src/slack/ids.ts';
import { encodePromiseRef } from '../../../src/slack/blocks/promise.blocks.ts';
import {
  answerAfter,
  buttonIn,
  click,
  dms,
  openModal,
  type Slack,
  submitModal,
  trust,
} from '../../support/promise-steps.ts';
import {
  ALICE_ID,
  BOB_ID,
  DEMO_TEAM_ID,
  KARI_ID,
  TEAM_CHANNEL_ID,
} from '../../support/slack-emulator/seed.ts';
import type { StoredMessage } from '../../support/slack-emulator/types.ts';
import { usePromiseTestApp } from '../../support/file-test-app.ts';

const t = usePromiseTestApp();

const json = (value: unknown) => JSON.stringify(value);
const hostile = `<!channel> ping <@${KARI_ID}|kari> *bold*`;
const zone = 'Europe/Oslo';
/** A day some weeks ahead, as the date picker gives it. */
const later = (weeks: number) => DateTime.now().setZone(zone).plus({ weeks }).toISODate() ?? '';

/** Alice promises Bob something; returns her ephemeral confirmation and the promise id. */
async function alicePromisesBob(what = 'send the Q3 numbers') {
  await trust(t, ALICE_ID, `promise <@${BOB_ID}> ${what} by friday 3pm`);
  const confirmation = t.emulator.ephemerals(ALICE_ID).at(-1);
  if (!confirmation) throw new Error('no confirmation');
  const row = await t.database.db.selectFrom('promises').selectAll().executeTakeFirstOrThrow();
  await t.app.outbox.idle();
  return { confirmation, id: row.id };
}

async function row(id: string) {
  return t.database.db.selectFrom('promises').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** DMs to a person once kicked sends are done. */
async function sentTo(userId: string): Promise<StoredMessage[]> {
  await t.app.outbox.idle();
  return dms(t, userId);
}

/** A click Slack would never send as is: any action id and value, on no message the app posted. */
async function forgedClick(s: Slack, userId: string, actionId: string, value: string) {
  const before = s.emulator.responses().length;
  await s.driver.blockAction({
    teamId: DEMO_TEAM_ID,
    userId,
    actionId,
    blockId: 'forged',
    value,
    container: { type: 'message', channelId: TEAM_CHANNEL_ID, messageTs: '1700000000.000100' },
  });
  return answerAfter(s, before);
}

/** Alice's list from `/trust promises`, as the ephemeral message she sees. */
async function aliceList(): Promise<StoredMessage> {
  await trust(t, ALICE_ID, 'promises');
  const list = t.emulator.ephemerals(ALICE_ID).at(-1);
  if (!list) throw new Error('no list');
  return list;
}

describe('keeping a promise', () => {
  it('is marked kept by its owner, and the recipient hears it once however often it is clicked', async () => {
    const { id } = await alicePromisesBob();
    const list = await aliceList();
    const answer = await click(t, ALICE_ID, list, promiseActionIds.kept);
    expect(json(answer)).toContain('Marked as kept');
    expect(json(answer)).toContain('I have let <@U0BOB0001> know');
    expect(await row(id)).toMatchObject({ state: 'kept', kept_by: 'owner', next_reminder_at: null });

    const again = await click(t, ALICE_ID, list, promiseActionIds.kept);
    expect(json(again)).toContain('This promise is already kept');
    const bob = await sentTo(BOB_ID);
    expect(bob.map((m) => m.text)).toEqual([
      expect.stringContaining('made you a promise'),
      expect.stringContaining('<@U0ALICE01> kept a promise to you'),
    ]);
  });

  it('keeps once when two clicks race', async () => {
    const { id } = await alicePromisesBob();
    const list = await aliceList();
    await Promise.all([
      click(t, ALICE_ID, list, promiseActionIds.kept),
      click(t, ALICE_ID, list, promiseActionIds.kept),
    ]);
    expect((await row(id)).state).toBe('kept');
    expect((await sentTo(BOB_ID)).filter((m) => m.text.includes('kept a promise'))).toHaveLength(1);
  });

  it('can be confirmed by the recipient from the DM they got, and the owner is told', async () => {
    const { id } = await alicePromisesBob();
    const [made] = await sentTo(BOB_ID);
    if (!made) throw new Error('no DM');
    const answer = await click(t, BOB_ID, made, promiseActionIds.kept);
    expect(json(answer)).toContain('Marked as kept');
    expect(await row(id)).toMatchObject({ state: 'kept', kept_by: 'recipient' });
    const [told] = await sentTo(ALICE_ID);
    expect(told?.text).toContain('<@U0BOB0001> confirmed that you kept your promise');
  });
});

describe('a new date', () => {
  async function newDateModal(confirmation: StoredMessage) {
    await click(t, ALICE_ID, confirmation, promiseActionIds.newDate);
    return openModal(t, ALICE_ID, promiseCallbackIds.newDate);
  }

  it('moves the due date, keeps the history and tells the recipient old → new with the note', async () => {
    const { confirmation, id } = await alicePromisesBob();
    const before = await row(id);
    const view = await newDateModal(confirmation);
    const answer = await submitModal(t, ALICE_ID, view, {
      date: later(3),
      time: '10:30',
      note: 'waiting on finance',
    });
    expect(answer?.response_action).toBe('update');
    expect(json(answer?.view)).toContain('New due date');

    const after = await row(id);
    expect(after.state).toBe('renegotiated');
    expect(after.due_at.toISOString()).toBe(
      DateTime.fromISO(`${later(3)}T10:30`, { zone })
        .toUTC()
        .toISO({ suppressMilliseconds: false }),
    );
    expect(after.due_changes).toEqual([
      expect.objectContaining({ from: before.due_at.toISOString(), to: after.due_at.toISOString() }),
    ]);
    // The schedule restarts from the new date.
    expect(after.next_reminder_at?.getTime()).not.toBe(before.next_reminder_at?.getTime());

    const told = (await sentTo(BOB_ID)).at(-1);
    expect(told?.text).toContain('moved the due date');
    // Bob reads the new time in his own zone.
    const inNewYork = DateTime.fromISO(`${later(3)}T10:30`, { zone })
      .setZone('America/New_York')
      .toFormat('HH:mm');
    expect(json(told?.blocks)).toMatch(new RegExp(`~[^~]+~ → \\*[^*]+, ${inNewYork}\\*`));
    expect(json(told?.blocks)).toContain('Note: waiting on finance');
  });

  it.each([
    ['a time that has passed', { date: '2020-01-01', time: '09:00' }, 'already passed'],
    ['more than a year ahead', { date: later(60), time: '09:00' }, 'more than a year away'],
    ['the same date', undefined, 'already has'],
  ])('refuses %s under the date field, changing nothing', async (_name, picked, problem) => {
    const { confirmation, id } = await alicePromisesBob();
    const before = await row(id);
    const view = await newDateModal(confirmation);
    const answer = await submitModal(t, ALICE_ID, view, picked ?? {});
    expect(answer?.response_action).toBe('errors');
    expect(answer?.errors?.[promiseBlockIds.dueDate]).toContain(problem);
    expect(await row(id)).toEqual(before);
    expect(await sentTo(BOB_ID)).toHaveLength(1);
  });

  it('refuses a note over 300 characters under the note field', async () => {
    const { confirmation, id } = await alicePromisesBob();
    const view = await newDateModal(confirmation);
    const answer = await submitModal(t, ALICE_ID, view, {
      date: later(3),
      time: '10:00',
      note: 'n'.repeat(301),
    });
    expect(answer?.errors?.[promiseBlockIds.note]).toContain('at most 300');
    expect((await row(id)).state).toBe('open');
  });
});

describe('releasing a promise', () => {
  it('releases it and tells the recipient, with the note', async () => {
    const { confirmation, id } = await alicePromisesBob();
    await click(t, ALICE_ID, confirmation, promiseActionIds.release);
    const view = await openModal(t, ALICE_ID, promiseCallbackIds.release);
    const answer = await submitModal(t, ALICE_ID, view, { note: 'Priorities changed; Ola takes it' });
    expect(answer?.response_action).toBe('update');
    expect(json(answer?.view)).toContain('Released');
    expect(await row(id)).toMatchObject({
      state: 'released',
      release_note: 'Priorities changed; Ola takes it',
    });
    const told = (await sentTo(BOB_ID)).at(-1);
    expect(told?.text).toContain('cannot keep this promise after all');
    expect(json(told?.blocks)).toContain('Note: Priorities changed; Ola takes it');
  });

  it('cannot be kept, moved or released again afterwards', async () => {
    const { confirmation, id } = await alicePromisesBob();
    await click(t, ALICE_ID, confirmation, promiseActionIds.release);
    await submitModal(t, ALICE_ID, await openModal(t, ALICE_ID, promiseCallbackIds.release), {});
    const again = await click(t, ALICE_ID, confirmation, promiseActionIds.release);
    expect(json(again)).toContain('already released');
    const [made] = dms(t, BOB_ID);
    if (!made) throw new Error('no DM');
    expect(json(await click(t, BOB_ID, made, promiseActionIds.kept))).toContain('already released');
    expect((await row(id)).state).toBe('released');
  });
});

describe('a renegotiated promise', () => {
  it('can still be kept', async () => {
    const { confirmation, id } = await alicePromisesBob();
    await click(t, ALICE_ID, confirmation, promiseActionIds.newDate);
    await submitModal(t, ALICE_ID, await openModal(t, ALICE_ID, promiseCallbackIds.newDate), {
      date: later(2),
      time: '12:00',
    });
    expect((await row(id)).state).toBe('renegotiated');
    await click(t, ALICE_ID, await aliceList(), promiseActionIds.kept);
    expect(await row(id)).toMatchObject({ state: 'kept', kept_by: 'owner' });
  });
});

describe('actions by anyone else', () => {
  it('refuses Bob releasing or moving Alice’s promise: no modal, no change, no message', async () => {
    const { id } = await alicePromisesBob();
    const before = await row(id);
    for (const actionId of [promiseActionIds.release, promiseActionIds.newDate]) {
      const answer = await forgedClick(t, BOB_ID, actionId, encodePromiseRef(id));
      expect(json(answer)).toContain('Only the person who made this promise can change it');
    }
    expect(t.emulator.views(BOB_ID)).toHaveLength(0);
    expect(await row(id)).toEqual(before);
    expect(await sentTo(ALICE_ID)).toHaveLength(0);
  });

  it('refuses a third person marking it kept', async () => {
    const { id } = await alicePromisesBob();
    const answer = await forgedClick(t, KARI_ID, promiseActionIds.kept, encodePromiseRef(id));
    // Kari reads Norwegian: only the two people in the promise can mark it kept.
    expect(json(answer)).toContain('Bare de to som løftet gjelder');
    expect((await row(id)).state).toBe('open');
  });

  it('refuses a forged modal submission for someone else’s promise', async () => {
    const { id } = await alicePromisesBob();
    const before = await row(id);
    for (const callbackId of [promiseCallbackIds.release, promiseCallbackIds.newDate]) {
      const response = await t.driver.viewSubmission({
        teamId: DEMO_TEAM_ID,
        userId: BOB_ID,
        view: {
          callback_id: callbackId,
          private_metadata: encodePromiseRef(id),
          state: {
            values: {
              [promiseBlockIds.dueDate]: { [promiseBlockIds.dueDate]: { selected_date: later(4) } },
              [promiseBlockIds.dueTime]: { [promiseBlockIds.dueTime]: { selected_time: '09:00' } },
              [promiseBlockIds.note]: { [promiseBlockIds.note]: { value: 'mine now' } },
            },
          },
        },
      });
      // The metadata was not sealed by the app for Bob: it reads as no promise at all.
      expect(json(response.json)).toContain('I could not find that promise');
    }
    expect(await row(id)).toEqual(before);
  });

  it('finds nothing for a promise of another workspace', async () => {
    await t.database.db
      .insertInto('workspaces')
      .values({ id: 'T0OTHER01' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const other = await t.database.db
      .insertInto('promises')
      .values({
        workspace_id: 'T0OTHER01',
        owner_id: ALICE_ID,
        recipient_id: BOB_ID,
        text: 'elsewhere',
        due_at: new Date(Date.now() + 86_400_000),
        state: 'open',
        created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const actionId of [promiseActionIds.kept, promiseActionIds.newDate, promiseActionIds.release]) {
      const answer = await forgedClick(t, ALICE_ID, actionId, encodePromiseRef(other.id));
      expect(json(answer)).toContain('I could not find that promise');
    }
    expect((await row(other.id)).state).toBe('open');
  });

  it.each([
    ['garbage', 'not json at all'],
    ['the wrong shape', '{"promise":"x"}'],
    ['a non-uuid id', '{"p":"1 OR 1=1"}'],
  ])('answers politely to a button value that is %s', async (_name, value) => {
    const { id } = await alicePromisesBob();
    for (const actionId of [promiseActionIds.kept, promiseActionIds.newDate, promiseActionIds.release]) {
      const answer = await forgedClick(t, ALICE_ID, actionId, value);
      expect(json(answer)).toContain('I could not find that promise');
    }
    expect((await row(id)).state).toBe('open');
  });
});

describe('what the app shows about a promise', () => {
  it('never lets the promise text or a note ping anyone, in any message or modal', async () => {
    const { confirmation, id } = await alicePromisesBob(hostile);
    const shown: unknown[] = [confirmation];
    shown.push(await aliceList());
    await click(t, ALICE_ID, confirmation, promiseActionIds.newDate);
    const newDate = await openModal(t, ALICE_ID, promiseCallbackIds.newDate);
    shown.push(newDate.body);
    shown.push(await submitModal(t, ALICE_ID, newDate, { date: later(2), time: '11:00', note: hostile }));
    await click(t, ALICE_ID, confirmation, promiseActionIds.release);
    const release = await openModal(t, ALICE_ID, promiseCallbackIds.release);
    shown.push(release.body);
    shown.push(await submitModal(t, ALICE_ID, release, { note: hostile }));
    expect((await row(id)).state).toBe('released');
    shown.push(...(await sentTo(BOB_ID)));
    expect(dms(t, BOB_ID)).toHaveLength(3); // made, renegotiated, released

    for (const item of shown) {
      const text = json(item);
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain(`<@${KARI_ID}`);
      expect(text).toContain('&lt;!channel&gt;');
    }
  });

  it('escapes the kept notice too', async () => {
    await alicePromisesBob(hostile);
    const [made] = await sentTo(BOB_ID);
    if (!made) throw new Error('no DM');
    const answer = await click(t, BOB_ID, made, promiseActionIds.kept);
    const [kept] = await sentTo(ALICE_ID);
    for (const text of [json(answer), json(kept)]) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain(`<@${KARI_ID}`);
    }
  });

  it('lists my open promises with my keep rate, or an example when there are none', async () => {
    const empty = json(await trust(t, ALICE_ID, 'promises'));
    expect(empty).toContain('You have no open promises');
    expect(empty).toContain('/trust promise @kari send the Q3 numbers by friday 3pm');
    await alicePromisesBob();
    await trust(t, BOB_ID, `promise <@${ALICE_ID}> review the deck by tomorrow 9am`);
    const list = await aliceList();
    const text = json(list.blocks);
    expect(text).toContain('*You promised*');
    expect(text).toContain('*Promised to you*');
    expect(text).toContain('None of your promises came due');
    expect(buttonIn(list.blocks, promiseActionIds.kept, 1)).toBeDefined();
  });
});

describe('promises on the App Home', () => {
  async function home(userId: string) {
    const published = () =>
      t.emulator.calls('views.publish').filter((c) => c.params.user_id === userId).length;
    const before = published();
    await t.driver.appHomeOpened({ teamId: DEMO_TEAM_ID, userId });
    await t.emulator.waitFor(() => published() > before, { description: 'home' });
    const view = t.emulator.homeView(userId);
    if (!view) throw new Error('no home');
    return view;
  }

  async function clickOnHome(userId: string, viewId: string, button: { blockId: string; actionId: string }) {
    const opens = t.emulator.calls('views.open').length;
    await t.driver.blockAction({
      teamId: DEMO_TEAM_ID,
      userId,
      ...button,
      container: { type: 'view', viewId },
    });
    await t.emulator.waitFor(() => t.emulator.calls('views.open').length > opens, { description: 'a modal' });
    return t.emulator.views(userId).at(-1);
  }

  it('shows my open promises with their buttons, keeps one, and shows the change', async () => {
    const { id } = await alicePromisesBob('water the plants');
    const before = await home(ALICE_ID);
    expect(json(before.body)).toContain('water the plants');
    const answer = await clickOnHome(
      ALICE_ID,
      before.id,
      buttonIn(before.body.blocks, promiseActionIds.kept),
    );
    expect(json(answer?.body)).toContain('Marked as kept');
    expect((await row(id)).state).toBe('kept');
    const after = await t.emulator.waitFor(
      () => {
        const view = t.emulator.homeView(ALICE_ID);
        return view && !json(view.body).includes('water the plants') ? view : undefined;
      },
      { description: 'the home without the kept promise' },
    );
    expect(json(after.body)).toContain('You have no open promises');
  });

  it('lets the recipient confirm kept from the App Home, answering in a modal', async () => {
    const { id } = await alicePromisesBob();
    const bobsHome = await home(BOB_ID);
    const answer = await clickOnHome(BOB_ID, bobsHome.id, {
      ...buttonIn(bobsHome.body.blocks, promiseActionIds.kept),
    });
    expect(json(answer?.body)).toContain('Marked as kept');
    expect(await row(id)).toMatchObject({ state: 'kept', kept_by: 'recipient' });
  });

  it('opens the create modal from New promise', async () => {
    const view = await home(KARI_ID);
    const modal = await clickOnHome(KARI_ID, view.id, buttonIn(view.body.blocks, promiseActionIds.create));
    expect(modal?.body.callback_id).toBe(promiseCallbackIds.create);
    expect(json(modal?.body)).toContain('Nytt løfte');
  });
});
