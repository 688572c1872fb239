import type { ActionsBlock, Button, KnownBlock, ModalView } from '@slack/types';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { DEFAULT_DUE_TIME } from '../../domain/promises/due-date.parser.ts';
import {
  type DueChange,
  MAX_TEXT_LENGTH,
  type NewPromiseError,
  type ReminderKind,
  type TrustPromise,
} from '../../domain/promises/promise.ts';
import type { DueCandidate, DueConvention } from '../../domain/promises/due-date.parser.ts';
import type { ActionError, ChoiceError, MyPromises } from '../../domain/promises/promise.service.ts';
import type { Messages } from '../../i18n/en.ts';
import { type Audience, formatDateTime, formatZone } from '../../i18n/format-date.ts';
import { messages } from '../../i18n/index.ts';
import { escapeMrkdwn, escapeToFit, plain } from './mrkdwn.ts';
import { jsonValue } from '../parsers/json-value.parser.ts';
import { messageLink } from '../parsers/message-shortcut.parser.ts';
import {
  dueChoiceBlockId,
  promiseActionIds,
  promiseBlockIds,
  promiseButtonsBlockId,
  promiseCallbackIds,
} from '../ids.ts';
import { button, context, header, messageOf, plainText, type SlackMessage, section } from './block-kit.ts';

const MAX_MESSAGE_BLOCKS = 50;

// ---- button values and private_metadata: {"p":"<promise id>"} ----------------------------------

/** Parses a button value or private_metadata back into the promise it points at. */
export const promiseRefValue = jsonValue(z.strictObject({ p: z.string().min(1).max(100) }), 2000);

export function encodePromiseRef(promiseId: string): string {
  return JSON.stringify({ p: promiseId });
}

/** A due-date button's value: {"q":"<choice id>","c":<index of the date picked>}. */
export const dueChoiceValue = jsonValue(
  z.strictObject({ q: z.string().min(1).max(100), c: z.number().int().min(0).max(1) }),
  2000,
);

// ---- messages ---------------------------------------------------------------------------------

/**
 * The due date fits two instants: the promise as understood and one button per instant, in the
 * person's zone and language. Nothing is saved until a button is clicked.
 */
export function buildDueChoiceQuestion(
  a: Audience,
  input: { choiceId: string; recipientId: string; text: string; candidates: readonly DueCandidate[] },
): SlackMessage {
  const m = messages(a.language);
  const c = m.promises.choice;
  const ids = [promiseActionIds.pickDueFirst, promiseActionIds.pickDueSecond];
  return messageOf([
    section(`${c.question(who(input.recipientId, m))}\n${quote(input.text)}`),
    context(c.hint),
    {
      type: 'actions',
      block_id: dueChoiceBlockId(input.choiceId),
      elements: input.candidates
        .slice(0, ids.length)
        .map(
          (candidate, i): Button =>
            button(
              formatDateTime(candidate.due, a),
              ids[i] ?? promiseActionIds.pickDueFirst,
              JSON.stringify({ q: input.choiceId, c: i }),
            ),
        ),
    },
  ]);
}

/** Why a picked date could not be used. */
export function buildDueChoiceRefusal(a: Pick<Audience, 'language'>, error: ChoiceError): SlackMessage {
  return messageOf([section(messages(a.language).promises.choice[error])]);
}

/**
 * To the owner right after making it: the instant as understood, read back in words with the
 * convention that gave its time ("by Friday 18 December at 17:00 (end of the working day)"), so a
 * misread date is caught now.
 */
export function buildPromiseConfirmation(
  a: Audience,
  promise: TrustPromise,
  hadTime: boolean,
  understood: { dueText?: string; convention?: DueConvention } = {},
): SlackMessage {
  const m = messages(a.language);
  const c = m.promises.confirmation;
  const recipient = who(promise.recipientId, m);
  const due = c.due(formatDateTime(promise.dueAt, a), escapeMrkdwn(formatZone(a.timeZone)));
  const local = DateTime.fromJSDate(promise.dueAt, { zone: a.timeZone }).setLocale(m.dates.locale);
  const thisYear = local.year === DateTime.fromJSDate(a.now, { zone: a.timeZone }).year;
  const label = understood.convention ? c.conventions[understood.convention] : '';
  const when = `${local.toFormat(thisYear ? c.longDate : c.longDateWithYear)}${label ? ` (${label})` : ''}`;
  const wrote = understood.dueText === undefined ? undefined : inQuotes(understood.dueText);
  const notes = [
    c.understood(wrote, when),
    hadTime ? undefined : c.defaultTime,
    c.correct,
    c.told(recipient),
  ];
  return messageOf([
    section(`${c.made(recipient)}\n${quote(promise.text)}\n${due}`),
    context(notes.filter((n) => n !== undefined).join(' ')),
    ownerActions(m, promise, false),
  ]);
}

export function buildMadeNotice(a: Audience, promise: TrustPromise): SlackMessage {
  const m = messages(a.language);
  const n = m.promises.notices;
  return messageOf([
    section(
      `${n.made(who(promise.ownerId, m))}\n${quote(promise.text)}\n${n.due(formatDateTime(promise.dueAt, a))}`,
    ),
    context(lines(sourceLine(m, promise), n.confirmHint)),
    {
      type: 'actions',
      block_id: promiseButtonsBlockId(promise.id),
      elements: [confirmKeptButton(m, promise)],
    },
  ]);
}

export function buildRenegotiatedNotice(a: Audience, promise: TrustPromise, change: DueChange): SlackMessage {
  const m = messages(a.language);
  const n = m.promises.notices;
  const moved = n.change(formatDateTime(change.from, a), formatDateTime(change.to, a));
  return messageOf([
    section(
      lines(n.renegotiated(who(promise.ownerId, m)), quote(promise.text), moved, noteLine(m, change.note)),
    ),
  ]);
}

export function buildReleasedNotice(a: Audience, promise: TrustPromise): SlackMessage {
  const m = messages(a.language);
  const n = m.promises.notices;
  return messageOf([
    section(
      lines(n.released(who(promise.ownerId, m)), quote(promise.text), noteLine(m, promise.releaseNote)),
    ),
  ]);
}

/** To whoever did not mark it: the recipient when the owner kept it, the owner when the recipient confirmed. */
export function buildKeptNotice(a: Audience, promise: TrustPromise): SlackMessage {
  const m = messages(a.language);
  const n = m.promises.notices;
  const headline =
    promise.keptBy === 'recipient'
      ? n.keptByRecipient(who(promise.recipientId, m))
      : n.keptByOwner(who(promise.ownerId, m));
  return messageOf([section(`${headline}\n${quote(promise.text)}`)]);
}

export function buildReminderMessage(a: Audience, promise: TrustPromise, kind: ReminderKind): SlackMessage {
  const m = messages(a.language);
  const nudge = m.promises.reminders[kind](who(promise.recipientId, m), formatDateTime(promise.dueAt, a));
  return messageOf([
    section(lines(nudge, quote(promise.text), sourceLine(m, promise))),
    ownerActions(m, promise, true),
  ]);
}

/** `/trust promises`: made, then received, each soonest due first; capped to Slack's 50 blocks. */
export function buildPromiseList(a: Audience, mine: MyPromises): SlackMessage {
  const m = messages(a.language);
  const l = m.promises.list;
  const rate = mine.keepRate
    ? l.keepRate(mine.keepRate.keptOnTime, mine.keepRate.cameDue, Math.round(mine.keepRate.rate * 100))
    : l.noKeepRate;
  const blocks: KnownBlock[] = [header(l.title)];
  if (mine.made.length === 0 && mine.received.length === 0) {
    return messageOf([...blocks, section(`${l.empty}\n${l.emptyHint}`), context(rate)]);
  }
  blocks.push(context(rate));

  const groups = [
    { heading: l.made, items: mine.made.map((p) => madeItem(a, p)) },
    { heading: l.received, items: mine.received.map((p) => receivedItem(a, p)) },
  ];

  let room = MAX_MESSAGE_BLOCKS - blocks.length - 1; // one kept back for "…and N more"
  let hidden = 0;
  for (const { heading, items } of groups) {
    const fitting: KnownBlock[][] = [];
    for (const item of items) {
      const needed = item.length + (fitting.length === 0 ? 1 : 0);
      if (needed > room) break;
      fitting.push(item);
      room -= needed;
    }
    hidden += items.length - fitting.length;
    if (fitting.length > 0) blocks.push(section(heading), ...fitting.flat());
  }
  if (hidden > 0) blocks.push(context(l.more(hidden)));
  return messageOf(blocks);
}

/** A promise I made, in a list: what, to whom, when, and the owner's buttons. */
function madeItem(a: Audience, p: TrustPromise): KnownBlock[] {
  const m = messages(a.language);
  return [
    section(lines(quote(p.text), m.promises.list.to(who(p.recipientId, m), dueLine(a, p)), sourceLine(m, p))),
    ownerActions(m, p, true),
  ];
}

/** A promise made to me, in a list, with the button to confirm it kept. */
function receivedItem(a: Audience, p: TrustPromise): KnownBlock[] {
  const m = messages(a.language);
  return [
    {
      ...section(
        lines(quote(p.text), m.promises.list.from(who(p.ownerId, m), dueLine(a, p)), sourceLine(m, p)),
      ),
      block_id: promiseButtonsBlockId(p.id),
      accessory: confirmKeptButton(m, p),
    },
  ];
}

function dueLine(a: Audience, p: TrustPromise): string {
  const when = formatDateTime(p.dueAt, a);
  return p.dueAt <= a.now ? `${when} · ${messages(a.language).promises.list.overdue}` : when;
}

/** Room in the check-in DM, which other features share (Slack allows 50 blocks in all). */
const CHECKIN_MADE_MAX = 6;
const CHECKIN_RECEIVED_MAX = 4;

/**
 * The promises part of the weekly check-in: mine that are due this week or overdue, with their
 * buttons, then those made to me that are due this week. Both lists come sorted by due time.
 */
export function buildPromiseCheckinSection(
  a: Audience,
  due: { made: TrustPromise[]; received: TrustPromise[] },
): KnownBlock[] {
  const m = messages(a.language);
  if (due.made.length === 0 && due.received.length === 0) return [section(m.checkin.nothingDue)];
  const c = m.promises.checkin;
  const blocks: KnownBlock[] = [];
  if (due.made.length > 0)
    blocks.push(section(c.heading), ...due.made.slice(0, CHECKIN_MADE_MAX).flatMap((p) => madeItem(a, p)));
  if (due.received.length > 0)
    blocks.push(
      section(c.received),
      ...due.received.slice(0, CHECKIN_RECEIVED_MAX).flatMap((p) => receivedItem(a, p)),
    );
  const hidden =
    Math.max(0, due.made.length - CHECKIN_MADE_MAX) + Math.max(0, due.received.length - CHECKIN_RECEIVED_MAX);
  if (hidden > 0) blocks.push(context(`${m.promises.list.more(hidden)} \`/trust promises\``));
  return blocks;
}

/** How many of each list the App Home shows; the rest are counted and point to `/trust promises`. */
export const HOME_PROMISES_SHOWN = { made: 10, received: 10 } as const;

/**
 * The App Home's promises: the same list as `/trust promises` with my keep rate, the first few of
 * each kind with their buttons, and how many more there are.
 */
export function buildPromiseHomeSection(
  a: Audience,
  mine: MyPromises,
  shown: { made: number; received: number } = HOME_PROMISES_SHOWN,
): KnownBlock[] {
  const m = messages(a.language);
  const made = mine.made.slice(0, shown.made);
  const received = mine.received.slice(0, shown.received);
  const hidden = mine.made.length - made.length + mine.received.length - received.length;
  const blocks = buildPromiseList(a, { ...mine, made, received }).blocks;
  return hidden > 0 ? [...blocks, context(m.home.morePromises(hidden))] : blocks;
}

// ---- after an action --------------------------------------------------------------------------

export type DoneAction = 'kept' | 'renegotiated' | 'released';

/** What the person who acted sees: what changed, and who was told. */
export function buildActionDone(a: Audience, promise: TrustPromise, done: DoneAction): SlackMessage {
  const m = messages(a.language);
  const d = m.promises.done;
  const headline =
    done === 'kept'
      ? d.kept
      : done === 'released'
        ? d.released
        : d.renegotiated(formatDateTime(promise.dueAt, a));
  const told = promise.keptBy === 'recipient' ? promise.ownerId : promise.recipientId;
  return messageOf([
    section(`${headline}\n${quote(promise.text)}`),
    ...(told === null ? [] : [context(d.told(who(told, m)))]),
  ]);
}

/** After the create modal: the promise as understood, with its resolved due instant. */
export function buildCreatedDone(a: Audience, promise: TrustPromise): SlackMessage {
  const m = messages(a.language);
  const c = m.promises.confirmation;
  const recipient = who(promise.recipientId, m);
  const due = c.due(formatDateTime(promise.dueAt, a), escapeMrkdwn(formatZone(a.timeZone)));
  return messageOf([
    section(`${c.made(recipient)}\n${quote(promise.text)}\n${due}`),
    context(lines(sourceLine(m, promise), c.told(recipient))),
  ]);
}

/** A modal's answer to its submit: the outcome (or a refusal) in place of the form. */
export function buildDoneModal(a: Pick<Audience, 'language'>, message: SlackMessage): ModalView {
  const d = messages(a.language).promises.done;
  return {
    type: 'modal',
    title: plainText(d.title),
    close: plainText(d.close),
    blocks: message.blocks.filter((block) => block.type !== 'actions'),
  };
}

// ---- problems ---------------------------------------------------------------------------------

export type PromiseProblem =
  | { code: keyof Messages['promises']['problems'] }
  | { code: 'unparseable_due'; dueText: string };

/** What was wrong with `/trust promise …`, the right form, and for date problems some examples. */
export function buildPromiseProblemMessage(
  a: Pick<Audience, 'language'>,
  problem: PromiseProblem,
): SlackMessage {
  const p = messages(a.language).promises;
  const what =
    problem.code === 'unparseable_due'
      ? p.unparseableDue(inQuotes(problem.dueText))
      : p.problems[problem.code];
  const aboutDate = ['unparseable_due', 'no_due', 'due_too_long', 'due_in_past', 'due_too_far'].includes(
    problem.code,
  );
  return messageOf([section(lines(what, p.form, aboutDate ? p.whenExamples : undefined))]);
}

/** A polite refusal for a button or modal action that could not be applied. */
export function buildPromiseRefusal(a: Pick<Audience, 'language'>, error: ActionError): SlackMessage {
  const p = messages(a.language).promises;
  const texts: Record<ActionError, string> = { ...p.problems, ...p.refusals };
  return messageOf([section(texts[error])]);
}

export type FieldProblem = NewPromiseError | 'due_unchanged' | 'note_too_long';

const fieldOf: Record<FieldProblem, string> = {
  no_recipient: promiseBlockIds.recipient,
  self_promise: promiseBlockIds.recipient,
  recipient_is_bot: promiseBlockIds.recipient,
  recipient_deactivated: promiseBlockIds.recipient,
  empty_text: promiseBlockIds.text,
  text_too_long: promiseBlockIds.text,
  due_in_past: promiseBlockIds.dueDate,
  due_too_far: promiseBlockIds.dueDate,
  due_unchanged: promiseBlockIds.dueDate,
  note_too_long: promiseBlockIds.note,
};

/** `response_action: "errors"` for a modal: each problem under the input it is about. */
export function buildPromiseFieldErrors(
  a: Pick<Audience, 'language'>,
  problems: readonly FieldProblem[],
): Record<string, string> {
  const texts = messages(a.language).promises.problems;
  return Object.fromEntries(problems.map((code) => [fieldOf[code], texts[code]]));
}

// ---- modals -----------------------------------------------------------------------------------

/** What the create modal starts with when it is opened from a message ("Make this a promise"). */
export interface PromisePrefill {
  recipientId?: string;
  /** Plain text, already read out of Slack's markup. */
  text?: string;
  due?: Date;
  /** A checked Slack message link (see `messageLink`), kept with the promise. */
  sourceLink?: string;
  fromMessage?: boolean;
}

/** The create modal's private_metadata: {"l":"<message link>"} when made from a message. */
export const createPromiseMetadata = jsonValue(z.strictObject({ l: z.string().max(300).optional() }), 400);

export function buildCreatePromiseModal(a: Audience, prefill: PromisePrefill = {}): ModalView {
  const m = messages(a.language);
  const mo = m.promises.modals;
  const tomorrow = DateTime.fromJSDate(a.now, { zone: a.timeZone }).plus({ days: 1 });
  const due = prefill.due && DateTime.fromJSDate(prefill.due, { zone: a.timeZone });
  const intro = prefill.fromMessage
    ? [
        context(
          lines(
            prefill.sourceLink ? m.shortcuts.fromMessage(prefill.sourceLink) : m.shortcuts.fromMessageNoLink,
            due ? undefined : m.shortcuts.noDateFound,
          ),
        ),
      ]
    : [];
  return {
    type: 'modal',
    callback_id: promiseCallbackIds.create,
    ...(prefill.sourceLink ? { private_metadata: JSON.stringify({ l: prefill.sourceLink }) } : {}),
    title: plainText(mo.createTitle),
    submit: plainText(mo.createSubmit),
    close: plainText(mo.cancel),
    blocks: [
      ...intro,
      {
        type: 'input',
        block_id: promiseBlockIds.recipient,
        label: plainText(mo.recipientLabel),
        element: {
          type: 'users_select',
          action_id: promiseBlockIds.recipient,
          ...(prefill.recipientId ? { initial_user: prefill.recipientId } : {}),
        },
      },
      {
        type: 'input',
        block_id: promiseBlockIds.text,
        label: plainText(mo.textLabel),
        element: {
          type: 'plain_text_input',
          action_id: promiseBlockIds.text,
          max_length: MAX_TEXT_LENGTH,
          placeholder: plainText(mo.textPlaceholder),
          ...(prefill.text ? { initial_value: plain(prefill.text) } : {}),
        },
      },
      ...(due
        ? dueInputs(a, due.toISODate() ?? '', { hour: due.hour, minute: due.minute })
        : dueInputs(a, tomorrow.toISODate() ?? '', DEFAULT_DUE_TIME)),
    ],
  };
}

export function buildNewDateModal(a: Audience, promise: TrustPromise): ModalView {
  const m = messages(a.language);
  const mo = m.promises.modals;
  const due = DateTime.fromJSDate(promise.dueAt, { zone: a.timeZone });
  return {
    type: 'modal',
    callback_id: promiseCallbackIds.newDate,
    private_metadata: encodePromiseRef(promise.id),
    title: plainText(mo.newDateTitle),
    submit: plainText(mo.newDateSubmit),
    close: plainText(mo.cancel),
    blocks: [
      section(
        `${quote(promise.text)}\n${m.promises.list.to(who(promise.recipientId, m), formatDateTime(promise.dueAt, a))}`,
      ),
      context(mo.newDateIntro),
      ...dueInputs(a, due.toISODate() ?? '', { hour: due.hour, minute: due.minute }),
      noteInput(mo),
    ],
  };
}

export function buildReleaseModal(a: Audience, promise: TrustPromise): ModalView {
  const m = messages(a.language);
  const mo = m.promises.modals;
  return {
    type: 'modal',
    callback_id: promiseCallbackIds.release,
    private_metadata: encodePromiseRef(promise.id),
    title: plainText(mo.releaseTitle),
    submit: plainText(mo.releaseSubmit),
    close: plainText(mo.cancel),
    blocks: [
      section(
        `${quote(promise.text)}\n${m.promises.list.to(who(promise.recipientId, m), formatDateTime(promise.dueAt, a))}`,
      ),
      context(mo.releaseIntro),
      noteInput(mo),
    ],
  };
}

function dueInputs(a: Audience, date: string, time: { hour: number; minute: number }): KnownBlock[] {
  const mo = messages(a.language).promises.modals;
  return [
    {
      type: 'input',
      block_id: promiseBlockIds.dueDate,
      label: plainText(mo.dateLabel),
      element: { type: 'datepicker', action_id: promiseBlockIds.dueDate, initial_date: date },
    },
    {
      type: 'input',
      block_id: promiseBlockIds.dueTime,
      label: plainText(mo.timeLabel),
      hint: plainText(mo.timeHint(formatZone(a.timeZone))),
      element: {
        type: 'timepicker',
        action_id: promiseBlockIds.dueTime,
        initial_time: `${pad(time.hour)}:${pad(time.minute)}`,
        timezone: a.timeZone,
      },
    },
  ];
}

function noteInput(mo: Messages['promises']['modals']): KnownBlock {
  return {
    type: 'input',
    block_id: promiseBlockIds.note,
    optional: true,
    label: plainText(mo.noteLabel),
    element: {
      type: 'plain_text_input',
      action_id: promiseBlockIds.note,
      multiline: true,
      max_length: MAX_TEXT_LENGTH,
      placeholder: plainText(mo.notePlaceholder),
    },
  };
}

// ---- pieces -----------------------------------------------------------------------------------

/** A person as a mention; ids come from storage, so anything not shaped like one is shown as text. */
function who(userId: string | null, m: Messages): string {
  if (userId === null) return m.promises.formerColleague;
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/**
 * The most an echoed user text may take, escaped, of a section (3,000 characters): a promise and a
 * note share one with fixed text around them. A promise (at most 300 characters as typed, which
 * escaping can make 1,500: `&` → `&amp;`) is always shown whole; a note or a date is cut sooner.
 */
const PROMISE_ECHO_MAX = 1_500;
const OTHER_ECHO_MAX = 1_000;

function quote(text: string): string {
  return `*${escapeToFit(text.replace(/\s+/g, ' ').trim(), PROMISE_ECHO_MAX)}*`;
}

function inQuotes(text: string): string {
  return `“${escapeToFit(text, OTHER_ECHO_MAX)}”`;
}

function lines(...parts: Array<string | undefined>): string {
  return parts.filter((part) => part !== undefined).join('\n');
}

/** The link back to the message a promise was made from, if any (checked when it was saved). */
function sourceLine(m: Messages, promise: TrustPromise): string | undefined {
  const link = messageLink.safeParse(promise.sourceLink);
  return link.success ? m.shortcuts.sourceLink(link.data) : undefined;
}

function noteLine(m: Messages, note: string | null): string | undefined {
  return note === null ? undefined : m.promises.notices.note(escapeToFit(note, OTHER_ECHO_MAX));
}

function ownerActions(m: Messages, promise: TrustPromise, withKept: boolean): ActionsBlock {
  const b = m.promises.buttons;
  const kept = withKept ? [promiseButton(b.kept, promiseActionIds.kept, promise, 'primary')] : [];
  return {
    type: 'actions',
    block_id: promiseButtonsBlockId(promise.id),
    elements: [
      ...kept,
      promiseButton(b.newDate, promiseActionIds.newDate, promise),
      promiseButton(b.release, promiseActionIds.release, promise),
    ],
  };
}

function confirmKeptButton(m: Messages, promise: TrustPromise): Button {
  return promiseButton(m.promises.buttons.confirmKept, promiseActionIds.kept, promise, 'primary');
}

function promiseButton(text: string, actionId: string, promise: TrustPromise, style?: 'primary'): Button {
  return button(text, actionId, encodePromiseRef(promise.id), style);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
