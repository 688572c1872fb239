/**
 * `view.state.values` as Slack builds it (PLATFORM.md §2.3): one entry per stateful element of each
 * input block, keyed `[block_id][action_id]`, starting from the element's initial value.
 */
import { isRecord } from './block-kit.ts';
import { randomHex } from './ids.ts';
import type { Json, ViewState } from './types.ts';

/** The state field each element type reports and the initial_* field that seeds it. */
const STATE_FIELDS: Record<string, { field: string; initial: string; empty: unknown }> = {
  plain_text_input: { field: 'value', initial: 'initial_value', empty: null },
  email_text_input: { field: 'value', initial: 'initial_value', empty: null },
  url_text_input: { field: 'value', initial: 'initial_value', empty: null },
  number_input: { field: 'value', initial: 'initial_value', empty: null },
  static_select: { field: 'selected_option', initial: 'initial_option', empty: null },
  external_select: { field: 'selected_option', initial: 'initial_option', empty: null },
  radio_buttons: { field: 'selected_option', initial: 'initial_option', empty: null },
  checkboxes: { field: 'selected_options', initial: 'initial_options', empty: [] },
  multi_static_select: { field: 'selected_options', initial: 'initial_options', empty: [] },
  multi_external_select: { field: 'selected_options', initial: 'initial_options', empty: [] },
  users_select: { field: 'selected_user', initial: 'initial_user', empty: null },
  multi_users_select: { field: 'selected_users', initial: 'initial_users', empty: [] },
  conversations_select: { field: 'selected_conversation', initial: 'initial_conversation', empty: null },
  multi_conversations_select: {
    field: 'selected_conversations',
    initial: 'initial_conversations',
    empty: [],
  },
  channels_select: { field: 'selected_channel', initial: 'initial_channel', empty: null },
  multi_channels_select: { field: 'selected_channels', initial: 'initial_channels', empty: [] },
  datepicker: { field: 'selected_date', initial: 'initial_date', empty: null },
  timepicker: { field: 'selected_time', initial: 'initial_time', empty: null },
  datetimepicker: { field: 'selected_date_time', initial: 'initial_date_time', empty: null },
};

function elementsOf(block: Json): unknown[] {
  if (block.type === 'input') return [block.element];
  if (block.type === 'actions' && Array.isArray(block.elements)) return block.elements;
  if (block.type === 'section') return [block.accessory];
  return [];
}

/** Slack gives blocks and elements without ids random ones; state and payloads rely on them. */
export function withGeneratedIds(blocks: unknown): unknown[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.map((block) => {
    if (!isRecord(block)) return block;
    const copy: Json = { ...block, block_id: block.block_id ?? randomHex(3) };
    const withActionId = (el: unknown): unknown =>
      isRecord(el) && el.type !== 'image' && el.action_id === undefined
        ? { ...el, action_id: randomHex(3) }
        : el;
    if (isRecord(copy.element)) copy.element = withActionId(copy.element);
    if (isRecord(copy.accessory)) copy.accessory = withActionId(copy.accessory);
    if (Array.isArray(copy.elements) && copy.type === 'actions')
      copy.elements = copy.elements.map(withActionId);
    return copy;
  });
}

function initialEntry(element: Json): Json | undefined {
  const type = typeof element.type === 'string' ? element.type : '';
  const spec = Object.hasOwn(STATE_FIELDS, type) ? STATE_FIELDS[type] : undefined;
  if (spec === undefined) return undefined;
  const entry: Json = { type, [spec.field]: element[spec.initial] ?? spec.empty };
  if (type === 'timepicker' && typeof element.timezone === 'string') entry.timezone = element.timezone;
  return entry;
}

/** Initial state of the input blocks of a view. */
export function initialState(blocks: unknown): ViewState {
  const values: ViewState['values'] = {};
  if (!Array.isArray(blocks)) return { values };
  for (const block of blocks) {
    if (!isRecord(block) || block.type !== 'input' || typeof block.block_id !== 'string') continue;
    const element = block.element;
    if (!isRecord(element) || typeof element.action_id !== 'string') continue;
    const entry = initialEntry(element);
    if (entry !== undefined) values[block.block_id] = { [element.action_id]: entry };
  }
  return { values };
}

/** After views.update Slack keeps what the user typed where block_id+action_id+type are unchanged. */
export function carryOverState(previous: ViewState, fresh: ViewState): ViewState {
  const values: ViewState['values'] = {};
  for (const [blockId, actions] of Object.entries(fresh.values)) {
    const merged: Record<string, unknown> = {};
    for (const [actionId, entry] of Object.entries(actions)) {
      const old = previous.values[blockId]?.[actionId];
      const sameType = isRecord(old) && isRecord(entry) && old.type === entry.type;
      merged[actionId] = sameType ? old : entry;
    }
    values[blockId] = merged;
  }
  return { values };
}

/** Finds an interactive element by block_id/action_id in a list of blocks. */
export function findElement(blocks: unknown, blockId: string, actionId: string): Json | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks) {
    if (!isRecord(block) || block.block_id !== blockId) continue;
    const found = elementsOf(block).find((el) => isRecord(el) && el.action_id === actionId);
    if (isRecord(found)) return found;
  }
  return undefined;
}
