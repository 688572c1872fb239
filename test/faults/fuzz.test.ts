import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as slackIds from '../../src/slack/ids.ts';
import { seedDuePeople } from '../support/checkin-population.ts';
import { trust } from '../support/promise-steps.ts';
import { isRecord } from '../support/slack-emulator/block-kit.ts';
import {
  ALICE_ID,
  BOB_ID,
  DEACTIVATED_ID,
  DEMO_APP_ID,
  DEMO_BOT_ID,
  DEMO_TEAM_DOMAIN,
  DEMO_TEAM_ID,
  KARI_ID,
  OTHER_BOT_ID,
  RANDOM_CHANNEL_ID,
  SECRET_CHANNEL_ID,
  TEAM_CHANNEL_ID,
} from '../support/slack-emulator/seed.ts';
import { LEGACY_TOKEN } from '../support/slack-emulator/slack-driver.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { scaled } from './scale.ts';

// Bad input, property-based: `/trust` texts, clicks on every registered action and submissions of
// every registered modal, with random and hostile content, all signed like Slack would. Kari fuzzes;
// Bob's rows and a second workspace's rows must come out of it unchanged. Full scale (≥ 10,000
// cases) in `npm run test:faults`; a few hundred in `npm test`.

const RUNS = scaled(
  { commands: 3_400, actions: 3_400, views: 3_400, shortcuts: 1_000 },
  { commands: 100, actions: 100, views: 100, shortcuts: 60 },
);
const ACTOR = KARI_ID;
const OTHER_TEAM_ID = 'T0OTHER01';
const OTHER_PREFIX = 'OTHERWS';
const OTHER_USER_ID = `U${OTHER_PREFIX}000001`;
/** Texts a reply must never show: leaked internals. */
const LEAKS = [
  /\bundefined\b/,
  /\[object Object\]/,
  /\bNaN\b/,
  /\n\s+at .+:\d+:\d+/,
  /\b(TypeError|ReferenceError|ZodError)\b/,
];
/** Web API calls that show something to someone. */
const SHOWN = [
  'chat.postMessage',
  'chat.postEphemeral',
  'chat.update',
  'views.open',
  'views.push',
  'views.update',
  'views.publish',
];

let t: TestApp;
const errorLogs: string[] = [];
const crashes: unknown[] = [];
const onCrash = (error: unknown) => {
  crashes.push(error);
};
/** Values seen on buttons, menus and modals the app showed other people (replayed by Kari). */
interface FormInput {
  blockId: string;
  actionId: string;
  type: string;
  options: string[];
}
let harvested: {
  values: string[];
  metadata: string[];
  viewIds: string[];
  hashes: string[];
  inputs: Array<[string, string]>;
  /** The inputs of each modal the app opened, by callback_id. */
  forms: Map<string, FormInput[]>;
};
let protectedBefore: Map<string, string[]>;
const cases = { commands: 0, actions: 0, views: 0, shortcuts: 0 };
const statuses = new Map<number, number>();
const modalErrors: string[] = [];
const submissionAnswers = new Map<string, number>();
/** What the app answered in acks while others set up their data. */
const acks: unknown[] = [];

beforeAll(async () => {
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  t = await startTestApp({
    logDestination: {
      write(line: string) {
        if (/"level":(50|60)/.test(line)) errorLogs.push(line.slice(0, 2_000));
      },
    },
    env: { LOG_LEVEL: 'error' },
  });
  // Others' data made through the app: Bob and Alice promise each other things, a team in the team
  // channel, check-ins, habits and a pulse; a second workspace's people straight in the database.
  await trust(t, BOB_ID, `promise <@${ALICE_ID}> send the Q3 numbers by friday 3pm`);
  await trust(t, ALICE_ID, `promise <@${BOB_ID}> review the plan by tomorrow 9am`);
  const before = t.emulator.views(ALICE_ID).length;
  await t.driver.command({
    teamId: DEMO_TEAM_ID,
    userId: ALICE_ID,
    channelId: TEAM_CHANNEL_ID,
    text: 'team setup',
  });
  const setup = await t.emulator.waitFor(() => t.emulator.views(ALICE_ID)[before]);
  t.emulator.setViewValues(setup.id, {
    [slackIds.teamBlockIds.minGroupSize]: {
      [slackIds.teamBlockIds.minGroupSize]: { type: 'number_input', value: '3' },
    },
  });
  expect(
    (await t.driver.viewSubmission({ teamId: DEMO_TEAM_ID, userId: ALICE_ID, viewId: setup.id })).status,
  ).toBe(200);
  for (const text of [
    'team setup',
    'checkin',
    'habits',
    'pulse',
    'promises',
    'settings',
    'promise',
    'team settings',
  ]) {
    for (const userId of [ALICE_ID, BOB_ID]) {
      const ack = await t.driver.command({ teamId: DEMO_TEAM_ID, userId, channelId: TEAM_CHANNEL_ID, text });
      if (ack.json !== undefined) acks.push(ack.json);
    }
  }
  await t.driver.appHomeOpened({ teamId: DEMO_TEAM_ID, userId: BOB_ID });
  await seedDuePeople(t.database.db, {
    workspaceId: OTHER_TEAM_ID,
    prefix: OTHER_PREFIX,
    count: 5,
    dueAt: new Date('2027-03-01T09:00:00Z'),
  });
  await settle();
  // Alice and Bob press every button they were shown, which opens the app's other modals.
  for (const button of buttonsShown()) {
    for (const userId of [ALICE_ID, BOB_ID])
      await send(clickPayload(userId, button.actionId, button.blockId, button.value, 'message'));
  }
  await settle();
  harvested = harvest();
  protectedBefore = await protectedRows();
  console.info(
    `harvested: ${JSON.stringify({ values: harvested.values.length, metadata: harvested.metadata, views: harvested.viewIds.length, inputs: harvested.inputs.length, forms: [...harvested.forms.keys()] })}; protected rows: ${JSON.stringify(Object.fromEntries([...protectedBefore].map(([k, v]) => [k, v.length])))}`,
  );
}, 60_000);

afterAll(async () => {
  process.off('unhandledRejection', onCrash);
  process.off('uncaughtException', onCrash);
  await t?.close();
});

/** Waits until the app has sent what it queued and Slack has heard nothing new for a while. */
async function settle(): Promise<void> {
  t.app.outbox.kick();
  await t.app.outbox.idle();
  let seen = -1;
  for (;;) {
    const now = t.emulator.calls().length + t.emulator.responses().length;
    if (now === seen) return;
    seen = now;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function collect(node: unknown, visit: (record: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const item of node) collect(item, visit);
  else if (isRecord(node)) {
    visit(node);
    for (const value of Object.values(node)) collect(value, visit);
  }
}

function buttonsShown(): Array<{ actionId: string; blockId: string; value: string | undefined }> {
  const found = new Map<string, { actionId: string; blockId: string; value: string | undefined }>();
  const surfaces = [
    ...t.emulator.messages().map((m) => m.blocks),
    ...t.emulator.responses().map((r) => r.body),
    ...t.emulator.calls().map((c) => c.params),
    ...acks,
  ];
  for (const surface of surfaces) {
    collect(surface, (block) => {
      if (typeof block.block_id !== 'string') return;
      collect([block.accessory, ...(Array.isArray(block.elements) ? block.elements : [])], (el) => {
        if (el.type === 'button' && typeof el.action_id === 'string') {
          const value = typeof el.value === 'string' ? el.value : undefined;
          found.set(`${el.action_id}|${value}`, {
            actionId: el.action_id,
            blockId: String(block.block_id),
            value,
          });
        }
      });
    });
  }
  return [...found.values()];
}

/** A click as Slack sends it, from a message (with a response_url) or from a modal. */
function clickPayload(
  userId: string,
  actionId: string,
  blockId: string,
  value: unknown,
  from: 'message' | 'view',
  extra: {
    userTeam?: string;
    elementType?: string;
    selected?: unknown;
    date?: string;
    channelId?: string;
    messageTs?: string;
    view?: Record<string, unknown>;
    state?: unknown;
  } = {},
): Record<string, unknown> {
  const channelId = extra.channelId ?? TEAM_CHANNEL_ID;
  const messageTs = extra.messageTs ?? '1700000000.000100';
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: { id: userId, username: 'someone', name: 'someone', team_id: extra.userTeam ?? DEMO_TEAM_ID },
    api_app_id: DEMO_APP_ID,
    token: LEGACY_TOKEN,
    trigger_id: t.emulator.issueTriggerId(DEMO_TEAM_ID, userId),
    ...team(DEMO_TEAM_ID),
    actions: [
      {
        type: extra.elementType ?? 'button',
        action_id: actionId,
        block_id: blockId,
        ...(value === undefined ? {} : { value }),
        action_ts: '1700000000.000200',
        ...(extra.selected === undefined
          ? {}
          : { selected_option: { value: extra.selected, text: { type: 'plain_text', text: 'x' } } }),
        ...(extra.date === undefined ? {} : { selected_date: extra.date }),
      },
    ],
    state: { values: extra.state ?? {} },
  };
  if (from === 'view') {
    const view = extra.view ?? {};
    return Object.assign(payload, { container: { type: 'view', view_id: view.id }, view });
  }
  return Object.assign(payload, {
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
    channel: { id: channelId, name: 'x' },
    message: { type: 'message', ts: messageTs, text: 'x', blocks: [] },
    response_url: t.emulator.createResponseUrl('actions', DEMO_TEAM_ID, { channelId, userId, messageTs }),
  });
}

function harvest() {
  const values = new Set<string>();
  const metadata = new Set<string>();
  const viewIds = new Set<string>();
  const hashes = new Set<string>();
  const inputs = new Map<string, [string, string]>();
  const forms = new Map<string, FormInput[]>();
  for (const call of t.emulator.calls()) {
    const view = call.params.view;
    if (!isRecord(view) || typeof view.callback_id !== 'string' || forms.has(view.callback_id)) continue;
    const form: FormInput[] = [];
    collect(view.blocks, (node) => {
      const element = node.element;
      if (node.type !== 'input' || typeof node.block_id !== 'string' || !isRecord(element)) return;
      if (typeof element.action_id !== 'string' || typeof element.type !== 'string') return;
      const options: string[] = [];
      collect(element.options, (o) => {
        if (typeof o.value === 'string') options.push(o.value);
      });
      form.push({ blockId: node.block_id, actionId: element.action_id, type: element.type, options });
    });
    if (form.length > 0) forms.set(view.callback_id, form);
  }
  const surfaces: unknown[] = [
    ...t.emulator.messages().map((m) => m.blocks),
    ...t.emulator.responses().map((r) => r.body),
    ...t.emulator.calls().map((c) => c.params),
    ...acks,
  ];
  for (const user of [ALICE_ID, BOB_ID, KARI_ID]) {
    for (const view of t.emulator.views(user)) {
      viewIds.add(view.id);
      const api = t.emulator.apiView(view.id);
      if (isRecord(api) && typeof api.hash === 'string') hashes.add(api.hash);
    }
  }
  for (const surface of surfaces) {
    collect(surface, (node) => {
      if (typeof node.value === 'string' && node.value !== '') values.add(node.value);
      if (typeof node.private_metadata === 'string' && node.private_metadata !== '')
        metadata.add(node.private_metadata);
      const element = node.element;
      if (node.type === 'input' && typeof node.block_id === 'string' && isRecord(element)) {
        if (typeof element.action_id === 'string')
          inputs.set(`${node.block_id}/${element.action_id}`, [node.block_id, element.action_id]);
      }
    });
  }
  return {
    values: [...values],
    metadata: [...metadata],
    viewIds: [...viewIds],
    hashes: [...hashes],
    inputs: [...inputs.values()],
    forms,
  };
}

/** Every row in every table that mentions Bob or the other workspace, as JSON, by table. */
async function protectedRows(): Promise<Map<string, string[]>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
      and table_name not like 'kysely_%'`.execute(t.database.db);
  const result = new Map<string, string[]>();
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.database.db);
    result.set(
      name,
      rows.rows
        .map((row) => JSON.stringify(row))
        .filter(
          (json) => json.includes(BOB_ID) || json.includes(OTHER_TEAM_ID) || json.includes(OTHER_PREFIX),
        )
        .sort(),
    );
  }
  return result;
}

// ---- generators -----------------------------------------------------------------------------------

const users = [
  ALICE_ID,
  BOB_ID,
  KARI_ID,
  OTHER_BOT_ID,
  DEACTIVATED_ID,
  OTHER_USER_ID,
  'U0NOBODY1',
  'W0ENTERPR1',
];
const channels = [TEAM_CHANNEL_ID, RANDOM_CHANNEL_ID, SECRET_CHANNEL_ID, 'C0NOWHERE', 'G0PRIVATE1'];
const randomId = fc.stringMatching(/^[UCTWGSV][A-Z0-9]{8,10}$/);
const userId = fc.oneof(fc.constantFrom(...users), randomId);

const mention = fc.oneof(
  fc
    .tuple(userId, fc.option(fc.string({ maxLength: 12 }), { nil: undefined }))
    .map(([id, name]) => (name === undefined ? `<@${id}>` : `<@${id}|${name}>`)),
  fc.constantFrom(
    '<!channel>',
    '<!here>',
    '<!everyone>',
    '<!subteam^S0GROUP1|@devs>',
    '<!date^1700000000^{date}|x>',
  ),
  fc.constantFrom(...channels).map((id) => `<#${id}|team>`),
  fc.constant('@channel'),
);
const WORDS = [
  'help',
  'promise',
  'promises',
  'checkin',
  'habits',
  'habit',
  'pulse',
  'team',
  'setup',
  'settings',
  'managers',
  'add',
  'remove',
  'pause',
  'skip',
  'kept',
  'release',
  'by',
  'friday',
  'tomorrow',
  'next',
  'week',
  '3pm',
  '25:99',
  '2027-02-30',
  'innen',
  'fredag',
  'i',
  'morgen',
  '*bold*',
  '_it_',
  '`code`',
  '```',
  '>',
  '&lt;',
  '<',
  '>',
  '&',
  '\u0000',
  '\u202e',
  '😀',
  '👩‍👩‍👧‍👦',
  'ﷺ',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗',
];
const word = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: mention },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);
const huge = fc
  .tuple(
    fc.constantFrom('', 'promise <@U0BOB0001> ', 'team setup ', 'habits ', 'checkin '),
    fc.integer({ min: 3_900, max: 9_000 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
  )
  .map(([head, length, unit]) => `${head}${unit.repeat(Math.ceil(length / unit.length))}`.slice(0, length));
const trustText = fc.oneof(
  { weight: 6, arbitrary: fc.array(word, { maxLength: 12 }).map((ws) => ws.join(' ')) },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
);

/** A value for a button or menu: someone else's real one, a mangled one, a wrong type, or noise. */
function anyValue(): fc.Arbitrary<unknown> {
  const real = fc.constantFrom(...(harvested.values.length > 0 ? harvested.values : ['x']));
  return fc.oneof(
    { weight: 4, arbitrary: real },
    {
      weight: 2,
      arbitrary: fc
        .tuple(real, fc.constantFrom(...users, OTHER_TEAM_ID, '999999', '-1', '0', '1e309', 'null'), fc.nat())
        .map(([value, id, n]) => value.replace(/[A-Z][A-Z0-9]{7,}|\d+/, n % 2 === 0 ? id : String(n))),
    },
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3_100 }) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, 42, true, [], {}) },
  );
}

function metadataValue(): fc.Arbitrary<unknown> {
  const real = fc.constantFrom(...(harvested.metadata.length > 0 ? harvested.metadata : ['{}']));
  return fc.oneof(
    { weight: 3, arbitrary: real },
    {
      weight: 2,
      arbitrary: fc
        .tuple(real, fc.constantFrom(...users, OTHER_TEAM_ID, '999999'), fc.nat())
        .map(([value, id, n]) => value.replace(/[A-Z][A-Z0-9]{7,}|\d+/, n % 2 === 0 ? id : String(n))),
    },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3_000 }) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, 7, {}) },
  );
}

const blockId = () => fc.oneof(fc.constantFrom(...knownBlockIds()), fc.string({ maxLength: 20 }));

function knownBlockIds(): string[] {
  const ids = new Set<string>(harvested.inputs.map(([b]) => b));
  for (const [name, group] of Object.entries(slackIds)) {
    if (name.endsWith('BlockIds') && isRecord(group))
      for (const v of Object.values(group)) if (typeof v === 'string') ids.add(v);
  }
  return [...ids];
}

/** One input's state the way Slack reports it, with a random element type and content. */
function inputState(): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    fc.record({ type: fc.constant('plain_text_input'), value: anyValue() }),
    fc.record({
      type: fc.constantFrom('static_select', 'radio_buttons', 'external_select'),
      selected_option: fc.option(
        fc.record({ value: anyValue(), text: fc.constant({ type: 'plain_text', text: 'x' }) }),
        { nil: null },
      ),
    }),
    fc.record({
      type: fc.constant('datepicker'),
      selected_date: fc.oneof(
        fc.constantFrom('2027-03-05', '1900-01-01', '2027-02-30', '9999-12-31', ''),
        fc.string(),
        fc.constant(null),
      ),
    }),
    fc.record({
      type: fc.constant('timepicker'),
      selected_time: fc.oneof(fc.constantFrom('09:00', '24:00', '7:5', ''), fc.string(), fc.constant(null)),
    }),
    fc.record({
      type: fc.constantFrom('users_select', 'multi_users_select'),
      selected_user: userId,
      selected_users: fc.array(userId, { maxLength: 5 }),
    }),
    fc.record({
      type: fc.constantFrom('conversations_select', 'channels_select'),
      selected_conversation: fc.constantFrom(...channels),
      selected_channel: fc.constantFrom(...channels),
    }),
    fc.record({
      type: fc.constant('checkboxes'),
      selected_options: fc.array(fc.record({ value: anyValue() }), { maxLength: 4 }),
    }),
    fc.record({ type: fc.constant('number_input'), value: fc.oneof(fc.string(), fc.integer().map(String)) }),
    anyValue().map((v) => ({ type: 'weird', value: v })),
  );
}

/** `state.values`: mostly the app's real inputs, plus strangers. */
function stateValues(): fc.Arbitrary<Record<string, Record<string, unknown>>> {
  const real =
    harvested.inputs.length > 0
      ? fc.constantFrom(...harvested.inputs)
      : fc.constant(['b', 'a'] as [string, string]);
  const pair = fc.oneof(
    { weight: 4, arbitrary: real },
    { weight: 1, arbitrary: fc.tuple(blockId(), fc.string({ maxLength: 20 })) },
  );
  return fc.array(fc.tuple(pair, inputState()), { maxLength: 6 }).map((entries) => {
    const values: Record<string, Record<string, unknown>> = {};
    for (const [[b, a], state] of entries) values[b] = { ...values[b], [a]: state };
    return values;
  });
}

const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.array(word, { maxLength: 8 }).map((ws) => ws.join(' ')) },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n') },
);
const dateText = fc.oneof(
  fc
    .date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2027-02-30', '0000-00-00', ''),
);
const timeText = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 70 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  fc.constantFrom('', '9', '09:00:00', 'noon'),
);

/** A value of the input's own type, with hostile content: what a real but malicious client sends. */
function typedState(input: FormInput): fc.Arbitrary<Record<string, unknown>> {
  const option = fc.oneof(
    { weight: 3, arbitrary: input.options.length > 0 ? fc.constantFrom(...input.options) : hostileText },
    { weight: 1, arbitrary: hostileText },
  );
  const selectedOption = option.map((value) => ({ value, text: { type: 'plain_text', text: 'x' } }));
  switch (input.type) {
    case 'plain_text_input':
    case 'url_text_input':
    case 'email_text_input':
    case 'rich_text_input':
      return hostileText.map((value) => ({ type: input.type, value }));
    case 'number_input':
      return fc
        .oneof(fc.integer({ min: -1_000, max: 1_000_000 }).map(String), fc.double().map(String), hostileText)
        .map((value) => ({ type: input.type, value }));
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return fc
        .option(selectedOption, { nil: null })
        .map((selected_option) => ({ type: input.type, selected_option }));
    case 'checkboxes':
    case 'multi_static_select':
      return fc
        .array(selectedOption, { maxLength: 4 })
        .map((selected_options) => ({ type: input.type, selected_options }));
    case 'datepicker':
      return fc.option(dateText, { nil: null }).map((selected_date) => ({ type: input.type, selected_date }));
    case 'timepicker':
      return fc.option(timeText, { nil: null }).map((selected_time) => ({ type: input.type, selected_time }));
    case 'users_select':
      return fc.option(userId, { nil: null }).map((selected_user) => ({ type: input.type, selected_user }));
    case 'multi_users_select':
      return fc
        .array(userId, { maxLength: 6 })
        .map((selected_users) => ({ type: input.type, selected_users }));
    case 'conversations_select':
    case 'channels_select':
      return fc
        .option(fc.constantFrom(...channels), { nil: null })
        .map((c) => ({ type: input.type, selected_conversation: c, selected_channel: c }));
    default:
      return inputState();
  }
}

/** The modal's own inputs, each of its own type (mostly); random state for modals never seen. */
function formState(callbackId: string): fc.Arbitrary<Record<string, Record<string, unknown>>> {
  const form = harvested.forms.get(callbackId);
  if (form === undefined) return stateValues();
  const typed = fc
    .tuple(...form.map((input) => fc.tuple(fc.constant(input), typedState(input), fc.nat(9))))
    .map((entries) => {
      const values: Record<string, Record<string, unknown>> = {};
      // Now and then an input is missing, as in a forged payload.
      for (const [input, state, n] of entries)
        if (n > 0) values[input.blockId] = { ...values[input.blockId], [input.actionId]: state };
      return values;
    });
  return fc.oneof({ weight: 4, arbitrary: typed }, { weight: 1, arbitrary: stateValues() });
}

// ---- sending ----------------------------------------------------------------------------------------

function team(teamId: string) {
  return { team: { id: teamId, domain: DEMO_TEAM_DOMAIN }, enterprise: null, is_enterprise_install: false };
}

async function send(payload: unknown) {
  const response = await t.driver.raw({
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  });
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  return response;
}

function leakIn(text: string): RegExp | undefined {
  return LEAKS.find((pattern) => pattern.test(text));
}

/** Every text an answer shows; it must say something and leak nothing. */
function textsOf(node: unknown): string[] {
  const texts: string[] = [];
  collect(node, (record) => {
    if (typeof record.text === 'string') texts.push(record.text);
  });
  return texts;
}

describe('bad input, property-based', () => {
  it('never answers 5xx, never crashes, touches nobody else’s rows, and every answer is clean text', async () => {
    const started = performance.now();

    await fc.assert(
      fc.asyncProperty(
        trustText,
        fc.constantFrom(...channels.slice(0, 3), 'D0KARIDM1'),
        async (text, channelId) => {
          cases.commands += 1;
          const response = await t.driver.command({ teamId: DEMO_TEAM_ID, userId: ACTOR, channelId, text });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect(response.status).toBeLessThan(500);
          if (response.json !== undefined) {
            const texts = textsOf(response.json).join('\n');
            expect(texts.trim(), `ack for /trust ${text.slice(0, 200)}`).not.toBe('');
            expect(leakIn(texts), texts.slice(0, 500)).toBeUndefined();
          }
        },
      ),
      { numRuns: RUNS.commands, seed: 1, endOnFailure: true },
    );

    const actionIds = t.app.slack.listeners.actions;
    expect(actionIds.length).toBeGreaterThan(5);
    const action = fc.record({
      actionId: fc.constantFrom(...actionIds),
      elementType: fc.constantFrom(
        'button',
        'static_select',
        'overflow',
        'datepicker',
        'radio_buttons',
        'users_select',
        'checkboxes',
      ),
      blockId: blockId(),
      value: anyValue(),
      selected: fc.option(anyValue(), { nil: undefined }),
      date: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
      fromView: fc.boolean(),
      callbackId: fc.constantFrom(...t.app.slack.listeners.views),
      viewId: fc.oneof(
        fc.constantFrom(...(harvested.viewIds.length > 0 ? harvested.viewIds : ['V0NONE'])),
        randomId,
      ),
      hash: fc.oneof(
        fc.constantFrom(...(harvested.hashes.length > 0 ? harvested.hashes : ['1.x'])),
        fc.string({ maxLength: 20 }),
      ),
      metadata: metadataValue(),
      state: stateValues(),
      userTeam: fc.constantFrom(DEMO_TEAM_ID, OTHER_TEAM_ID),
      messageTs: fc.constantFrom('1700000000.000100', '0', 'x'),
      channelId: fc.constantFrom(...channels, 'D0KARIDM1'),
    });
    await fc.assert(
      fc.asyncProperty(action, async (a) => {
        cases.actions += 1;
        const payload = clickPayload(ACTOR, a.actionId, a.blockId, a.value, a.fromView ? 'view' : 'message', {
          userTeam: a.userTeam,
          elementType: a.elementType,
          selected: a.selected,
          ...(a.date === undefined ? {} : { date: a.date }),
          channelId: a.channelId,
          messageTs: a.messageTs,
          state: a.state,
          view: {
            id: a.viewId,
            team_id: DEMO_TEAM_ID,
            type: 'modal',
            callback_id: a.callbackId,
            private_metadata: a.metadata,
            hash: a.hash,
            state: { values: a.state },
            blocks: [],
            app_id: DEMO_APP_ID,
            bot_id: DEMO_BOT_ID,
          },
        });
        const response = await send(payload);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: RUNS.actions, seed: 2, endOnFailure: true },
    );

    const callbackIds = t.app.slack.listeners.views;
    expect(callbackIds.length).toBeGreaterThan(3);
    const submission = fc.constantFrom(...callbackIds).chain((callbackId) =>
      fc.record({
        callbackId: fc.constant(callbackId),
        state: formState(callbackId),
        viewId: fc.oneof(
          fc.constantFrom(...(harvested.viewIds.length > 0 ? harvested.viewIds : ['V0NONE'])),
          randomId,
        ),
        hash: fc.oneof(
          fc.constantFrom(...(harvested.hashes.length > 0 ? harvested.hashes : ['1.x'])),
          fc.string({ maxLength: 20 }),
        ),
        metadata: metadataValue(),
        userTeam: fc.constantFrom(DEMO_TEAM_ID, OTHER_TEAM_ID),
      }),
    );
    await fc.assert(
      fc.asyncProperty(submission, async (s) => {
        cases.views += 1;
        const response = await send({
          type: 'view_submission',
          ...team(DEMO_TEAM_ID),
          user: { id: ACTOR, username: 'kari', name: 'kari', team_id: s.userTeam },
          api_app_id: DEMO_APP_ID,
          token: LEGACY_TOKEN,
          trigger_id: t.emulator.issueTriggerId(DEMO_TEAM_ID, ACTOR),
          view: {
            id: s.viewId,
            team_id: DEMO_TEAM_ID,
            type: 'modal',
            callback_id: s.callbackId,
            private_metadata: s.metadata,
            state: { values: s.state },
            hash: s.hash,
            blocks: [],
            root_view_id: s.viewId,
            previous_view_id: null,
            app_id: DEMO_APP_ID,
            bot_id: DEMO_BOT_ID,
          },
          response_urls: [],
        });
        expect(response.status).toBeLessThan(500);
        const answer = response.json;
        const kind = `${s.callbackId}:${isRecord(answer) ? String(answer.response_action) : 'close'}`;
        submissionAnswers.set(kind, (submissionAnswers.get(kind) ?? 0) + 1);
        if (isRecord(answer) && isRecord(answer.view)) {
          const texts = textsOf(answer.view).join('\n');
          expect(texts.trim()).not.toBe('');
          expect(leakIn(texts), texts.slice(0, 500)).toBeUndefined();
        }
        if (isRecord(answer) && answer.response_action === 'errors') {
          const errors = isRecord(answer.errors) ? Object.values(answer.errors) : [];
          expect(errors.length, JSON.stringify(answer)).toBeGreaterThan(0);
          for (const error of errors) {
            modalErrors.push(String(error));
            expect(typeof error === 'string' && error.trim() !== '', JSON.stringify(answer)).toBe(true);
            expect(leakIn(String(error)), String(error)).toBeUndefined();
          }
        }
      }),
      { numRuns: RUNS.views, seed: 3, endOnFailure: true },
    );

    // Every registered shortcut (and one nobody listens to), as a message or global shortcut, on
    // hostile messages: mentions, entities, links, huge or empty text, odd thread and channel ids.
    const shortcutIds = t.app.slack.listeners.shortcuts;
    expect(shortcutIds.length).toBeGreaterThan(2);
    const messageText = fc.oneof(
      hostileText,
      fc
        .array(
          fc.oneof(
            word,
            fc.constantFrom(
              `<@${BOB_ID}>`,
              '<@U0NOBODY1>',
              '<#C0TEAMCH1|x>',
              '<!here>',
              '&amp;lt;',
              'by friday',
            ),
            randomId.map((id) => `<@${id}|${id}>`),
          ),
          { maxLength: 12 },
        )
        .map((ws) => ws.join(' ')),
    );
    const shortcutCase = fc.record({
      callbackId: fc.constantFrom(...shortcutIds, 'unknown_shortcut'),
      kind: fc.constantFrom('message_action', 'shortcut'),
      text: fc.option(messageText, { nil: undefined }),
      author: fc.option(fc.oneof(fc.constantFrom(ACTOR, BOB_ID, ALICE_ID), randomId), { nil: undefined }),
      parent: fc.option(fc.oneof(fc.constantFrom(ACTOR, BOB_ID), randomId), { nil: undefined }),
      ts: fc.constantFrom('1700000000.000100', '0', 'x', ''),
      threadTs: fc.option(fc.constantFrom('1700000000.000050', '1700000000.000100', 'y'), { nil: undefined }),
      channelId: fc.constantFrom(...channels, 'D0KARIDM1', 'D0STRANGER'),
      domain: fc.constantFrom(DEMO_TEAM_DOMAIN, 'evil.com/x', ''),
      userTeam: fc.constantFrom(DEMO_TEAM_ID, OTHER_TEAM_ID),
    });
    await fc.assert(
      fc.asyncProperty(shortcutCase, async (c) => {
        cases.shortcuts += 1;
        const common = {
          type: c.kind,
          token: LEGACY_TOKEN,
          action_ts: '1700000000.000300',
          team: { id: DEMO_TEAM_ID, domain: c.domain },
          enterprise: null,
          is_enterprise_install: false,
          user: { id: ACTOR, name: 'kari', username: 'kari', team_id: c.userTeam },
          callback_id: c.callbackId,
          trigger_id: t.emulator.issueTriggerId(DEMO_TEAM_ID, ACTOR),
        };
        const payload =
          c.kind === 'shortcut'
            ? common
            : {
                ...common,
                channel: { id: c.channelId, name: 'x' },
                message_ts: c.ts,
                response_url: t.emulator.createResponseUrl('actions', DEMO_TEAM_ID),
                message: {
                  type: 'message',
                  ts: c.ts,
                  ...(c.text === undefined ? {} : { text: c.text }),
                  ...(c.author === undefined ? {} : { user: c.author }),
                  ...(c.threadTs === undefined ? {} : { thread_ts: c.threadTs }),
                  ...(c.parent === undefined ? {} : { parent_user_id: c.parent }),
                },
              };
        const response = await send(payload);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: RUNS.shortcuts, seed: 4, endOnFailure: true },
    );

    await settle();
    const total = cases.commands + cases.actions + cases.views + cases.shortcuts;
    const seconds = (performance.now() - started) / 1000;

    // Every answer anybody was shown: non-empty, no leaked internals.
    const shown = [
      ...t.emulator.responses().map((r) => ({ source: 'response_url', body: r.body })),
      ...t.emulator
        .calls()
        .filter((c) => SHOWN.includes(c.method))
        .map((c) => ({ source: c.method, body: c.params })),
    ];
    const bad = shown.filter(({ body }) => {
      const texts = textsOf(body).join('\n');
      return texts.trim() === '' || leakIn(texts) !== undefined;
    });
    const slackRefused = t.emulator.issues('error');
    console.info(
      `fuzz: ${total} cases (${cases.commands} /trust texts, ${cases.actions} clicks on ${actionIds.length} actions, ${cases.views} submissions of ${callbackIds.length} modals, ${cases.shortcuts} runs of ${shortcutIds.length} shortcuts) in ${seconds.toFixed(1)} s; HTTP ${JSON.stringify(Object.fromEntries(statuses))}; ${shown.length} answers shown, ${modalErrors.length} modal field errors (answers ${JSON.stringify(Object.fromEntries(submissionAnswers))}); ${slackRefused.length} calls Slack refused; ${errorLogs.length} error logs`,
    );
    expect(bad.map((b) => `${b.source}: ${JSON.stringify(b.body).slice(0, 400)}`)).toEqual([]);
    expect(slackRefused.map((i) => `${i.source}: ${i.messages.join('; ')}`).slice(0, 10)).toEqual([]);
    expect(crashes).toEqual([]);
    expect(errorLogs.slice(0, 5)).toEqual([]);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);

    // Nobody else's data moved: Bob's rows and the other workspace's rows exactly as before, and no
    // new row in the other workspace.
    const after = await protectedRows();
    for (const [table, before] of protectedBefore) {
      const now = after.get(table) ?? [];
      expect(
        before.filter((row) => !now.includes(row)),
        `${table}: changed or deleted`,
      ).toEqual([]);
      const added = now.filter((row) => !before.includes(row));
      expect(
        added.filter((row) => row.includes(OTHER_TEAM_ID) || row.includes(OTHER_PREFIX)),
        `${table}: new rows in the other workspace`,
      ).toEqual([]);
      expect(
        added.filter((row) => ownedBy(row, BOB_ID)),
        `${table}: new rows of Bob's`,
      ).toEqual([]);
    }
    expect([...protectedBefore.values()].flat().length).toBeGreaterThan(5);
  }, 900_000);
});

/** Whether a row (JSON) belongs to a person: their id in an owning column. */
function ownedBy(json: string, userId: string): boolean {
  const row = JSON.parse(json) as Record<string, unknown>;
  return ['user_id', 'slack_user_id', 'owner_id', 'created_by', 'actor_id'].some(
    (column) => row[column] === userId,
  );
}
