// Steps the promise tests and the demo take as people in Slack: commands, clicks and modals, all
// as signed requests through the emulator. No test framework here, so the demo can use them too.
import { promiseBlockIds } from '../../src/slack/ids.ts';
import { type CommandReply, commandReply } from './command-reply.ts';
import { isRecord } from './slack-emulator/block-kit.ts';
import { DEMO_TEAM_ID, TEAM_CHANNEL_ID } from './slack-emulator/seed.ts';
import type { SlackDriver } from './slack-emulator/slack-driver.ts';
import type { SlackEmulator } from './slack-emulator/slack-emulator.ts';
import type { StoredMessage, StoredView } from './slack-emulator/types.ts';

export interface Slack {
  emulator: SlackEmulator;
  driver: SlackDriver;
}

export async function trust(s: Slack, userId: string, text: string): Promise<CommandReply['body']> {
  const before = s.emulator.responses().length;
  const response = await s.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId: TEAM_CHANNEL_ID, text });
  expectOk(response.status, `/trust ${text}`);
  return (await commandReply(s.emulator, response, before)).body;
}

export interface FoundButton {
  blockId: string;
  actionId: string;
  value: string | undefined;
}

/** The buttons of a message or view, in order, with the block ids Slack gave them. */
export function buttonsIn(blocks: unknown): FoundButton[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((block): FoundButton[] => {
    if (!isRecord(block) || typeof block.block_id !== 'string') return [];
    const elements = [...(Array.isArray(block.elements) ? block.elements : []), block.accessory];
    return elements.flatMap((el) =>
      isRecord(el) && el.type === 'button' && typeof el.action_id === 'string'
        ? [{ blockId: String(block.block_id), actionId: el.action_id, value: el.value as string | undefined }]
        : [],
    );
  });
}

/** The nth button with this action id. */
export function buttonIn(blocks: unknown, actionId: string, nth = 0): FoundButton {
  const found = buttonsIn(blocks).filter((b) => b.actionId === actionId)[nth];
  if (!found) throw new Error(`no button ${actionId} #${nth}`);
  return found;
}

/**
 * Clicks a button on a message the person sees (a DM or an ephemeral) and returns what the app
 * answered through the click's response_url, if anything.
 */
export async function click(
  s: Slack,
  userId: string,
  message: StoredMessage,
  actionId: string,
  options: { nth?: number; value?: string } = {},
): Promise<unknown> {
  const button = buttonIn(message.blocks, actionId, options.nth);
  const before = s.emulator.responses().length;
  const opensBefore = s.emulator.calls('views.open').length;
  const response = await s.driver.blockAction({
    teamId: DEMO_TEAM_ID,
    userId,
    actionId,
    blockId: button.blockId,
    ...(options.value === undefined ? {} : { value: options.value }),
    container: {
      type: 'message',
      channelId: message.channel,
      messageTs: message.ts,
      isEphemeral: message.ephemeralTo !== undefined,
    },
  });
  expectOk(response.status, actionId);
  // The app answers after the ack: with a message, or by opening a modal.
  await s.emulator.waitFor(
    () => s.emulator.responses()[before] ?? s.emulator.calls('views.open').length > opensBefore,
    { description: `the answer to ${actionId}` },
  );
  return s.emulator.responses()[before]?.body;
}

/** What the app posted through a response_url after `before`. */
export async function answerAfter(s: Slack, before: number): Promise<unknown> {
  const answer = await s.emulator.waitFor(() => s.emulator.responses()[before], { description: 'an answer' });
  return answer.body;
}

/** The modal on top of the person's stack once the app opened it. */
export async function openModal(s: Slack, userId: string, callbackId: string): Promise<StoredView> {
  return s.emulator.waitFor(
    () => s.emulator.views(userId).find((v) => v.open && v.body.callback_id === callbackId),
    { description: `modal ${callbackId}` },
  );
}

export interface ModalInput {
  recipient?: string | null;
  text?: string | null;
  date?: string | null;
  time?: string | null;
  note?: string | null;
}

/** Fills in the promise modal's inputs that are given and submits it; returns the app's answer. */
export async function submitModal(s: Slack, userId: string, view: StoredView, input: ModalInput) {
  const values: Record<string, Record<string, unknown>> = {};
  const set = (blockId: string, entry: Record<string, unknown>) => {
    values[blockId] = { [blockId]: entry };
  };
  if (input.recipient !== undefined)
    set(promiseBlockIds.recipient, { type: 'users_select', selected_user: input.recipient });
  if (input.text !== undefined) set(promiseBlockIds.text, { type: 'plain_text_input', value: input.text });
  if (input.date !== undefined)
    set(promiseBlockIds.dueDate, { type: 'datepicker', selected_date: input.date });
  if (input.time !== undefined)
    set(promiseBlockIds.dueTime, { type: 'timepicker', selected_time: input.time });
  if (input.note !== undefined) set(promiseBlockIds.note, { type: 'plain_text_input', value: input.note });
  const response = await s.driver.viewSubmission({
    teamId: DEMO_TEAM_ID,
    userId,
    viewId: view.id,
    view: { state: { values } },
  });
  expectOk(response.status, `submit ${String(view.body.callback_id)}`);
  return response.json as
    | { response_action?: string; errors?: Record<string, string>; view?: unknown }
    | undefined;
}

/** Everything a person was sent by DM, newest last. */
export function dms(s: Slack, userId: string): StoredMessage[] {
  return s.emulator.dmsTo(userId);
}

function expectOk(status: number, what: string): void {
  if (status !== 200) throw new Error(`the app answered ${what} with HTTP ${status}`);
}
