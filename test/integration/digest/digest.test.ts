import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { practiceFor } from '../../../src/domain/coaching/practices.ts';
import { createPgTeamRepository } from '../../../src/persistence/pg-team.repository.ts';
import { drainOutbox } from '../../../src/scheduler/outbox-dispatcher.ts';
import { runTick, type SchedulerDeps } from '../../../src/scheduler/scheduler.ts';
import { digestBlockIds } from '../../../src/slack/ids.ts';
import { commandReply } from '../../support/command-reply.ts';
import { eventually } from '../../support/eventually.ts';
import { planFaults } from '../../support/fault-plan.ts';
import { ALICE_ID, BOB_ID, DEMO_TEAM_ID, RANDOM_CHANNEL_ID } from '../../support/slack-emulator/seed.ts';
import { renderBlocks } from '../../support/slack-emulator/render.ts';
import { TestClock } from '../../support/test-clock.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

// The channel digest (issue 8) through the real app, database, scheduler and outbox.

let t: TestApp;
const clock = new TestClock('2027-03-17T10:00:00Z'); // Wednesday of 2027-W11

beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

let seq = 0;
/** A team channel of `size` people plus Bob (a member, not a manager); Alice (an admin) manages it. */
async function makeTeam(options: { language?: 'en' | 'nb'; size?: number } = {}) {
  seq += 1;
  const people = Array.from({ length: options.size ?? 5 }, (_, i) => {
    const id = `U0DG${seq}X${String(i).padStart(3, '0')}`;
    t.emulator.addUser(DEMO_TEAM_ID, { id, name: `d${seq}x${i}`, tz: 'Europe/Oslo', locale: 'en-US' });
    return id;
  });
  const channelId = `C0DIGEST${seq}`;
  t.emulator.addChannel({
    id: channelId,
    teamId: DEMO_TEAM_ID,
    name: `digest-${seq}`,
    members: [...people, BOB_ID],
    botIsMember: true,
  });
  const teams = createPgTeamRepository(t.database.db);
  const team = await teams.create({
    workspaceId: DEMO_TEAM_ID,
    channelId,
    createdBy: ALICE_ID,
    settings: {
      timeZone: 'Europe/Oslo',
      language: options.language ?? 'en',
      minGroupSize: 3,
      checkin: { weekday: 1, time: '10:00' },
      digest: { enabled: true, target: { weekday: 1, time: '09:00' } },
    },
  });
  if (!team) throw new Error('team not created');
  await teams.replaceMembers(team.id, [...people, BOB_ID], clock.now());
  return { team, channelId };
}

/** A closed 2027 round in which `respondents` people all answered `answers` (only the count below k). */
async function seedRound(teamId: string, week: number, respondents: number, answers = [4, 4, 4, 2]) {
  await t.database.db
    .insertInto('pulse_rounds')
    .values({ team_id: teamId, week_year: 2027, week_number: week, closed: true, respondents, members: 6 })
    .execute();
  if (respondents < 3) return;
  await t.database.db
    .insertInto('pulse_tallies')
    .values(
      answers.map((score, i) => ({
        team_id: teamId,
        week_year: 2027,
        week_number: week,
        item: i + 1,
        score,
        count: respondents,
      })),
    )
    .execute();
}

async function trust(userId: string, text: string, channelId: string) {
  const before = t.emulator.responses().length;
  const ack = await t.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId, text });
  return (await commandReply(t.emulator, ack, before)).body;
}

const posted = (channelId: string) => t.emulator.messages({ channel: channelId });
const imageOf = (blocks: unknown[]) =>
  blocks.find((b) => (b as { block_id?: string }).block_id === digestBlockIds.chart) as
    | { slack_file: { id: string } }
    | undefined;

async function digestRows(teamId: string) {
  return t.database.db
    .selectFrom('team_digests')
    .select(['week', 'trigger', 'chart_state', 'chart_file_id'])
    .where('team_id', '=', teamId)
    .orderBy('created_at')
    .execute();
}

/** A second instance on the same database: its own name in tick claims and outbox leases. */
function secondInstance(): SchedulerDeps {
  const first = t.app.scheduler;
  return { ...first, instance: 'second', dispatcher: { ...first.dispatcher, instance: 'second' } };
}

describe('the weekly digest', () => {
  it('posts once per team and week at 09:00 local across the DST change, with two instances ticking', async () => {
    const { team, channelId } = await makeTeam();
    for (const week of [8, 9, 11]) await seedRound(team.id, week, 5, [3 + (week % 2), 4, 4, 2]);
    await seedRound(team.id, 12, 6, [5, 4, 4, 2]);
    const a = t.app.scheduler;
    const b = secondInstance();

    // 2027-W12, Oslo on UTC+1: 09:00 local is 08:00Z.
    await runTick(a, new Date('2027-03-22T07:59:00Z'));
    expect(posted(channelId)).toHaveLength(0);
    const both = await Promise.all([
      runTick(a, new Date('2027-03-22T08:00:05Z')),
      runTick(b, new Date('2027-03-22T08:01:05Z')),
    ]);
    expect(both.every((s) => s.leader)).toBe(true);
    // Both ran the digest job at once; whichever got there first queued it.
    expect(both.reduce((n, s) => n + (s.jobs.digests?.queued ?? 0), 0)).toBe(1);
    expect(posted(channelId)).toHaveLength(1);
    await runTick(b, new Date('2027-03-22T09:30:00Z'));
    expect(posted(channelId)).toHaveLength(1);

    // 2027-W13, after the change to UTC+2: 09:00 local is 07:00Z, and 08:00Z must not post again.
    await runTick(b, new Date('2027-03-29T06:59:00Z'));
    expect(posted(channelId)).toHaveLength(1);
    await Promise.all([
      runTick(a, new Date('2027-03-29T07:00:05Z')),
      runTick(b, new Date('2027-03-29T07:01:05Z')),
    ]);
    expect(posted(channelId)).toHaveLength(2);
    await runTick(a, new Date('2027-03-29T08:00:00Z'));

    const messages = posted(channelId);
    expect(messages).toHaveLength(2);
    expect(await digestRows(team.id)).toMatchObject([
      { week: '2027-W12', trigger: 'schedule', chart_state: 'uploaded' },
      { week: '2027-W13', trigger: 'schedule', chart_state: 'uploaded' },
    ]);
    const latest = messages[1];
    if (!latest) throw new Error('no digest');
    const shown = renderBlocks(latest.blocks);
    expect(shown).toContain('week 2027-W12');
    expect(shown).toContain('*Trust index: 6.5* ▲ +0.5'); // (5+4+4)/2 after (4+4+4)/2
    expect(shown).toContain('*Credibility*');
    expect(shown).toContain('6 of 6 rated');
    expect(shown).not.toMatch(/<@U/);
    // The chart went up once per digest and is shown under the trend.
    const fileId = imageOf(latest.blocks)?.slack_file.id;
    const file = t.emulator.files().find((f) => f.id === fileId);
    expect(file?.completed).toBe(true);
    expect(file?.bytes?.subarray(1, 4).toString()).toBe('PNG');
    expect(t.emulator.issues('error')).toEqual([]);
  });

  it('says there were not enough responses below k, in the team’s language, with a gap in the trend', async () => {
    const { team, channelId } = await makeTeam({ language: 'nb' });
    await seedRound(team.id, 12, 5);
    await seedRound(team.id, 13, 2);
    await runTick(t.app.scheduler, new Date('2027-04-05T07:00:00Z'));
    const [message] = posted(channelId);
    if (!message) throw new Error('no digest');
    const shown = renderBlocks(message.blocks);
    expect(shown).toContain('For få svar denne uken* (2 av 6; minst 3 må svare)');
    expect(shown).not.toContain('Tillitsindeks:');
    expect(shown).not.toContain('Troverdighet');
    expect(shown).toMatch(/`·+▄·`/);
  });

  it('skips a week it is too late for, once, rather than posting it stale', async () => {
    const { team, channelId } = await makeTeam();
    await seedRound(team.id, 14, 5);
    // 2027-W15: 09:00 local is 07:00Z; seven hours later is past the 6 h catch-up window.
    const first = await runTick(t.app.scheduler, new Date('2027-04-12T14:00:00Z'));
    const again = await runTick(t.app.scheduler, new Date('2027-04-12T14:01:00Z'));
    expect(first.jobs.digests?.skippedLate).toBeGreaterThanOrEqual(1);
    expect(again.jobs.digests?.skippedLate).toBe(0);
    expect(posted(channelId)).toHaveLength(0);
    expect(await digestRows(team.id)).toMatchObject([
      { week: '2027-W15', trigger: 'schedule', chart_state: 'none' },
    ]);
  });
});

describe('/trust digest', () => {
  it('posts the digest in the channel now, for a manager', async () => {
    clock.set('2027-04-07T10:00:00Z');
    const { team, channelId } = await makeTeam();
    await seedRound(team.id, 13, 5);
    const reply = await trust(ALICE_ID, 'digest', channelId);
    expect(reply.text).toContain(`The digest is on its way to <#${channelId}>`);
    await t.app.outbox.idle();
    await eventually(async () => posted(channelId).length === 1, { description: 'the digest' });
    expect(imageOf(posted(channelId)[0]?.blocks ?? [])).toBeDefined();
    expect(await digestRows(team.id)).toMatchObject([{ week: '2027-W14', trigger: 'command' }]);
  });

  it('shows a preview to the manager only', async () => {
    const { team, channelId } = await makeTeam();
    await seedRound(team.id, 13, 5);
    const reply = await trust(ALICE_ID, 'digest preview', channelId);
    expect(reply.response_type).toBe('ephemeral');
    const shown = renderBlocks(reply.blocks ?? []);
    expect(shown).toContain('Only you can see this preview');
    expect(shown).toContain('*Trust index: 6.0*');
    expect(posted(channelId)).toHaveLength(0);
    expect(await digestRows(team.id)).toHaveLength(0);
  });

  it('refuses someone who is not a manager, and a channel that is not a team', async () => {
    const { team, channelId } = await makeTeam();
    expect((await trust(BOB_ID, 'digest', channelId)).text).toContain(
      'Only a manager of this team can do that',
    );
    expect((await trust(BOB_ID, 'digest preview', channelId)).text).toContain('Only a manager');
    expect((await trust(ALICE_ID, 'digest', RANDOM_CHANNEL_ID)).text).toContain('belongs to a team channel');
    await t.app.outbox.idle();
    expect(posted(channelId)).toHaveLength(0);
    expect(posted(RANDOM_CHANNEL_ID)).toHaveLength(0);
    expect(await digestRows(team.id)).toHaveLength(0);
  });

  it('still posts, with the sparkline only, when the chart upload fails', async () => {
    const { team, channelId } = await makeTeam();
    await seedRound(team.id, 13, 5);
    planFaults(t.emulator, 'files.getUploadURLExternal', [
      { call: 1, fault: { type: 'error', error: 'file_uploads_disabled' } },
    ]);
    await trust(ALICE_ID, 'digest', channelId);
    await t.app.outbox.idle();
    const [message] = await eventually(async () => posted(channelId).length > 0 && posted(channelId));
    expect(imageOf(message?.blocks ?? [])).toBeUndefined();
    expect(renderBlocks(message?.blocks ?? [])).toMatch(/`·+▄`/);
    expect(await digestRows(team.id)).toMatchObject([{ chart_state: 'failed', chart_file_id: null }]);
  });

  it('uploads the chart once when the post is retried', async () => {
    const { team, channelId } = await makeTeam();
    await seedRound(team.id, 13, 5);
    const uploadsBefore = t.emulator.calls('files.getUploadURLExternal').length;
    planFaults(t.emulator, 'chat.postMessage', [{ call: 1, fault: { type: 'rate_limited', retryAfter: 1 } }]);
    await trust(ALICE_ID, 'digest', channelId);
    await t.app.outbox.idle();
    expect(posted(channelId)).toHaveLength(0);
    // Due again now rather than in a second: the retry is what matters here.
    await t.database.db
      .updateTable('outbox')
      .set({ available_at: new Date(Date.now() - 1_000) })
      .where('channel', '=', channelId)
      .where('status', '=', 'pending')
      .execute();
    await drainOutbox(t.app.scheduler.dispatcher);
    expect(posted(channelId)).toHaveLength(1);
    expect(t.emulator.calls('files.getUploadURLExternal').length - uploadsBefore).toBe(1);
    const [row] = await digestRows(team.id);
    expect(imageOf(posted(channelId)[0]?.blocks ?? [])?.slack_file.id).toBe(row?.chart_file_id);
  });
});

describe('coaching in the digest', () => {
  it('names the weakest part over the last four rounds with results, with this week’s practice', async () => {
    clock.set('2027-04-07T10:00:00Z'); // 2027-W14: the digest reports on W13
    const { team, channelId } = await makeTeam();
    // Credibility was weakest long ago (W08, now outside the four); reliability since; W12 below k.
    await seedRound(team.id, 8, 5, [1, 4, 4, 2]);
    for (const week of [9, 10, 11, 13]) await seedRound(team.id, week, 5, [4, 3, 4, 2]);
    await seedRound(team.id, 12, 2);
    const reply = await trust(ALICE_ID, 'digest preview', channelId);
    const shown = renderBlocks(reply.blocks ?? []);
    expect(shown).toContain('*Part to work on: reliability*');
    expect(shown).toContain('over the last 4 rounds with results');
    expect(shown).toContain(`*Try as a team this week:* ${practiceFor('reliability', '2027-W14').en}`);
  });

  it('calls a high self-orientation the weakest part, in Norwegian', async () => {
    const { team, channelId } = await makeTeam({ language: 'nb' });
    // C, R, I at 3.0; S at 4 counts as 6 − 4 = 2.
    await seedRound(team.id, 13, 5, [3, 3, 3, 4]);
    await trust(ALICE_ID, 'digest', channelId);
    await t.app.outbox.idle();
    const [message] = await eventually(async () => posted(channelId).length > 0 && posted(channelId));
    const shown = renderBlocks(message?.blocks ?? []);
    expect(shown).toContain('*Dette bør teamet jobbe med: selvorientering (den er for høy)*');
    expect(shown).toContain('i siste runde med resultater');
    expect(shown).toContain(practiceFor('selfOrientation', '2027-W14').nb);
  });

  it('has no coaching line when no round had enough responses', async () => {
    const { team, channelId } = await makeTeam();
    await seedRound(team.id, 12, 2);
    await seedRound(team.id, 13, 1);
    const shown = renderBlocks((await trust(ALICE_ID, 'digest preview', channelId)).blocks ?? []);
    expect(shown).toContain('Not enough responses');
    expect(shown).not.toContain('Part to work on');
    expect(shown).not.toContain('Try as a team');
  });
});
