import { PNG } from 'pngjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { homeTeamChartBlockId } from '../../../src/slack/ids.ts';
import { planFaults } from '../../support/fault-plan.ts';
import { DEMO_TEAM_ID } from '../../support/slack-emulator/seed.ts';
import type { StoredView } from '../../support/slack-emulator/types.ts';
import { createTeamOf } from '../../support/team-steps.ts';
import { TestClock } from '../../support/test-clock.ts';
import { useFileTestApp } from '../../support/file-test-app.ts';

// Issue 19: the manager's App Home shows each team's trend chart as an image of the uploaded file,
// uploaded once per team, week and language, with the sparkline when there is no chart.

const clock = new TestClock('2026-11-25T11:00:00Z'); // Wednesday of 2026-W48 in Oslo

const t = useFileTestApp({ clock });
beforeEach(async () => {
  await t.app.slack.home.flush();
  t.emulator.reset();
  clock.set('2026-11-25T11:00:00Z');
});

let seq = 0;
function newPerson(locale = 'en-US'): string {
  seq += 1;
  const id = `U0HCH${String(seq).padStart(3, '0')}`;
  t.emulator.addUser(DEMO_TEAM_ID, { id, name: `hch${seq}`, tz: 'Europe/Oslo', locale });
  return id;
}

const publishes = (userId: string) =>
  t.emulator.calls('views.publish').filter((c) => c.params.user_id === userId);
const uploads = () => t.emulator.calls('files.getUploadURLExternal').length;

async function openHome(userId: string): Promise<StoredView> {
  const before = publishes(userId).length;
  await t.driver.appHomeOpened({ teamId: DEMO_TEAM_ID, userId });
  await t.emulator.waitFor(() => publishes(userId).length > before, { description: 'a published Home' });
  await t.app.slack.home.flush();
  const view = t.emulator.homeView(userId);
  if (!view) throw new Error('no home');
  return view;
}

/** A team managed by a new person (in `locale`) with closed rounds in W45 and W47 (W46 below k). */
async function managedTeam(locale = 'en-US') {
  const manager = newPerson(locale);
  const { team } = await createTeamOf(
    { emulator: t.emulator, db: t.database.db, clock },
    [manager, newPerson(), newPerson()],
    3,
    'C0HCH',
  );
  const rounds: Array<[number, number, number[] | undefined]> = [
    [45, 3, [4, 3, 4, 2]],
    [46, 2, undefined],
    [47, 3, [5, 4, 4, 2]],
  ];
  for (const [week, respondents, scores] of rounds) {
    await t.database.db
      .insertInto('pulse_rounds')
      .values({ team_id: team.id, week_year: 2026, week_number: week, closed: true, respondents, members: 3 })
      .execute();
    if (scores)
      await t.database.db
        .insertInto('pulse_tallies')
        .values(
          scores.map((score, i) => ({
            team_id: team.id,
            week_year: 2026,
            week_number: week,
            item: i + 1,
            score,
            count: respondents,
          })),
        )
        .execute();
  }
  return { manager, teamId: team.id };
}

function chartImage(view: StoredView, teamId: string) {
  return (view.body.blocks as unknown[]).find(
    (b) => (b as { block_id?: string }).block_id === homeTeamChartBlockId(teamId),
  ) as { type: string; slack_file: { id: string }; alt_text: string; title: { text: string } } | undefined;
}

const sectionText = (view: StoredView) => JSON.stringify(view.body.blocks);

describe('the trend chart on a manager’s App Home', () => {
  it('shows the uploaded chart as an image under the team, instead of the sparkline', async () => {
    const { manager, teamId } = await managedTeam();
    const home = await openHome(manager);
    const image = chartImage(home, teamId);
    expect(image?.type).toBe('image');
    expect(image?.alt_text).toContain('week 47 6.5');
    expect(image?.alt_text).toContain('week 46 no result');
    const file = t.emulator.files().find((f) => f.id === image?.slack_file.id);
    expect(file?.completed).toBe(true);
    // Private: uploaded without a channel.
    expect(file?.channels).toEqual([]);
    const png = PNG.sync.read(file?.bytes ?? Buffer.alloc(0));
    expect([png.width, png.height]).toEqual([720, 500]);
    expect(sectionText(home)).not.toContain('Trend, last 12 weeks');
    expect(t.emulator.issues('error')).toEqual([]);
  });

  it('uploads once per team and week: the next Home open reuses the file', async () => {
    const { manager, teamId } = await managedTeam();
    const first = chartImage(await openHome(manager), teamId)?.slack_file.id;
    const before = uploads();
    const again = chartImage(await openHome(manager), teamId)?.slack_file.id;
    expect(again).toBe(first);
    expect(uploads()).toBe(before);
  });

  it('draws it in the reader’s language: a Norwegian manager gets a chart of their own', async () => {
    const { manager, teamId } = await managedTeam('nb-NO');
    const image = chartImage(await openHome(manager), teamId);
    expect(image?.alt_text).toContain('uke 46 uten resultat');
    expect(image?.title.text).toBe('Utviklingen i tillitsindeksen');
    const rows = await t.database.db
      .selectFrom('home_charts')
      .selectAll()
      .where('team_id', '=', teamId)
      .execute();
    expect(rows).toMatchObject([{ language: 'nb', state: 'uploaded', week: '2026-W47' }]);
  });

  it('shows the sparkline when the upload fails, and tries again only after a while', async () => {
    const { manager, teamId } = await managedTeam();
    planFaults(t.emulator, 'files.getUploadURLExternal', [
      { call: 1, fault: { type: 'error', error: 'file_uploads_disabled' } },
    ]);
    const failed = await openHome(manager);
    expect(chartImage(failed, teamId)).toBeUndefined();
    expect(sectionText(failed)).toContain('Trend, last 12 weeks: `·········▁·█`');
    const before = uploads();
    expect(chartImage(await openHome(manager), teamId)).toBeUndefined();
    expect(uploads()).toBe(before);
    clock.set('2026-11-25T11:16:00Z');
    expect(chartImage(await openHome(manager), teamId)).toBeDefined();
  });

  it('falls back to the sparkline when Slack no longer has the file, and uploads it afresh', async () => {
    const { manager, teamId } = await managedTeam();
    const first = chartImage(await openHome(manager), teamId)?.slack_file.id;
    t.emulator.reset(); // the emulator forgets its files, as if the file were deleted
    const fallback = await openHome(manager);
    expect(chartImage(fallback, teamId)).toBeUndefined();
    expect(sectionText(fallback)).toContain('Trend, last 12 weeks');
    const fresh = chartImage(await openHome(manager), teamId)?.slack_file.id;
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(first);
  });
});
