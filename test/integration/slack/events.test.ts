import { describe, expect, it } from 'vitest';
import { ALICE_ID, BOB_ID, DEMO_TEAM_ID, KARI_ID } from '../../support/slack-emulator/seed.ts';
import { eventually } from '../../support/eventually.ts';
import { useFileTestApp } from '../../support/file-test-app.ts';

const t = useFileTestApp({ clearBeforeEach: [] });

describe('Slack events', () => {
  it('publishes the App Home in the person’s language when they open it', async () => {
    const response = await t.driver.appHomeOpened({ teamId: DEMO_TEAM_ID, userId: KARI_ID });
    expect(response.status).toBe(200);
    const home = await t.emulator.waitFor(() => t.emulator.homeView(KARI_ID));
    expect(JSON.stringify(home)).toContain('For alle');
  });

  it('acts once on an event Slack retries with the same event_id', async () => {
    const event = {
      type: 'app_home_opened',
      user: BOB_ID,
      channel: 'D0BOBDM01',
      tab: 'home',
      event_ts: '1700000500.000100',
    };
    await t.driver.event({ teamId: DEMO_TEAM_ID, event, eventId: 'Ev0RETRY001' });
    await t.emulator.waitFor(() => t.emulator.calls('views.publish').length > 0);
    const retry = await t.driver.event({
      teamId: DEMO_TEAM_ID,
      event,
      eventId: 'Ev0RETRY001',
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    expect(retry.status).toBe(200);
    // A fresh event afterwards proves the retry had every chance to be processed first.
    await t.driver.event({
      teamId: DEMO_TEAM_ID,
      event: { ...event, user: ALICE_ID },
      eventId: 'Ev0RETRY002',
    });
    await t.emulator.waitFor(() =>
      t.emulator.calls('views.publish').some((c) => c.params.user_id === ALICE_ID),
    );
    expect(t.emulator.calls('views.publish').filter((c) => c.params.user_id === BOB_ID)).toHaveLength(1);
  });

  it('keeps a person’s time zone current from user_change', async () => {
    await t.driver.appHomeOpened({ teamId: DEMO_TEAM_ID, userId: BOB_ID });
    await t.emulator.waitFor(() => t.emulator.homeView(BOB_ID));
    await t.driver.event({
      teamId: DEMO_TEAM_ID,
      event: {
        type: 'user_change',
        cache_ts: 1700000700,
        event_ts: '1700000700.000100',
        user: {
          id: BOB_ID,
          team_id: DEMO_TEAM_ID,
          tz: 'Asia/Tokyo',
          tz_offset: 32400,
          is_bot: false,
          deleted: false,
        },
      },
    });
    await eventually(
      async () => {
        const row = await t.database.db
          .selectFrom('users')
          .select('tz')
          .where('slack_user_id', '=', BOB_ID)
          .executeTakeFirst();
        return row?.tz === 'Asia/Tokyo';
      },
      { description: "Bob's new time zone" },
    );
  });

  it('deletes everything held for a workspace when the app is uninstalled, once', async () => {
    await t.driver.appHomeOpened({ teamId: DEMO_TEAM_ID, userId: ALICE_ID });
    await t.emulator.waitFor(() => t.emulator.homeView(ALICE_ID));
    const event = { type: 'app_uninstalled' };
    await t.driver.event({ teamId: DEMO_TEAM_ID, event, eventId: 'Ev0UNINST01' });
    await eventually(
      async () => {
        const rows = await t.database.db
          .selectFrom('users')
          .select('slack_user_id')
          .where('workspace_id', '=', DEMO_TEAM_ID)
          .execute();
        const workspace = await t.database.db
          .selectFrom('workspaces')
          .select('id')
          .where('id', '=', DEMO_TEAM_ID)
          .executeTakeFirst();
        return rows.length === 0 && workspace === undefined;
      },
      { description: 'workspace data deleted' },
    );
    const retry = await t.driver.event({
      teamId: DEMO_TEAM_ID,
      event,
      eventId: 'Ev0UNINST01',
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    expect(retry.status).toBe(200);
  });
});
