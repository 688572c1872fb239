import { DateTime } from 'luxon';
import { click, openModal, submitModal, trust } from '../../test/support/promise-steps.ts';
import { renderBlocks, renderView } from '../../test/support/slack-emulator/render.ts';
import { ALICE_ID, BOB_ID } from '../../test/support/slack-emulator/seed.ts';
import type { SlackDriver } from '../../test/support/slack-emulator/slack-driver.ts';
import type { SlackEmulator } from '../../test/support/slack-emulator/slack-emulator.ts';
import type { StoredMessage } from '../../test/support/slack-emulator/types.ts';
import type { RunningApp } from '../app.ts';
import { runTick } from '../scheduler/scheduler.ts';
import { promiseActionIds, promiseCallbackIds } from '../slack/ids.ts';

// The demo's promise story: made, reminded by a scheduler pass, renegotiated, kept.

export interface PromiseStage {
  app: RunningApp;
  driver: SlackDriver;
  emulator: SlackEmulator;
  heading(text: string): void;
  show(who: string, where: string, rendered: string): void;
}

const say = (line: string) => process.stdout.write(`\n▶ ${line}\n`);

export async function playPromiseStory(stage: PromiseStage): Promise<void> {
  const { app, emulator } = stage;
  const latestDm = async (userId: string, about: string): Promise<StoredMessage> => {
    await app.outbox.idle();
    return emulator.waitFor(() => emulator.dmsTo(userId).findLast((m) => m.text.includes(about)), {
      description: `a DM about “${about}”`,
    });
  };
  const showDm = (who: string, message: StoredMessage) =>
    stage.show(who, 'DM from Trust Habits', renderBlocks(message.blocks, message.text));

  stage.heading('7. Alice promises Bob the Q3 numbers');
  say('Alice types: /trust promise @bob send the Q3 numbers by friday 3pm');
  const confirmation = await trust(
    stage,
    ALICE_ID,
    `promise <@${BOB_ID}|bob> send the Q3 numbers by friday 3pm`,
  );
  stage.show('Alice', 'only visible to you', renderBlocks(confirmation.blocks ?? [], confirmation.text));
  const made = await latestDm(BOB_ID, 'made you a promise');
  showDm('Bob', made);

  const promise = await app.database.db
    .selectFrom('promises')
    .select(['id', 'due_at'])
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  stage.heading(`8. Friday 15:00 in Oslo comes: npm run tick -- --at ${promise.due_at.toISOString()}`);
  const summary = await runTick(app.scheduler, promise.due_at, { waitForRetries: true });
  process.stdout.write(`  reminders job: ${JSON.stringify(summary.jobs.promise_reminders)}\n`);
  const reminder = await latestDm(ALICE_ID, 'Due now');
  showDm('Alice', reminder);

  stage.heading('9. Alice needs until Monday: New date');
  say('Alice clicks [ New date ] on the reminder');
  await click(stage, ALICE_ID, reminder, promiseActionIds.newDate);
  const modal = await openModal(stage, ALICE_ID, promiseCallbackIds.newDate);
  stage.show('Alice', 'modal', renderView(emulator.apiView(modal.id)));
  const monday = DateTime.fromJSDate(promise.due_at, { zone: 'Europe/Oslo' }).plus({ days: 3 });
  say(`Alice picks ${monday.toISODate()} 12:00 and writes “Finance closes the books on Friday”, then Save`);
  await submitModal(stage, ALICE_ID, modal, {
    date: monday.toISODate(),
    time: '12:00',
    note: 'Finance closes the books on Friday',
  });
  stage.show('Alice', 'modal', renderView(emulator.apiView(modal.id)));
  showDm('Bob', await latestDm(BOB_ID, 'moved the due date'));

  stage.heading('10. Bob gets the numbers and confirms the promise was kept');
  say('Bob clicks [ Mark as kept ] on the DM he got when the promise was made');
  const answer = (await click(stage, BOB_ID, made, promiseActionIds.kept)) as {
    text?: string;
    blocks?: unknown[];
  };
  stage.show('Bob', 'only visible to you', renderBlocks(answer.blocks ?? [], answer.text));
  showDm('Alice', await latestDm(ALICE_ID, 'confirmed that you kept'));
  say('Alice types: /trust promises');
  const list = await trust(stage, ALICE_ID, 'promises');
  stage.show('Alice', 'only visible to you', renderBlocks(list.blocks ?? [], list.text));
}
