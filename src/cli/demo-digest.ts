import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandReply } from '../../test/support/command-reply.ts';
import { renderBlocks } from '../../test/support/slack-emulator/render.ts';
import { ALICE_ID, DEMO_TEAM_ID } from '../../test/support/slack-emulator/seed.ts';
import { type IsoWeek, isoWeekOf, previousIsoWeek } from '../domain/schedule/local-time.ts';
import { digestBlockIds } from '../slack/ids.ts';
import type { DemoStage } from './demo-pulse.ts';

// The demo's digest story: a team with ten weeks of pulse history gets its digest with a chart.

const CHANNEL = 'C0DIGST01';
const NAME = 'team-digest';
/** Oldest first: the index each week's answers give; null = no round, a number < 0 = too few rated. */
const HISTORY: Array<[number, number, number, number] | null | 'few'> = [
  [3, 3, 3, 3],
  [3, 4, 3, 3],
  [4, 4, 3, 3],
  null,
  [4, 4, 4, 3],
  [4, 4, 4, 2],
  'few',
  [4, 5, 4, 2],
  [5, 4, 4, 2],
  [5, 5, 4, 2],
];

async function seedHistory(stage: DemoStage, teamId: string, lastWeek: IsoWeek): Promise<void> {
  const weeks: IsoWeek[] = [];
  for (let week = lastWeek, i = 0; i < HISTORY.length; i += 1, week = previousIsoWeek(week))
    weeks.unshift(week);
  const db = stage.app.database.db;
  for (const [i, answers] of HISTORY.entries()) {
    const week = weeks[i];
    if (!week || answers === null) continue;
    const respondents = answers === 'few' ? 2 : 6;
    const key = { team_id: teamId, week_year: week.weekYear, week_number: week.weekNumber };
    await db
      .insertInto('pulse_rounds')
      .values({ ...key, closed: true, respondents, members: 7 })
      .execute();
    if (answers === 'few') continue;
    await db
      .insertInto('pulse_tallies')
      .values(answers.map((score, item) => ({ ...key, item: item + 1, score, count: respondents })))
      .execute();
  }
}

async function slash(stage: DemoStage, text: string): Promise<void> {
  process.stdout.write(`\n▶ Alice types in #${NAME}: /trust ${text}\n`);
  const before = stage.emulator.responses().length;
  const ack = await stage.driver.command({
    teamId: DEMO_TEAM_ID,
    userId: ALICE_ID,
    channelId: CHANNEL,
    text,
  });
  const { body } = await commandReply(stage.emulator, ack, before);
  stage.show('Alice', 'only visible to you', renderBlocks(body.blocks ?? [], body.text));
}

export async function playDigestStory(stage: DemoStage): Promise<void> {
  stage.heading('The channel digest: a team with ten weeks of history, its trend as a chart');
  const people = ['Astrid', 'Bjørn', 'Cecilie', 'Didrik', 'Eva', 'Frode'].map((name, i) => {
    const id = `U0DIGST${String(i).padStart(2, '0')}`;
    stage.emulator.addUser(DEMO_TEAM_ID, {
      id,
      name: name.toLowerCase(),
      realName: name,
      tz: 'Europe/Oslo',
      locale: 'en-US',
    });
    return id;
  });
  stage.emulator.addChannel({
    id: CHANNEL,
    teamId: DEMO_TEAM_ID,
    name: NAME,
    members: [ALICE_ID, ...people],
    botIsMember: true,
  });
  const teams = stage.app.context.stores.teams;
  const team = await teams.create({
    workspaceId: DEMO_TEAM_ID,
    channelId: CHANNEL,
    createdBy: ALICE_ID,
    settings: {
      timeZone: 'Europe/Oslo',
      language: 'en',
      minGroupSize: 5,
      checkin: { weekday: 1, time: '10:00' },
      digest: { enabled: true, target: { weekday: 1, time: '09:00' } },
    },
  });
  if (!team) throw new Error('demo team not created');
  await teams.replaceMembers(team.id, [ALICE_ID, ...people], new Date());
  await seedHistory(stage, team.id, previousIsoWeek(isoWeekOf(new Date(), 'Europe/Oslo')));
  process.stdout.write(
    `\n  #${NAME}: seven people, ten weeks of closed rounds (one week without a round, one with only two ratings)\n`,
  );

  await slash(stage, 'digest preview');
  const before = stage.emulator.messages({ channel: CHANNEL }).length;
  await slash(stage, 'digest');
  await stage.app.outbox.idle();
  const message = await stage.emulator.waitFor(() => stage.emulator.messages({ channel: CHANNEL })[before], {
    description: 'the digest in the channel',
  });
  stage.show('Everyone in the channel', `#${NAME}`, renderBlocks(message.blocks, message.text));

  const image = message.blocks.find((b) => (b as { block_id?: string }).block_id === digestBlockIds.chart) as
    | { slack_file?: { id?: string } }
    | undefined;
  const file = stage.emulator.files().find((f) => f.id === image?.slack_file?.id);
  if (!file?.bytes) {
    process.stdout.write('\n  (no chart was uploaded)\n');
    process.exitCode = 1;
    return;
  }
  const path = join(mkdtempSync(join(tmpdir(), 'trust-habits-digest-')), 'trust-trend.png');
  writeFileSync(path, file.bytes);
  process.stdout.write(
    `\n  The chart in the digest (${file.bytes.length} bytes PNG) is written to:\n  ${path}\n`,
  );
}
