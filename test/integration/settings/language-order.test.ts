import { beforeAll, describe, expect, it } from 'vitest';
import { runTick } from '../../../src/scheduler/scheduler.ts';
import {
  settingsBlockIds,
  settingsCallbackIds,
  teamBlockIds,
  teamCallbackIds,
} from '../../../src/slack/ids.ts';
import { commandReply } from '../../support/command-reply.ts';
import { eventually } from '../../support/eventually.ts';
import { renderBlocks } from '../../support/slack-emulator/render.ts';
import { ALICE_ID, DEMO_TEAM_ID } from '../../support/slack-emulator/seed.ts';
import { TestClock } from '../../support/test-clock.ts';
import { useFileTestApp } from '../../support/file-test-app.ts';

// The language each person is spoken to in (issue 15, item 2): their own choice → their Slack
// locale when we speak it → the team's language → English. Everything (check-in, habits, help)
// follows it, and the stored users.language follows every source as it changes.

const clock = new TestClock('2027-01-04T07:00:00Z'); // Monday 08:00 in Oslo

const t = useFileTestApp({ clock });

const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });

const NORA = 'U0LNORA01'; // Slack in Norwegian
const EDDIE = 'U0LEDDIE1'; // Slack in English
const GRETA = 'U0LGRETA1'; // Slack in German: a locale we don't speak
const PIA = 'U0LPIA001'; // Slack in Norwegian, chose English herself
const people = { [NORA]: 'nb-NO', [EDDIE]: 'en-US', [GRETA]: 'de-DE', [PIA]: 'nb-NO' };

async function trust(userId: string, channelId: string, text: string) {
  const before = t.emulator.responses().length;
  const ack = await t.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId, text });
  return (await commandReply(t.emulator, ack, before)).body as { text?: string; blocks?: unknown };
}

async function modalAfter(userId: string, channelId: string, text: string, callbackId: string) {
  const before = t.emulator.views(userId).length;
  await t.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId, text });
  const modal = await t.emulator.waitFor(() => t.emulator.views(userId)[before], { description: text });
  expect(modal.body.callback_id).toBe(callbackId);
  return modal;
}

/** Alice sets the channel up as a team, changing nothing but (when given) the language. */
async function setUpTeam(channelId: string, language?: 'en' | 'nb') {
  const dmsBefore = t.emulator.dmsTo(ALICE_ID).length;
  const modal = await modalAfter(ALICE_ID, channelId, 'team setup', teamCallbackIds.settings);
  if (language) {
    t.emulator.setViewValues(modal.id, {
      [teamBlockIds.language]: {
        [teamBlockIds.language]: { type: 'static_select', selected_option: option(language) },
      },
    });
  }
  const answer = await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: ALICE_ID, viewId: modal.id });
  expect(answer.status).toBe(200);
  await t.emulator.waitFor(() => t.emulator.dmsTo(ALICE_ID)[dmsBefore], { description: 'team saved DM' });
  return modal;
}

async function storedLanguage(userId: string) {
  const row = await t.database.db
    .selectFrom('users')
    .select(['language', 'language_choice', 'team_language', 'slack_locale'])
    .where('slack_user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return row;
}

type Spoken = 'en' | 'nb';
const checkinMarker: Record<Spoken, string> = { en: 'Your weekly check-in', nb: 'Ukens innsjekk' };
const habitsMarker: Record<Spoken, string> = { en: 'This week’s focus', nb: 'Ukens fokus' };
const helpMarker: Record<Spoken, string> = { en: 'Show this help.', nb: 'Vis denne hjelpen.' };

async function expectEverythingIn(userId: string, channelId: string, language: Spoken) {
  const other: Spoken = language === 'en' ? 'nb' : 'en';
  const help = renderBlocks((await trust(userId, channelId, 'help')).blocks);
  expect(help).toContain(helpMarker[language]);
  expect(help).not.toContain(helpMarker[other]);
  const habits = renderBlocks((await trust(userId, channelId, 'habits')).blocks);
  expect(habits).toContain(habitsMarker[language]);
  expect(habits).not.toContain(habitsMarker[other]);
  const checkin = t.emulator.dmsTo(userId).find((m) => /weekly check-in|innsjekk/.test(m.text));
  expect(checkin, `${userId}'s check-in`).toBeDefined();
  expect(`${checkin?.text}\n${renderBlocks(checkin?.blocks)}`).toContain(checkinMarker[language]);
}

describe("the language a person is spoken in: own choice → Slack locale → team's → English", () => {
  const DEFAULTS_CHANNEL = 'C0LANGDEF';
  const BOKMAL_CHANNEL = 'C0LANGNB1';

  beforeAll(async () => {
    for (const [id, locale] of Object.entries(people))
      t.emulator.addUser(DEMO_TEAM_ID, { id, name: id.toLowerCase(), tz: 'Europe/Oslo', locale });
    t.emulator.addChannel({
      id: DEFAULTS_CHANNEL,
      teamId: DEMO_TEAM_ID,
      name: 'lang-defaults',
      members: [ALICE_ID, NORA],
      botIsMember: true,
    });
    t.emulator.addChannel({
      id: BOKMAL_CHANNEL,
      teamId: DEMO_TEAM_ID,
      name: 'lang-bokmal',
      members: [ALICE_ID, EDDIE, GRETA, PIA],
      botIsMember: true,
    });
    // Pia picks English in her own settings before any team exists.
    const mine = await modalAfter(PIA, 'D0LPIA001', 'settings', settingsCallbackIds.personal);
    t.emulator.setViewValues(mine.id, {
      [settingsBlockIds.language]: {
        [settingsBlockIds.language]: { type: 'static_select', selected_option: option('en') },
      },
    });
    await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: PIA, viewId: mine.id });
    await eventually(async () => (await storedLanguage(PIA)).language_choice === 'en', {
      description: "Pia's choice saved",
    });

    const defaults = await setUpTeam(DEFAULTS_CHANNEL);
    // The modal offered "each person's Slack language" and that is what a team with defaults keeps.
    expect(renderBlocks(defaults.body.blocks)).toContain('Each person’s Slack language');
    await setUpTeam(BOKMAL_CHANNEL, 'nb');

    // Monday 10:00 in Oslo: the teams' default check-in.
    clock.set('2027-01-04T09:00:00Z');
    await runTick(t.app.scheduler, clock.now(), { budgetMs: 30_000 });
    await t.app.outbox.idle();
  });

  it('gives a Norwegian-locale member of a team set up with defaults everything in Bokmål', async () => {
    expect(await storedLanguage(NORA)).toMatchObject({ team_language: null, language: 'nb' });
    await expectEverythingIn(NORA, DEFAULTS_CHANNEL, 'nb');
  });

  it('gives an English-locale member of a team set to Bokmål English', async () => {
    expect(await storedLanguage(EDDIE)).toMatchObject({ team_language: 'nb', language: 'en' });
    await expectEverythingIn(EDDIE, BOKMAL_CHANNEL, 'en');
  });

  it('gives a German-locale member of that team Bokmål, the team’s language', async () => {
    expect(await storedLanguage(GRETA)).toMatchObject({ team_language: 'nb', language: 'nb' });
    await expectEverythingIn(GRETA, BOKMAL_CHANNEL, 'nb');
  });

  it('lets a personal choice beat both the Slack locale and the team', async () => {
    expect(await storedLanguage(PIA)).toMatchObject({
      language_choice: 'en',
      team_language: 'nb',
      language: 'en',
    });
    await expectEverythingIn(PIA, BOKMAL_CHANNEL, 'en');
  });

  it('follows a Slack locale change (user_change) in what is stored', async () => {
    t.emulator.updateUser(EDDIE, { locale: 'de-DE' });
    await t.driver.event({
      teamId: DEMO_TEAM_ID,
      event: {
        type: 'user_change',
        cache_ts: 1700000900,
        event_ts: '1700000900.000100',
        user: { ...t.emulator.user(EDDIE), locale: 'de-DE' },
      },
    });
    // German is not ours: Eddie now gets the team's Bokmål.
    await eventually(async () => (await storedLanguage(EDDIE)).language === 'nb', {
      description: "Eddie's language after his locale changed",
    });
    expect(renderBlocks((await trust(EDDIE, BOKMAL_CHANNEL, 'help')).blocks)).toContain(helpMarker.nb);
  });

  it('follows a team language change in what is stored', async () => {
    const modal = await modalAfter(ALICE_ID, BOKMAL_CHANNEL, 'team settings', teamCallbackIds.settings);
    t.emulator.setViewValues(modal.id, {
      [teamBlockIds.language]: {
        [teamBlockIds.language]: { type: 'static_select', selected_option: option('slack') },
      },
    });
    await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: ALICE_ID, viewId: modal.id });
    // No team language any more: Greta's German is not ours, so English; Pia keeps her choice.
    await eventually(async () => (await storedLanguage(GRETA)).language === 'en', {
      description: "Greta's language after the team's changed",
    });
    expect(await storedLanguage(GRETA)).toMatchObject({ team_language: null });
    expect(await storedLanguage(PIA)).toMatchObject({ language: 'en' });
  });
});
