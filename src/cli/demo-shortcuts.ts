import { openModal, submitModal } from '../../test/support/promise-steps.ts';
import { renderBlocks, renderView } from '../../test/support/slack-emulator/render.ts';
import {
  ALICE_ID,
  BOB_ID,
  DEMO_TEAM_ID,
  KARI_ID,
  TEAM_CHANNEL_ID,
} from '../../test/support/slack-emulator/seed.ts';
import { functionCallbackIds, promiseCallbackIds, shortcutCallbackIds } from '../slack/ids.ts';
import type { DemoStage } from './demo-pulse.ts';

// The demo's "no slash command" story: a promise made from a message with the message shortcut,
// and a Workflow Builder step run as Slack runs it.

const say = (line: string) => process.stdout.write(`\n▶ ${line}\n`);

export async function playShortcutStory(stage: DemoStage): Promise<void> {
  const { app, driver, emulator } = stage;

  stage.heading('Make this a promise: a promise from a message, no slash command');
  const question = emulator.postAsUser({
    teamId: DEMO_TEAM_ID,
    channel: TEAM_CHANNEL_ID,
    user: BOB_ID,
    text: 'Could someone share the onboarding checklist?',
  });
  const answer = emulator.postAsUser({
    teamId: DEMO_TEAM_ID,
    channel: TEAM_CHANNEL_ID,
    user: ALICE_ID,
    text: `Sure! I'll tidy it up with <@${KARI_ID}> &amp; send it by friday`,
    threadTs: question.ts,
  });
  say(
    'Bob asks in #team-rocket; Alice answers in the thread: “I’ll tidy it up with @kari & send it by friday”',
  );
  say('Alice picks “Make this a promise” from the message’s ⋮ menu');
  await driver.messageShortcut({
    teamId: DEMO_TEAM_ID,
    userId: ALICE_ID,
    callbackId: shortcutCallbackIds.promiseFromMessage,
    channelId: TEAM_CHANNEL_ID,
    messageTs: answer.ts,
  });
  const modal = await openModal(stage, ALICE_ID, promiseCallbackIds.create);
  stage.show(
    'Alice',
    'modal, prefilled: Bob as recipient, Friday 17:00, a link back',
    renderView(emulator.apiView(modal.id)),
  );
  say('Alice clicks [ Promise ] without changing anything');
  const done = await submitModal(stage, ALICE_ID, modal, {});
  if (done?.view) stage.show('Alice', 'modal', renderView(done.view));
  await app.outbox.idle();
  const notice = await emulator.waitFor(() =>
    emulator.dmsTo(BOB_ID).findLast((m) => m.text.includes('made you a promise')),
  );
  stage.show('Bob', 'DM from Trust Habits', renderBlocks(notice.blocks, notice.text));

  stage.heading('A Workflow Builder step: “Record a promise”');
  say(
    'A workflow runs the step with owner Kari, recipient Alice, what “book the team dinner”, due “in 3 days”',
  );
  const { executionId } = await driver.functionExecuted({
    teamId: DEMO_TEAM_ID,
    callbackId: functionCallbackIds.recordPromise,
    inputs: { owner: KARI_ID, recipient: ALICE_ID, what: 'book the team dinner', due: 'in 3 days' },
  });
  const run = await emulator.waitFor(
    () => {
      const execution = emulator.functionExecution(executionId);
      return execution?.status === 'running' ? undefined : execution;
    },
    { timeoutMs: 15_000, description: 'the step to complete' },
  );
  process.stdout.write(`  step ${run.status}: ${JSON.stringify(run.outputs ?? { error: run.error })}\n`);
  say('The same step with a date nobody can read');
  const { executionId: failedId } = await driver.functionExecuted({
    teamId: DEMO_TEAM_ID,
    callbackId: functionCallbackIds.recordPromise,
    inputs: { owner: KARI_ID, recipient: ALICE_ID, what: 'book the team dinner', due: 'someday' },
  });
  const failed = await emulator.waitFor(() => {
    const execution = emulator.functionExecution(failedId);
    return execution?.status === 'running' ? undefined : execution;
  });
  process.stdout.write(`  step ${failed.status}, Slackbot tells the person: ${failed.error ?? ''}\n`);
}
