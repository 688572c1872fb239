import { beforeEach, describe, expect, it } from 'vitest';
import { practiceFor } from '../../../src/domain/coaching/practices.ts';
import {
  homeActionIds,
  promiseActionIds,
  pulseActionIds,
  pulseCallbackIds,
  settingsActionIds,
} from '../../../src/slack/ids.ts';
import { pulseItemBlockIds } from '../../../src/slack/blocks/pulse.blocks.ts';
import { MAX_HOME_BLOCKS } from '../../../src/slack/blocks/home.blocks.ts';
import { eventually } from '../../support/eventually.ts';
import { buttonIn, buttonsIn, trust } from '../../support/promise-steps.ts';
import { DEMO_TEAM_ID } from '../../support/slack-emulator/seed.ts';
import type { StoredView } from '../../support/slack-emulator/types.ts';
import { TestClock } from '../../support/test-clock.ts';
import { useFileTestApp } from '../../support/file-test-app.ts';
import { createTeamOf } from '../../support/team-steps.ts';

// The App Home dashboard (issue 8): what each person sees, and that it follows what they do.

const clock = new TestClock('2026-11-25T11:00:00Z'); // Wednesday of 2026-W48 in Oslo
const CURRENT_WEEK = '2026-W48';

const t = useFileTestApp({ clock });
beforeEach(async () => {
  await t.app.slack.home.flush();
  await t.app.outbox.idle();
  t.emulator.reset();
  // The emulator forgot its uploaded files: charts cached for earlier tests' Homes are gone too.
  await t.database.db.deleteFrom('home_charts').execute();
});

const json = (value: unknown) => JSON.stringify(value);

let seq = 0;
function newPerson(options: { locale?: string; admin?: boolean } = {}): string {
  seq += 1;
  const id = `U0HOME${String(seq).padStart(3, '0')}`;
  t.emulator.addUser(DEMO_TEAM_ID, {
    id,
    name: `home${seq}`,
    tz: 'Europe/Oslo',
    locale: options.locale ?? 'en-US',
    isAdmin: options.admin ?? false,
  });
  return id;
}

const publishes = (userId: string) =>
  t.emulator.calls('views.publish').filter((c) => c.params.user_id === userId);

/** Opens the person's Home tab and returns the view the app published for it. */
async function openHome(userId: string): Promise<StoredView> {
  const before = publishes(userId).length;
  await t.driver.appHomeOpened({ teamId: DEMO_TEAM_ID, userId });
  await t.emulator.waitFor(() => publishes(userId).length > before, { description: 'a published Home' });
  const view = t.emulator.homeView(userId);
  if (!view) throw new Error('no home');
  return view;
}

/** Waits until the listeners have asked for the refreshes they will ask for, then runs them now. */
async function refreshesAfter(requestedBefore: number, count = 1): Promise<void> {
  await eventually(async () => t.app.slack.home.stats().requested >= requestedBefore + count, {
    description: 'a Home refresh request',
  });
  await t.app.slack.home.flush();
}

/** A channel that is a team of these people, set up by the first, with minimum group size k. */
async function makeTeam(people: string[], k = 3) {
  return createTeamOf({ emulator: t.emulator, db: t.database.db, clock }, people, k, 'C0HOME');
}

/** A closed round where every respondent gave these scores (C, R, I, S); no scores below k. */
async function closedRound(
  teamId: string,
  week: number,
  respondents: number,
  members: number,
  scores?: [number, number, number, number],
) {
  await t.database.db
    .insertInto('pulse_rounds')
    .values({ team_id: teamId, week_year: 2026, week_number: week, closed: true, respondents, members })
    .execute();
  if (!scores) return;
  await t.database.db
    .insertInto('pulse_tallies')
    .values(
      scores.map((score, i) => ({
        team_id: teamId,
        week_year: 2026,
        week_number: week,
        item: i + 1,
        score,
        count: respondents,
      })),
    )
    .execute();
}

function ratingState() {
  const values: Record<string, Record<string, unknown>> = {};
  for (const id of Object.values(pulseItemBlockIds)) {
    values[id] = {
      [id]: {
        type: 'radio_buttons',
        selected_option: { text: { type: 'plain_text', text: '4' }, value: '4' },
      },
    };
  }
  return { values } as never;
}

const actionIds = (view: StoredView) => buttonsIn(view.body.blocks).map((b) => b.actionId);

describe('the App Home for someone new', () => {
  it('says what the app does and what to do first, with the buttons to do it', async () => {
    const userId = newPerson();
    const home = await openHome(userId);
    const text = json(home.body.blocks);
    expect(text).toContain('Your trust dashboard');
    expect(text).toContain('helps your team build trust');
    expect(text).toContain('Your first step:');
    expect(actionIds(home)).toEqual(
      expect.arrayContaining([promiseActionIds.create, settingsActionIds.open]),
    );
    // Nothing to list yet, no rating to give, no team to manage.
    expect(text).not.toContain('Your open promises');
    expect(actionIds(home)).not.toContain(pulseActionIds.rate);
    expect(text).not.toContain('Teams you manage');
    expect(text).toContain('This week’s focus');
    expect((home.body.blocks as unknown[]).length).toBeLessThanOrEqual(MAX_HOME_BLOCKS);
  });

  it('speaks Norwegian to a Norwegian', async () => {
    const userId = newPerson({ locale: 'nb-NO' });
    const text = json((await openHome(userId)).body.blocks);
    expect(text).toContain('Din tillitsoversikt');
    expect(text).toContain('Første steg:');
    expect(text).toContain('Gi et løfte');
    expect(text).toContain('Innstillinger');
    expect(text).not.toContain('Your first step');
  });

  it('shows my check-in day and time in my zone, and my pause', async () => {
    const userId = newPerson();
    await trust(t, userId, 'help'); // saves the profile, which sets up the schedule
    const text = json((await openHome(userId)).body.blocks);
    expect(text).toContain('Every Monday at 10:00 (Europe/Oslo)');
    expect(text).toContain('Next: Mon 30 Nov, 10:00');
    await t.database.db
      .updateTable('checkin_schedules')
      .set({ paused_until: '2026-12-10', next_due_at: new Date('2026-12-14T09:00:00Z') })
      .where('user_id', '=', userId)
      .execute();
    const paused = json((await openHome(userId)).body.blocks);
    expect(paused).toContain('Paused until Thu 10 Dec');
    expect(paused).toContain('Next: Mon 14 Dec, 10:00');
    await t.database.db
      .updateTable('checkin_schedules')
      .set({ opted_out: true, next_due_at: null })
      .where('user_id', '=', userId)
      .execute();
    expect(json((await openHome(userId)).body.blocks)).toContain('You have turned weekly check-ins off');
  });
});

describe('the App Home of a team member', () => {
  it('lists my promises with their buttons, my keep rate, and offers the open rating until I give it', async () => {
    const me = newPerson();
    const others = [newPerson(), newPerson(), newPerson()];
    const { team } = await makeTeam([others[0] ?? '', me, ...others.slice(1)]);
    await trust(t, me, `promise <@${others[0]}> water the plants by friday 3pm`);
    await trust(t, others[1] ?? '', `promise <@${me}> review the deck by friday 4pm`);

    const home = await openHome(me);
    const text = json(home.body.blocks);
    expect(text).toContain('water the plants');
    expect(text).toContain('review the deck');
    expect(text).toContain('None of your promises came due');
    expect(text).not.toContain('Your first step');
    expect(buttonIn(home.body.blocks, promiseActionIds.kept)).toBeDefined();
    expect(buttonIn(home.body.blocks, promiseActionIds.newDate)).toBeDefined();
    const rate = buttonIn(home.body.blocks, pulseActionIds.rate);
    expect(JSON.parse(rate.value ?? '')).toEqual({ t: team.id, w: CURRENT_WEEK });
    // A member who does not manage sees no manager section.
    expect(text).not.toContain('Teams you manage');
    expect(actionIds(home)).not.toContain(homeActionIds.teamSettings);

    const opens = t.emulator.calls('views.open').length;
    await t.driver.blockAction({
      teamId: DEMO_TEAM_ID,
      userId: me,
      actionId: pulseActionIds.rate,
      blockId: rate.blockId,
      container: { type: 'view', viewId: home.id },
    });
    const modal = await t.emulator.waitFor(
      () =>
        t.emulator.calls('views.open').length > opens
          ? t.emulator.views(me).find((v) => v.open && v.body.callback_id === pulseCallbackIds.rate)
          : undefined,
      { description: 'the rating modal' },
    );
    const requested = t.app.slack.home.stats().requested;
    const before = publishes(me).length;
    const answer = await t.driver.viewSubmission({
      teamId: DEMO_TEAM_ID,
      userId: me,
      viewId: modal.id,
      view: { state: ratingState() },
    });
    expect(json(answer.json)).toContain('Thank you');
    await refreshesAfter(requested);
    expect(publishes(me).length).toBe(before + 1);
    const after = t.emulator.homeView(me);
    expect(actionIds(after as StoredView)).not.toContain(pulseActionIds.rate);
    expect(json(after?.body.blocks)).toContain('water the plants');
  });

  it('refreshes after a promise is kept from the Home, for both people in it', async () => {
    const me = newPerson();
    const friend = newPerson();
    await trust(t, me, `promise <@${friend}> bring cake by friday 3pm`);
    await t.app.slack.home.flush();
    const home = await openHome(me);
    const friendsBefore = publishes(friend).length;
    const requested = t.app.slack.home.stats().requested;
    const kept = buttonIn(home.body.blocks, promiseActionIds.kept);
    await t.driver.blockAction({
      teamId: DEMO_TEAM_ID,
      userId: me,
      actionId: kept.actionId,
      blockId: kept.blockId,
      container: { type: 'view', viewId: home.id },
    });
    await refreshesAfter(requested, 2);
    const mine = json(t.emulator.homeView(me)?.body.blocks);
    expect(mine).not.toContain('bring cake');
    expect(mine).toContain('You kept *1 of 1* promises on time');
    expect(publishes(friend).length).toBe(friendsBefore + 1);
  });

  it('refreshes when I join a team’s channel, offering its rating', async () => {
    const { team, channelId } = await makeTeam([newPerson(), newPerson(), newPerson()]);
    const me = newPerson();
    const before = await openHome(me);
    expect(actionIds(before)).not.toContain(pulseActionIds.rate);
    const requested = t.app.slack.home.stats().requested;
    await t.driver.event({
      teamId: DEMO_TEAM_ID,
      event: { type: 'member_joined_channel', user: me, channel: channelId, team: DEMO_TEAM_ID },
    });
    await refreshesAfter(requested);
    const after = t.emulator.homeView(me) as StoredView;
    expect(JSON.parse(buttonIn(after.body.blocks, pulseActionIds.rate).value ?? '')).toEqual({
      t: team.id,
      w: CURRENT_WEEK,
    });
    expect(json(after.body.blocks)).not.toContain('Your first step');
  });

  it('coalesces several quick changes into one publish per person', async () => {
    const me = newPerson();
    const friend = newPerson();
    await openHome(me);
    const before = publishes(me).length;
    const friendBefore = publishes(friend).length;
    const requested = t.app.slack.home.stats().requested;
    for (const what of ['one', 'two', 'three'])
      await trust(t, me, `promise <@${friend}> task ${what} by friday 3pm`);
    await refreshesAfter(requested, 6);
    expect(publishes(me).length).toBe(before + 1);
    expect(publishes(friend).length).toBe(friendBefore + 1);
    const text = json(t.emulator.homeView(me)?.body.blocks);
    for (const what of ['one', 'two', 'three']) expect(text).toContain(`task ${what}`);
  });
});

describe('the App Home of a manager', () => {
  it('shows each managed team’s latest result, participation and 12-week trend, with its settings', async () => {
    const manager = newPerson();
    const members = [manager, newPerson(), newPerson(), newPerson()];
    const { team, channelId } = await makeTeam(members);
    await closedRound(team.id, 44, 5, 6, [4, 4, 4, 2]); // index 6.0
    await closedRound(team.id, 45, 2, 6); // below k: a count only
    await closedRound(team.id, 47, 6, 8, [5, 4, 4, 2]); // index 6.5

    const home = await openHome(manager);
    const text = json(home.body.blocks);
    expect(text).toContain('Teams you manage');
    expect(text).toContain(`<#${channelId}>`);
    expect(text).toContain('last closed round: week 2026-W47');
    expect(text).toContain('Trust index *6.5* (▲ +0.5)');
    expect(text).toContain('Credibility 5.0 · Reliability 4.0 · Intimacy 4.0 · Self-orientation 2.0');
    expect(text).toContain('6 of 8 responded.');
    // W36…W47 as a chart (gaps stay gaps: W45 had too few answers, W46 no round); the sparkline
    // is only the fallback when there is no chart.
    const chart = (home.body.blocks as Array<{ type: string; alt_text?: string }>).find(
      (b) => b.type === 'image',
    );
    expect(chart?.alt_text).toContain('week 44 6.0, week 45 no result, week 46 no result, week 47 6.5');
    expect(text).not.toContain('Trend, last 12 weeks');
    // Over W44 and W47: C 4.5, R 4.0, I 4.0, S 2.0 (as 6 − S: 4.0); the tie goes to reliability.
    expect(text).toContain('*Part to work on: reliability*');
    expect(text).toContain('over the last 2 rounds with results');
    expect(text).toContain(json(practiceFor('reliability', CURRENT_WEEK).en).slice(1, -1));

    const settings = buttonIn(home.body.blocks, homeActionIds.teamSettings);
    await t.driver.blockAction({
      teamId: DEMO_TEAM_ID,
      userId: manager,
      actionId: settings.actionId,
      blockId: settings.blockId,
      container: { type: 'view', viewId: home.id },
    });
    const modal = await t.emulator.waitFor(
      () => t.emulator.views(manager).find((v) => v.open && v.body.callback_id === 'team_settings'),
      { description: 'the team settings modal' },
    );
    // The metadata is sealed for the manager: `<json>.<tag>`.
    const metadata = String(modal.body.private_metadata).replace(/\.[A-Za-z0-9_-]{22}$/, '');
    expect(JSON.parse(metadata)).toEqual({ c: channelId, t: team.id });
  });

  it('says when the latest round had too few answers, and shows no scores for it', async () => {
    const manager = newPerson({ locale: 'nb-NO' });
    const { team } = await makeTeam([manager, newPerson(), newPerson()]);
    await closedRound(team.id, 47, 2, 3);
    const text = json((await openHome(manager)).body.blocks);
    expect(text).toContain('Team du leder');
    expect(text).toContain('For få svar til å vise et resultat: minst 3 må svare.');
    expect(text).toContain('2 av 3 svarte.');
    expect(text).not.toContain('Tillitsindeks');
    expect(text).not.toContain('Dette bør teamet jobbe med');
  });

  it('coaches a Norwegian manager on the weakest part, skipping rounds below k', async () => {
    const manager = newPerson({ locale: 'nb-NO' });
    const { team } = await makeTeam([manager, newPerson(), newPerson()]);
    await closedRound(team.id, 45, 4, 4, [4, 4, 2, 2]);
    await closedRound(team.id, 46, 4, 4, [4, 4, 3, 2]);
    await closedRound(team.id, 47, 2, 4); // below k: not counted
    const text = json((await openHome(manager)).body.blocks);
    expect(text).toContain('*Dette bør teamet jobbe med: nærhet*');
    expect(text).toContain('de siste 2 rundene med resultater');
    expect(text).toContain(json(practiceFor('intimacy', CURRENT_WEEK).nb).slice(1, -1));
  });

  it('refuses the team settings to someone who does not manage the team, even with a forged button', async () => {
    const manager = newPerson();
    const member = newPerson();
    const { team } = await makeTeam([manager, member, newPerson()]);
    const home = await openHome(member);
    expect(actionIds(home)).not.toContain(homeActionIds.teamSettings);
    const opens = t.emulator.calls('views.open').length;
    // Not on their Home, so forged: a payload shaped like the manager's button.
    await t.driver.blockAction({
      teamId: DEMO_TEAM_ID,
      userId: member,
      actionId: homeActionIds.teamSettings,
      blockId: `home_team:${team.id}`,
      value: JSON.stringify({ t: team.id }),
      container: { type: 'message', channelId: 'D0FORGED1', messageTs: '1700000000.000100' },
    });
    await t.emulator.waitFor(() => t.emulator.calls('views.open').length > opens, {
      description: 'an answer',
    });
    const opened = t.emulator.calls('views.open').at(-1)?.params.view as { callback_id?: string } | undefined;
    expect(opened?.callback_id).not.toBe('team_settings');
    expect(json(opened)).toContain('Only a manager of this team');
  });
});

describe('the App Home at its largest', () => {
  it('stays within Slack’s limits with 60 promises, 20 managed teams and hostile text, escaped', async () => {
    const admin = newPerson({ admin: true });
    const friend = newPerson();
    const hostile = `<!channel> *bold* _it_ ~x~ \`code\` <@${friend}> ${'long text '.repeat(27)}`.slice(
      0,
      300,
    );
    const due = new Date('2026-12-20T16:00:00Z');
    const rows = Array.from({ length: 60 }, (_, i) => ({
      workspace_id: DEMO_TEAM_ID,
      owner_id: i % 2 === 0 ? admin : friend,
      recipient_id: i % 2 === 0 ? friend : admin,
      text: `${i} ${hostile}`.slice(0, 300),
      due_at: new Date(due.getTime() + i * 60_000),
      state: 'open' as const,
      created_at: clock.now(),
      due_changes: '[]',
    }));
    await t.database.db.insertInto('promises').values(rows).execute();
    // 20 teams the admin manages (admins manage every team), 12 of them with an open round for them.
    for (let i = 0; i < 20; i += 1) {
      const { team } = await makeTeam(
        i < 12 ? [admin, friend, newPerson()] : [friend, newPerson(), newPerson()],
      );
      await closedRound(team.id, 47, 3, 3, [5, 4, 3, 2]);
      await closedRound(team.id, 46, 1, 3);
    }

    const home = await openHome(admin);
    const call = publishes(admin).at(-1);
    expect((call?.response as { ok?: boolean }).ok).toBe(true);
    expect(t.emulator.issues('error')).toEqual([]);
    const blocks = home.body.blocks as unknown[];
    expect(blocks.length).toBeLessThanOrEqual(MAX_HOME_BLOCKS);
    const text = json(blocks);
    expect(text).toContain('and 40 more: `/trust promises`');
    const teamsInWorkspace = await t.database.db
      .selectFrom('teams')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', DEMO_TEAM_ID)
      .executeTakeFirstOrThrow();
    expect(Number(teamsInWorkspace.n)).toBeGreaterThanOrEqual(20);
    expect(text).toContain(`and ${Number(teamsInWorkspace.n) - 15} more teams`);
    expect(buttonsIn(blocks).filter((b) => b.actionId === pulseActionIds.rate)).toHaveLength(10);
    expect(buttonsIn(blocks).filter((b) => b.actionId === homeActionIds.teamSettings)).toHaveLength(15);
    // The hostile text is shown, but can neither ping nor style the Home.
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain(`<@${friend}> long text`);
    expect(text).toContain(`&lt;@${friend}&gt; long text`);
    expect(text).not.toMatch(/[^\u200B]\*bold\*/);
  });
});
