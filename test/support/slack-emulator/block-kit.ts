/**
 * Pure Block Kit validator with the limits of PLATFORM.md §4. It answers the way Slack does:
 * an error code plus `[ERROR] <what> [json-pointer:/path]` lines for response_metadata.messages.
 */

export type Surface = 'message' | 'modal' | 'home';

export interface BlockKitReport {
  /** Slack error code to answer with, when the payload must be rejected. */
  error?: 'invalid_blocks' | 'msg_too_long' | 'invalid_arguments' | 'view_too_large';
  errors: string[];
  warnings: string[];
}

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  text: 3000,
  sectionFields: 10,
  sectionField: 2000,
  header: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  actionId: 255,
  blockId: 255,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  choiceOptions: 10,
  selectOptions: 100,
  overflowOptions: 5,
  placeholder: 150,
  label: 2000,
  hint: 2000,
  altText: 2000,
  imageTitle: 2000,
  viewTitle: 24,
  privateMetadata: 3000,
  callbackId: 255,
  viewBytes: 250_000,
  messageTextWarn: 4000,
  messageTextMax: 40_000,
  inputLength: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-property lookup, so a `type` such as "toString" cannot reach Object.prototype. */
function lookup<T>(table: Record<string, T>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Collects error lines while walking one payload. */
class Checker {
  readonly errors: string[] = [];

  fail(pointer: string, message: string): void {
    this.errors.push(`[ERROR] ${message} [json-pointer:${pointer}]`);
  }

  /** Optional string field with a maximum length; `required` turns absence into an error. */
  string(parent: Json, key: string, pointer: string, max: number, required = false): string | undefined {
    const value = parent[key];
    const at = `${pointer}/${key}`;
    if (value === undefined) {
      if (required) this.fail(at, 'missing required field');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.fail(at, 'must be a string');
      return undefined;
    }
    if (value.length > max) this.fail(at, `must be less than ${max + 1} characters`);
    return value;
  }

  /** Text object (`plain_text`/`mrkdwn`), 1..min(max, 3000) characters. */
  text(value: unknown, pointer: string, max: number = LIMITS.text, plainOnly = false): void {
    if (!isRecord(value)) {
      this.fail(pointer, 'must provide an object');
      return;
    }
    const type = value.type;
    if (type !== 'plain_text' && (plainOnly || type !== 'mrkdwn')) {
      this.fail(`${pointer}/type`, plainOnly ? 'must be plain_text' : 'must be plain_text or mrkdwn');
    }
    if (type === 'mrkdwn' && value.emoji !== undefined)
      this.fail(`${pointer}/emoji`, 'only allowed for plain_text');
    if (type === 'plain_text' && value.verbatim !== undefined)
      this.fail(`${pointer}/verbatim`, 'only allowed for mrkdwn');
    const text = this.string(value, 'text', pointer, Math.min(max, LIMITS.text), true);
    if (text === '') this.fail(`${pointer}/text`, 'must be more than 0 characters');
  }

  optionalText(parent: Json, key: string, pointer: string, max: number, plainOnly = false): void {
    if (parent[key] !== undefined) this.text(parent[key], `${pointer}/${key}`, max, plainOnly);
  }

  /** Array field with 1..max items; returns the items for further checks. */
  array(parent: Json, key: string, pointer: string, max: number, required = true): unknown[] {
    const value = parent[key];
    const at = `${pointer}/${key}`;
    if (value === undefined && !required) return [];
    if (!Array.isArray(value)) {
      this.fail(at, 'must provide an array');
      return [];
    }
    if (value.length === 0) this.fail(at, 'must provide at least 1 item');
    if (value.length > max) this.fail(at, `no more than ${max} items allowed`);
    return value;
  }
}

// ---- composition objects ----------------------------------------------------------------------

function checkOption(c: Checker, option: unknown, pointer: string, plainOnly: boolean): void {
  if (!isRecord(option)) {
    c.fail(pointer, 'must provide an object');
    return;
  }
  c.text(option.text, `${pointer}/text`, LIMITS.optionText, plainOnly);
  c.string(option, 'value', pointer, LIMITS.optionValue, true);
  c.optionalText(option, 'description', pointer, LIMITS.optionDescription, plainOnly);
}

function checkOptions(c: Checker, el: Json, pointer: string, max: number, plainOnly: boolean): void {
  c.array(el, 'options', pointer, max).forEach((o, i) =>
    checkOption(c, o, `${pointer}/options/${i}`, plainOnly),
  );
}

function checkConfirm(c: Checker, el: Json, pointer: string): void {
  const confirm = el.confirm;
  if (confirm === undefined) return;
  const at = `${pointer}/confirm`;
  if (!isRecord(confirm)) {
    c.fail(at, 'must provide an object');
    return;
  }
  c.text(confirm.title, `${at}/title`, LIMITS.confirmTitle, true);
  c.text(confirm.text, `${at}/text`, LIMITS.confirmText);
  c.text(confirm.confirm, `${at}/confirm`, LIMITS.confirmButton, true);
  c.text(confirm.deny, `${at}/deny`, LIMITS.confirmButton, true);
}

// ---- elements ---------------------------------------------------------------------------------

type ElementCheck = (c: Checker, el: Json, pointer: string) => void;

const placeholderOnly: ElementCheck = (c, el, p) =>
  c.optionalText(el, 'placeholder', p, LIMITS.placeholder, true);

const checkStaticSelect: ElementCheck = (c, el, p) => {
  placeholderOnly(c, el, p);
  if (el.option_groups !== undefined) {
    c.array(el, 'option_groups', p, LIMITS.selectOptions).forEach((group, g) => {
      const gp = `${p}/option_groups/${g}`;
      if (!isRecord(group)) return c.fail(gp, 'must provide an object');
      c.text(group.label, `${gp}/label`, LIMITS.optionText, true);
      checkOptions(c, group, gp, LIMITS.selectOptions, true);
    });
  } else {
    checkOptions(c, el, p, LIMITS.selectOptions, true);
  }
};

const checkPattern =
  (key: string, pattern: RegExp, description: string): ElementCheck =>
  (c, el, p) => {
    placeholderOnly(c, el, p);
    const value = el[key];
    if (value !== undefined && (typeof value !== 'string' || !pattern.test(value))) {
      c.fail(`${p}/${key}`, `must be ${description}`);
    }
  };

function checkLength(c: Checker, el: Json, key: string, pointer: string, min: number): void {
  const value = el[key];
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > LIMITS.inputLength) {
    c.fail(`${pointer}/${key}`, `must be an integer between ${min} and ${LIMITS.inputLength}`);
  }
}

function checkImageSource(c: Checker, el: Json, pointer: string): void {
  c.string(el, 'alt_text', pointer, LIMITS.altText, true);
  const hasUrl = c.string(el, 'image_url', pointer, LIMITS.url) !== undefined;
  if (!hasUrl && !isRecord(el.slack_file)) c.fail(pointer, 'must provide image_url or slack_file');
  if (hasUrl && el.slack_file !== undefined)
    c.fail(pointer, 'must provide only one of image_url and slack_file');
  // A Slack file object names the file by exactly one of its id or its url.
  if (isRecord(el.slack_file)) {
    const file = el.slack_file;
    const ids = ['id', 'url'].filter((k) => typeof file[k] === 'string' && file[k] !== '');
    if (ids.length !== 1) c.fail(`${pointer}/slack_file`, 'must have exactly one of id or url');
  }
}

const ELEMENTS: Record<string, ElementCheck> = {
  button: (c, el, p) => {
    c.text(el.text, `${p}/text`, LIMITS.buttonText, true);
    c.string(el, 'value', p, LIMITS.buttonValue);
    c.string(el, 'url', p, LIMITS.url);
    c.string(el, 'accessibility_label', p, LIMITS.buttonText);
    if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
      c.fail(`${p}/style`, 'must be primary or danger');
    }
    checkConfirm(c, el, p);
  },
  static_select: checkStaticSelect,
  multi_static_select: checkStaticSelect,
  external_select: placeholderOnly,
  multi_external_select: placeholderOnly,
  users_select: placeholderOnly,
  multi_users_select: placeholderOnly,
  conversations_select: placeholderOnly,
  multi_conversations_select: placeholderOnly,
  channels_select: placeholderOnly,
  multi_channels_select: placeholderOnly,
  overflow: (c, el, p) => checkOptions(c, el, p, LIMITS.overflowOptions, true),
  radio_buttons: (c, el, p) => checkOptions(c, el, p, LIMITS.choiceOptions, false),
  checkboxes: (c, el, p) => checkOptions(c, el, p, LIMITS.choiceOptions, false),
  datepicker: checkPattern('initial_date', /^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  timepicker: checkPattern('initial_time', /^\d{2}:\d{2}$/, 'HH:mm'),
  datetimepicker: (c, el, p) => {
    const value = el.initial_date_time;
    if (
      value !== undefined &&
      !(typeof value === 'number' && Number.isInteger(value) && /^\d{10}$/.test(`${value}`))
    ) {
      c.fail(`${p}/initial_date_time`, 'must be Unix seconds (10 digits)');
    }
  },
  plain_text_input: (c, el, p) => {
    placeholderOnly(c, el, p);
    checkLength(c, el, 'min_length', p, 0);
    checkLength(c, el, 'max_length', p, 1);
  },
  email_text_input: placeholderOnly,
  url_text_input: placeholderOnly,
  number_input: placeholderOnly,
  image: checkImageSource,
};

const SELECTS = [
  'static_select',
  'multi_static_select',
  'external_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
];
const PICKERS = ['checkboxes', 'radio_buttons', 'datepicker', 'timepicker'];
const ACCESSORY_TYPES = new Set(['button', 'overflow', 'image', ...SELECTS, ...PICKERS]);
const ACTIONS_TYPES = new Set([
  'button',
  'overflow',
  'datetimepicker',
  'plain_text_input',
  ...SELECTS,
  ...PICKERS,
]);
const INPUT_TYPES = new Set([
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'datetimepicker',
  ...SELECTS,
  ...PICKERS,
]);

function checkElement(
  c: Checker,
  el: unknown,
  pointer: string,
  allowed: ReadonlySet<string>,
  actionIds: Set<string>,
): void {
  if (!isRecord(el)) return c.fail(pointer, 'must provide an object');
  const check = lookup(ELEMENTS, el.type);
  if (check === undefined || !allowed.has(String(el.type))) {
    return c.fail(`${pointer}/type`, `unsupported element type: ${String(el.type)}`);
  }
  check(c, el, pointer);
  const actionId = c.string(el, 'action_id', pointer, LIMITS.actionId);
  if (actionId === undefined) return;
  if (actionIds.has(actionId)) c.fail(`${pointer}/action_id`, `duplicate action_id: ${actionId}`);
  actionIds.add(actionId);
}

// ---- blocks -----------------------------------------------------------------------------------

type BlockCheck = (c: Checker, block: Json, pointer: string) => void;

const BLOCKS: Record<string, BlockCheck> = {
  section: (c, b, p) => {
    if (b.text === undefined && b.fields === undefined) c.fail(p, 'must provide text or fields');
    c.optionalText(b, 'text', p, LIMITS.text);
    c.array(b, 'fields', p, LIMITS.sectionFields, false).forEach((f, i) =>
      c.text(f, `${p}/fields/${i}`, LIMITS.sectionField),
    );
    if (b.accessory !== undefined) checkElement(c, b.accessory, `${p}/accessory`, ACCESSORY_TYPES, new Set());
  },
  divider: () => {},
  header: (c, b, p) => c.text(b.text, `${p}/text`, LIMITS.header, true),
  context: (c, b, p) => {
    c.array(b, 'elements', p, LIMITS.contextElements).forEach((el, i) => {
      const at = `${p}/elements/${i}`;
      if (isRecord(el) && el.type === 'image') checkImageSource(c, el, at);
      else c.text(el, at);
    });
  },
  actions: (c, b, p) => {
    const ids = new Set<string>();
    c.array(b, 'elements', p, LIMITS.actionsElements).forEach((el, i) =>
      checkElement(c, el, `${p}/elements/${i}`, ACTIONS_TYPES, ids),
    );
  },
  input: (c, b, p) => {
    c.text(b.label, `${p}/label`, LIMITS.label, true);
    c.optionalText(b, 'hint', p, LIMITS.hint, true);
    checkElement(c, b.element, `${p}/element`, INPUT_TYPES, new Set());
  },
  image: (c, b, p) => {
    checkImageSource(c, b, p);
    c.optionalText(b, 'title', p, LIMITS.imageTitle, true);
  },
  // Rich text is produced by Slack clients; the app only echoes it back, so only the shape is checked.
  rich_text: (c, b, p) => void c.array(b, 'elements', p, Number.POSITIVE_INFINITY),
};

function checkBlocks(c: Checker, blocks: unknown, max: number): void {
  if (!Array.isArray(blocks)) return c.fail('/blocks', 'must provide an array');
  if (blocks.length > max) c.fail('/blocks', `no more than ${max} items allowed`);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const pointer = `/blocks/${i}`;
    if (!isRecord(block)) return c.fail(pointer, 'must provide an object');
    const check = lookup(BLOCKS, block.type);
    if (check === undefined)
      return c.fail(`${pointer}/type`, `unsupported block type: ${String(block.type)}`);
    const blockId = c.string(block, 'block_id', pointer, LIMITS.blockId);
    if (blockId !== undefined) {
      if (blockIds.has(blockId)) c.fail(`${pointer}/block_id`, `duplicate block_id: ${blockId}`);
      blockIds.add(blockId);
    }
    check(c, block, pointer);
  });
}

// ---- surfaces ---------------------------------------------------------------------------------

/** Message payloads (chat.*, response_url): blocks plus the top-level `text` fallback. */
export function validateMessage(message: { text?: unknown; blocks?: unknown }): BlockKitReport {
  const c = new Checker();
  const warnings: string[] = [];
  const text = message.text;
  if (typeof text === 'string' && text.length > LIMITS.messageTextMax) {
    c.fail('/text', `must be less than ${LIMITS.messageTextMax + 1} characters`);
    return { error: 'msg_too_long', errors: c.errors, warnings };
  }
  if (typeof text === 'string' && text.length > LIMITS.messageTextWarn) {
    warnings.push(`[WARN] text is longer than ${LIMITS.messageTextWarn} characters [json-pointer:/text]`);
  }
  if (message.blocks !== undefined) checkBlocks(c, message.blocks, LIMITS.messageBlocks);
  return c.errors.length > 0
    ? { error: 'invalid_blocks', errors: c.errors, warnings }
    : { errors: [], warnings };
}

export function viewByteSize(view: unknown): number {
  return Buffer.byteLength(JSON.stringify(view) ?? '', 'utf8');
}

function checkModalChrome(c: Checker, view: Json): void {
  if (view.title === undefined) c.fail('/title', 'missing required field');
  else c.text(view.title, '/title', LIMITS.viewTitle, true);
  c.optionalText(view, 'submit', '', LIMITS.viewTitle, true);
  c.optionalText(view, 'close', '', LIMITS.viewTitle, true);
  const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isRecord(b) && b.type === 'input');
  if (hasInput && view.submit === undefined)
    c.fail('/submit', 'must provide submit when blocks contain an input');
}

/** Modal and Home tab views (views.open/update/push/publish, response_action views). */
export function validateView(view: unknown, expected?: 'modal' | 'home'): BlockKitReport {
  const c = new Checker();
  if (!isRecord(view)) {
    c.fail('/', 'must provide an object');
    return { error: 'invalid_arguments', errors: c.errors, warnings: [] };
  }
  if (viewByteSize(view) > LIMITS.viewBytes) {
    c.fail('/', `must be less than ${LIMITS.viewBytes + 1} bytes`);
    return { error: 'view_too_large', errors: c.errors, warnings: [] };
  }
  if (view.type !== 'modal' && view.type !== 'home') c.fail('/type', 'must be modal or home');
  else if (expected !== undefined && view.type !== expected) c.fail('/type', `must be ${expected}`);
  if (view.type === 'modal') checkModalChrome(c, view);
  c.string(view, 'private_metadata', '', LIMITS.privateMetadata);
  c.string(view, 'callback_id', '', LIMITS.callbackId);
  c.string(view, 'external_id', '', LIMITS.callbackId);
  checkBlocks(c, view.blocks, LIMITS.viewBlocks);
  return c.errors.length > 0
    ? { error: 'invalid_arguments', errors: c.errors, warnings: [] }
    : { errors: [], warnings: [] };
}
