/**
 * Plain-text rendering of Block Kit for terminals (`npm run demo`, test failure output): roughly what
 * a person would see in Slack, not a faithful layout.
 */
import { isRecord } from './block-kit.ts';
import type { Json } from './types.ts';

const WIDTH = 60;
const COLUMN = 30;

/** Slack escapes only &, < and > (PLATFORM.md §4.4); links and mentions are shown by their label. */
export function displayMrkdwn(text: string): string {
  return text
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<!(here|channel|everyone)>/g, '@$1')
    .replace(/<!subteam\^([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) => `@${label ?? id}`)
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) => `@${label ?? id}`)
    .replace(
      /<#([CG][A-Z0-9]+)\|?([^>]*)>/g,
      (_m, id: string, label: string) => `#${label === '' ? id : label}`,
    )
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return displayMrkdwn(value);
  if (isRecord(value) && typeof value.text === 'string') return displayMrkdwn(value.text);
  return '';
}

function optionsOf(element: Json): Json[] {
  return Array.isArray(element.options) ? element.options.filter(isRecord) : [];
}

/** One control in Slack's look: `[ Kept ]`, `[ Pick one ▾ ]`, `(•) Work  ( ) Home`, `[x] Notify`. */
function renderElement(element: unknown, state?: Json): string {
  if (!isRecord(element)) return '';
  const type = typeof element.type === 'string' ? element.type : '';
  const chosen = (key: string): unknown => state?.[key] ?? element[key.replace('selected_', 'initial_')];
  switch (type) {
    case 'button':
      return `[ ${textOf(element.text)} ]`;
    case 'overflow':
      return '[ … ]';
    case 'image':
      return `[image: ${textOf(element.alt_text)}]`;
    case 'radio_buttons': {
      const picked = chosen('selected_option');
      const value = isRecord(picked) ? picked.value : undefined;
      return optionsOf(element)
        .map((o) => `(${o.value === value ? '•' : ' '}) ${textOf(o.text)}`)
        .join('  ');
    }
    case 'checkboxes': {
      const picked = chosen('selected_options');
      const values = Array.isArray(picked) ? picked.filter(isRecord).map((o) => o.value) : [];
      return optionsOf(element)
        .map((o) => `[${values.includes(o.value) ? 'x' : ' '}] ${textOf(o.text)}`)
        .join('  ');
    }
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input': {
      const value = chosen('value');
      const shown = typeof value === 'string' && value !== '' ? value : textOf(element.placeholder);
      return `[${shown.padEnd(element.multiline === true ? 40 : 16, '_')}]`;
    }
    default:
      return `[ ${selectLabel(element, chosen) || type} ▾ ]`;
  }
}

/** What a select or picker shows: the current choice, else the placeholder. */
function selectLabel(element: Json, chosen: (key: string) => unknown): string {
  const option = chosen('selected_option');
  if (isRecord(option)) return textOf(option.text);
  for (const key of [
    'selected_date',
    'selected_time',
    'selected_user',
    'selected_conversation',
    'selected_channel',
  ]) {
    const value = chosen(key);
    if (typeof value === 'string' && value !== '') return key === 'selected_user' ? `@${value}` : value;
  }
  return textOf(element.placeholder);
}

/** Rich text (as Slack clients send it) flattened to its words, mentions and links. */
function richText(node: unknown): string {
  if (Array.isArray(node)) return node.map(richText).join('');
  if (!isRecord(node)) return '';
  if (typeof node.text === 'string') return node.text;
  if (node.type === 'user') return `@${String(node.user_id)}`;
  if (node.type === 'channel') return `#${String(node.channel_id)}`;
  if (node.type === 'link') return String(node.url);
  if (node.type === 'emoji') return `:${String(node.name)}:`;
  return richText(node.elements);
}

/** Section fields side by side, two per row; multi-line fields keep their lines aligned. */
function twoColumns(fields: unknown[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < fields.length; i += 2) {
    const left = textOf(fields[i]).split('\n');
    const right = i + 1 < fields.length ? textOf(fields[i + 1]).split('\n') : [];
    for (let row = 0; row < Math.max(left.length, right.length); row += 1) {
      lines.push(`${(left[row] ?? '').padEnd(COLUMN)}  ${right[row] ?? ''}`.trimEnd());
    }
  }
  return lines;
}

function stateFor(values: Json | undefined, block: Json, element: unknown): Json | undefined {
  if (values === undefined || !isRecord(element) || typeof block.block_id !== 'string') return undefined;
  const entry = values[block.block_id];
  const actionId = element.action_id;
  return isRecord(entry) && typeof actionId === 'string' && isRecord(entry[actionId])
    ? entry[actionId]
    : undefined;
}

function renderBlock(block: Json, values: Json | undefined): string[] {
  switch (block.type) {
    case 'header': {
      const title = textOf(block.text).toUpperCase();
      return [title, '='.repeat(Math.min(WIDTH, Math.max(title.length, 3)))];
    }
    case 'divider':
      return ['─'.repeat(WIDTH)];
    case 'section': {
      const lines = [textOf(block.text), ...twoColumns(Array.isArray(block.fields) ? block.fields : [])];
      if (block.accessory !== undefined)
        lines.push(`  → ${renderElement(block.accessory, stateFor(values, block, block.accessory))}`);
      return lines.filter((l) => l !== '');
    }
    case 'context': {
      const parts = (Array.isArray(block.elements) ? block.elements : []).map((el) =>
        isRecord(el) && el.type === 'image' ? `[${textOf(el.alt_text)}]` : textOf(el),
      );
      return [`‹ ${parts.join(' · ')} ›`];
    }
    case 'actions':
      return [
        (Array.isArray(block.elements) ? block.elements : [])
          .map((el) => renderElement(el, stateFor(values, block, el)))
          .join('  '),
      ];
    case 'input': {
      const optional = block.optional === true ? ' (optional)' : '';
      const lines = [
        `${textOf(block.label)}${optional}: ${renderElement(block.element, stateFor(values, block, block.element))}`,
      ];
      if (block.hint !== undefined) lines.push(`  ${textOf(block.hint)}`);
      return lines;
    }
    case 'image':
      return [`[image: ${textOf(block.alt_text)}]`];
    case 'rich_text':
      return (Array.isArray(block.elements) ? block.elements : []).map(richText);
    default:
      return [`[unsupported block: ${String(block.type)}]`];
  }
}

function renderBlockList(blocks: unknown, values?: Json): string[] {
  return (Array.isArray(blocks) ? blocks : []).filter(isRecord).flatMap((b) => renderBlock(b, values));
}

/** A message: its blocks, or the `text` fallback when there are none. */
export function renderBlocks(blocks: unknown, text?: string): string {
  const lines = renderBlockList(blocks);
  if (lines.length === 0 && text !== undefined) return displayMrkdwn(text);
  return lines.join('\n');
}

/** A modal (title bar, inputs showing their current state, Close/Submit) or a Home tab. */
export function renderView(view: unknown): string {
  if (!isRecord(view)) return '';
  const values = isRecord(view.state) && isRecord(view.state.values) ? view.state.values : undefined;
  const body = renderBlockList(view.blocks, values);
  if (view.type === 'home') return ['🏠 Home', '═'.repeat(WIDTH), ...body].join('\n');
  const buttons = [view.close ?? { text: 'Cancel' }, view.submit].filter(
    (b) => b !== undefined && b !== null,
  );
  return [
    `┌ ${textOf(view.title)} `.padEnd(WIDTH, '─'),
    ...body.map((line) => `│ ${line}`),
    `└ ${buttons.map((b) => `[ ${textOf(b)} ]`).join('  ')} `.padEnd(WIDTH, '─'),
  ].join('\n');
}
