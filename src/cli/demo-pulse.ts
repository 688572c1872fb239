import { DateTime } from 'luxon';
import { commandReply } from '../../test/support/command-reply.ts';
import { renderBlocks, renderView } from '../../test/support/slack-emulator/render.ts';
import { ALICE_ID, DEMO_TEAM_ID } from '../../test/support/slack-emulator/seed.ts';
import type { SlackDriver } from '../../test/support/slack-emulator/slack-driver.ts';
import type { SlackEmulator } from '../../test/support/slack-emulator/slack-emulator.ts';
import type { RunningApp } from '../app.ts';
import { runTick } from '../scheduler/scheduler.ts';
import { pulseBlockIds } from '../slack/ids.ts';

// The demo's pulse story: a manager sets up teams, members rate anonymously, the round closes.

export interface DemoStage {
  app: RunningApp;
  driver: SlackDriver;
  emulator: SlackEmulator;
  heading(text: string): void;
  show(who: string, where: string, rendered: string): void;
}

const items = [
  pulseBlockIds.credibility,
  pulseBlockIds.reliability,
  pulseBlockIds.intimacy,
  pulseBlockIds.selfOrientation,
];

function teamChannel(stage: DemoStage, channelId: string, name: string, names: string[]): string[] {
  const people = names.map((n, i) => {
    const id = `U0DEMO${channelId.slice(-1)}${String(i).padStart(2, '0')}`;
    stage.emulator.addUser(DEMO_TEAM_ID, {
      id,
      name: n.toLowerCase(),
      realName: n,
      tz: 'Europe/Oslo',
      locale: 'en-US',
    });
    return id;
  });
  stage.emulator.addChannel({
    id: channelId,
    teamId: DEMO_TEAM_ID,
    name,
    members: [ALICE_ID, ...people],
    botIsMember: true,
  });
  return people;
}

async function setUp(stage: DemoStage, channelId: string, name: string): Promise<void> {
  process.stdout.write(`\n▶ Alice types in #${name}: /trust team setup\n`);
  const views = stage.emulator.views(ALICE_ID).length;
  await stage.driver.command({ teamId: DEMO_TEAM_ID, userId: ALICE_ID, channelId, text: 'team setup' });
  const modal = await stage.emulator.waitFor(() => stage.emulator.views(ALICE_ID)[views]);
  stage.show('Alice', 'modal', renderView(stage.emulator.apiView(modal.id)));
  process.stdout.write('\n▶ Alice keeps the defaults and presses Save\n');
  const dms = stage.emulator.dmsTo(ALICE_ID).length;
  await stage.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: ALICE_ID, viewId: modal.id });
  const done = await stage.emulator.waitFor(() => stage.emulator.dmsTo(ALICE_ID)[dms]);
  stage.show('Alice', 'DM', renderBlocks(done.blocks, done.text));
}

async function rate(
  stage: DemoStage,
  userId: string,
  name: string,
  channelId: string,
  scores: number[],
  showIt: boolean,
) {
  const views = stage.emulator.views(userId).length;
  const before = stage.emulator.responses().length;
  const ack = await stage.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId, text: 'pulse' });
  if (ack.json) await commandReply(stage.emulator, ack, before);
  const modal = await stage.emulator.waitFor(() => stage.emulator.views(userId)[views]);
  if (showIt) stage.show(name, 'modal', renderView(stage.emulator.apiView(modal.id)));
  stage.emulator.setViewValues(
    modal.id,
    Object.fromEntries(
      items.map((id, i) => {
        const value = String(scores[i] ?? 3);
        return [
          id,
          {
            [id]: {
              type: 'radio_buttons',
              selected_option: { text: { type: 'plain_text', text: value }, value },
            },
          },
        ];
      }),
    ),
  );
  await stage.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId, viewId: modal.id });
  if (showIt) stage.show(name, 'modal after Send', renderView(stage.emulator.apiView(modal.id)));
}

export async function playPulseStory(stage: DemoStage): Promise<void> {
  stage.heading('4. A manager sets up a team of six; five rate team trust anonymously');
  const rocketNames = ['Ola', 'Nora', 'Jonas', 'Ingrid', 'Emil'];
  const rocket = teamChannel(stage, 'C0PULS001', 'team-pulse', rocketNames);
  await setUp(stage, 'C0PULS001', 'team-pulse');
  const answers = [
    [4, 5, 4, 2],
    [5, 4, 4, 1],
    [4, 4, 3, 2],
    [3, 4, 4, 2],
    [4, 5, 5, 1],
  ];
  for (const [i, userId] of rocket.entries()) {
    const name = rocketNames[i] ?? userId;
    process.stdout.write(`\n▶ ${name} types: /trust pulse${i === 0 ? '' : ' (and rates)'}\n`);
    await rate(stage, userId, name, 'C0PULS001', answers[i] ?? [], i === 0);
  }

  stage.heading('5. A second team of six where only four rate');
  const smallNames = ['Lars', 'Sara', 'Per', 'Maja', 'Tor'];
  const small = teamChannel(stage, 'C0PULS002', 'team-small', smallNames);
  await setUp(stage, 'C0PULS002', 'team-small');
  for (const [i, userId] of small.slice(0, 4).entries()) {
    process.stdout.write(`\n▶ ${smallNames[i]} types: /trust pulse (and rates)\n`);
    await rate(stage, userId, smallNames[i] ?? userId, 'C0PULS002', [4, 4, 4, 2], false);
  }

  const nextMonday = DateTime.now().setZone('Europe/Oslo').startOf('week').plus({ weeks: 1, minutes: 1 });
  const at = nextMonday.toUTC().toISO() ?? '';
  stage.heading(`6. The week ends: npm run tick -- --at ${at}`);
  const dms = stage.emulator.dmsTo(ALICE_ID).length;
  const summary = await runTick(stage.app.scheduler, nextMonday.toJSDate());
  process.stdout.write(`  pulse-rounds: ${JSON.stringify(summary.jobs['pulse-rounds'] ?? {})}\n`);
  await stage.app.outbox.idle();
  for (const message of stage.emulator.dmsTo(ALICE_ID).slice(dms)) {
    if (message.text.includes('Team trust'))
      stage.show('Alice (manager)', 'DM', renderBlocks(message.blocks, message.text));
  }
}
