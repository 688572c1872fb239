import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pulseCallbackIds, promiseCallbackIds, shortcutCallbackIds } from '../../../src/slack/ids.ts';
import { pulseItemBlockIds } from '../../../src/slack/blocks/pulse.blocks.ts';
import { submitModal } from '../../support/promise-steps.ts';
import { ALICE_ID, BOB_ID, DEMO_TEAM_ID, KARI_ID } from '../../support/slack-emulator/seed.ts';
import type { StoredView } from '../../support/slack-emulator/types.ts';
import { addPeople, createTeamOf } from '../../support/team-steps.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';
import { TestClock } from '../../support/test-clock.ts';

// The global shortcuts "Make a promise" and "Rate team trust", through signed `shortcut` payloads.

let t: TestApp;
const clock = new TestClock('2027-01-06T11:00:00Z'); // Wednesday of 2027-W01 in Oslo

beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.emulator.reset();
});

async function shortcut(userId: string, callbackId: string): Promise<StoredView> {
  const opened = t.emulator.calls('views.open').length;
  const response = await t.driver.globalShortcut({ teamId: DEMO_TEAM_ID, userId, callbackId });
  expect(response.status).toBe(200);
  const call = await t.emulator.waitFor(() => t.emulator.calls('views.open')[opened], {
    description: 'a modal',
  });
  expect(call.response).toMatchObject({ ok: true });
  const views = t.emulator.views(userId);
  const top = views[views.length - 1];
  if (!top) throw new Error('no modal open');
  return top;
}

const text = (value: unknown) => JSON.stringify(value);

function ratingState(score: number) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const id of Object.values(pulseItemBlockIds)) {
    values[id] = {
      [id]: {
        type: 'radio_buttons',
        selected_option: { text: { type: 'plain_text', text: String(score) }, value: String(score) },
      },
    };
  }
  return { values } as never;
}

describe('Make a promise (global shortcut)', () => {
  it('opens the empty promise modal; submitting it makes the person who ran it the owner', async () => {
    const view = await shortcut(ALICE_ID, shortcutCallbackIds.makePromise);
    expect(view.body.callback_id).toBe(promiseCallbackIds.create);
    expect(text(view.body.blocks)).not.toContain('initial_user');
    const answer = await submitModal(t, ALICE_ID, view, {
      recipient: BOB_ID,
      text: 'bring the cake',
      date: '2027-01-08',
      time: '15:00',
    });
    expect(answer?.response_action).toBe('update');
    const rows = await t.database.db.selectFrom('promises').selectAll().execute();
    expect(rows.map((r) => [r.owner_id, r.recipient_id, r.text, r.source_link])).toEqual([
      [ALICE_ID, BOB_ID, 'bring the cake', null],
    ]);
  });

  it('speaks Norwegian to Kari', async () => {
    const view = await shortcut(KARI_ID, shortcutCallbackIds.makePromise);
    expect(text(view.body.title)).toContain('løfte');
  });
});

describe('Rate team trust (global shortcut)', () => {
  it('says so when the person is in no team', async () => {
    const view = await shortcut(ALICE_ID, shortcutCallbackIds.rateTeamTrust);
    expect(text(view.body)).toContain('You are not in a team with a pulse yet.');
  });

  it('says why when the team is below the minimum group size', async () => {
    const people = addPeople(t.emulator, 'U0SMALL', 2);
    const { channelId } = await createTeamOf({ emulator: t.emulator, db: t.database.db, clock }, people, 3);
    const view = await shortcut(people[0] ?? '', shortcutCallbackIds.rateTeamTrust);
    expect(text(view.body)).toContain(`<#${channelId}>`);
    expect(text(view.body)).toContain('at least 3 members');
  });

  it('opens the rating modal for an open round, and after rating says there is nothing left', async () => {
    const people = addPeople(t.emulator, 'U0RATE', 3);
    const { channelId } = await createTeamOf({ emulator: t.emulator, db: t.database.db, clock }, people, 3);
    const rater = people[1] ?? '';
    const view = await shortcut(rater, shortcutCallbackIds.rateTeamTrust);
    expect(view.body.callback_id).toBe(pulseCallbackIds.rate);
    expect(text(view.body.blocks)).toContain(`<#${channelId}>`);
    const submitted = await t.driver.viewSubmission({
      teamId: DEMO_TEAM_ID,
      userId: rater,
      viewId: view.id,
      view: { state: ratingState(4) },
    });
    expect(submitted.status).toBe(200);

    const again = await shortcut(rater, shortcutCallbackIds.rateTeamTrust);
    expect(again.body.callback_id).not.toBe(pulseCallbackIds.rate);
    expect(text(again.body)).toContain('You have rated all your teams this week.');
  });
});

describe('shortcut payloads', () => {
  it('acknowledges a shortcut nobody listens to, opening nothing', async () => {
    const response = await t.driver.globalShortcut({
      teamId: DEMO_TEAM_ID,
      userId: ALICE_ID,
      callbackId: 'nope',
    });
    expect(response.status).toBe(200);
    expect(t.emulator.calls('views.open')).toEqual([]);
  });
});
