import { describe, expect, it } from 'vitest';
import {
  type BlockKitReport,
  LIMITS,
  validateMessage,
  validateView,
  viewByteSize,
} from '../../support/slack-emulator/block-kit.ts';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const x = (n: number) => 'x'.repeat(n);
const button = (actionId: string, extra: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: actionId,
  text: plain('Kept'),
  ...extra,
});
const option = (i: number, text = `Option ${i}`, value = `v${i}`) => ({ text: plain(text), value });
const options = (n: number) => Array.from({ length: n }, (_, i) => option(i));
const modal = (extra: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: plain('Promise'),
  submit: plain('Save'),
  blocks: [],
  ...extra,
});
const message = (...blocks: unknown[]) => validateMessage({ text: 'fallback', blocks });
const input = (element: unknown, label = 'Label') => ({
  type: 'input',
  block_id: 'in',
  label: plain(label),
  element,
});

interface LimitCase {
  name: string;
  limit: number;
  check: (n: number) => BlockKitReport;
  pointer: string;
}

/** Each limit from PLATFORM.md §4: exactly at the limit passes, one over fails at `pointer`. */
const cases: LimitCase[] = [
  {
    name: 'message blocks',
    limit: LIMITS.messageBlocks,
    check: (n) => message(...Array.from({ length: n }, () => ({ type: 'divider' }))),
    pointer: '/blocks',
  },
  {
    name: 'modal blocks',
    limit: LIMITS.viewBlocks,
    check: (n) => validateView(modal({ blocks: Array.from({ length: n }, () => ({ type: 'divider' })) })),
    pointer: '/blocks',
  },
  {
    name: 'home blocks',
    limit: LIMITS.viewBlocks,
    check: (n) =>
      validateView({ type: 'home', blocks: Array.from({ length: n }, () => ({ type: 'divider' })) }),
    pointer: '/blocks',
  },
  {
    name: 'section text',
    limit: 3000,
    check: (n) => message({ type: 'section', text: mrkdwn(x(n)) }),
    pointer: '/blocks/0/text/text',
  },
  {
    name: 'section field count',
    limit: 10,
    check: (n) => message({ type: 'section', fields: Array.from({ length: n }, () => mrkdwn('f')) }),
    pointer: '/blocks/0/fields',
  },
  {
    name: 'section field length',
    limit: 2000,
    check: (n) => message({ type: 'section', fields: [mrkdwn(x(n))] }),
    pointer: '/blocks/0/fields/0/text',
  },
  {
    name: 'header text',
    limit: 150,
    check: (n) => message({ type: 'header', text: plain(x(n)) }),
    pointer: '/blocks/0/text/text',
  },
  {
    name: 'context elements',
    limit: 10,
    check: (n) => message({ type: 'context', elements: Array.from({ length: n }, () => mrkdwn('c')) }),
    pointer: '/blocks/0/elements',
  },
  {
    name: 'actions elements',
    limit: 25,
    check: (n) =>
      message({ type: 'actions', elements: Array.from({ length: n }, (_, i) => button(`b${i}`)) }),
    pointer: '/blocks/0/elements',
  },
  {
    name: 'button text',
    limit: 75,
    check: (n) => message({ type: 'actions', elements: [{ ...button('b'), text: plain(x(n)) }] }),
    pointer: '/blocks/0/elements/0/text/text',
  },
  {
    name: 'button value',
    limit: 2000,
    check: (n) => message({ type: 'actions', elements: [button('b', { value: x(n) })] }),
    pointer: '/blocks/0/elements/0/value',
  },
  {
    name: 'action_id',
    limit: 255,
    check: (n) => message({ type: 'actions', elements: [button(x(n))] }),
    pointer: '/blocks/0/elements/0/action_id',
  },
  {
    name: 'block_id',
    limit: 255,
    check: (n) => message({ type: 'divider', block_id: x(n) }),
    pointer: '/blocks/0/block_id',
  },
  {
    name: 'option text',
    limit: 75,
    check: (n) =>
      message({
        type: 'actions',
        elements: [{ type: 'static_select', action_id: 's', options: [option(0, x(n))] }],
      }),
    pointer: '/blocks/0/elements/0/options/0/text/text',
  },
  {
    name: 'option value',
    limit: 150,
    check: (n) =>
      message({
        type: 'actions',
        elements: [{ type: 'static_select', action_id: 's', options: [option(0, 'o', x(n))] }],
      }),
    pointer: '/blocks/0/elements/0/options/0/value',
  },
  {
    name: 'radio options',
    limit: 10,
    check: (n) =>
      validateView(
        modal({ blocks: [input({ type: 'radio_buttons', action_id: 'r', options: options(n) })] }),
      ),
    pointer: '/blocks/0/element/options',
  },
  {
    name: 'checkbox options',
    limit: 10,
    check: (n) =>
      validateView(modal({ blocks: [input({ type: 'checkboxes', action_id: 'c', options: options(n) })] })),
    pointer: '/blocks/0/element/options',
  },
  {
    name: 'static_select options',
    limit: 100,
    check: (n) =>
      validateView(
        modal({ blocks: [input({ type: 'static_select', action_id: 's', options: options(n) })] }),
      ),
    pointer: '/blocks/0/element/options',
  },
  {
    name: 'input label',
    limit: 2000,
    check: (n) =>
      validateView(modal({ blocks: [input({ type: 'plain_text_input', action_id: 'p' }, x(n))] })),
    pointer: '/blocks/0/label/text',
  },
  {
    name: 'modal title',
    limit: 24,
    check: (n) => validateView(modal({ title: plain(x(n)) })),
    pointer: '/title/text',
  },
  {
    name: 'modal submit',
    limit: 24,
    check: (n) => validateView(modal({ submit: plain(x(n)) })),
    pointer: '/submit/text',
  },
  {
    name: 'modal close',
    limit: 24,
    check: (n) => validateView(modal({ close: plain(x(n)) })),
    pointer: '/close/text',
  },
  {
    name: 'private_metadata',
    limit: 3000,
    check: (n) => validateView(modal({ private_metadata: x(n) })),
    pointer: '/private_metadata',
  },
  {
    name: 'callback_id',
    limit: 255,
    check: (n) => validateView(modal({ callback_id: x(n) })),
    pointer: '/callback_id',
  },
];

describe('Block Kit limits', () => {
  it.each(cases)('$name: $limit passes, one more fails', ({ limit, check, pointer }) => {
    expect(check(limit)).toEqual({ errors: [], warnings: [] });
    const over = check(limit + 1);
    expect(over.error).toMatch(/^invalid_(blocks|arguments)$/);
    expect(over.errors.some((e) => e.endsWith(`[json-pointer:${pointer}]`))).toBe(true);
  });

  it('uses invalid_blocks for messages and invalid_arguments for views, with Slack-style messages', () => {
    expect(message({ type: 'section', text: mrkdwn(x(3001)) })).toEqual({
      error: 'invalid_blocks',
      errors: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
      warnings: [],
    });
    expect(validateView(modal({ callback_id: x(256) })).error).toBe('invalid_arguments');
  });

  it('rejects empty text objects', () => {
    expect(message({ type: 'section', text: mrkdwn('') }).errors).toEqual([
      '[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]',
    ]);
  });

  it('rejects unknown block and element types', () => {
    expect(message({ type: 'carousel' }).errors).toEqual([
      '[ERROR] unsupported block type: carousel [json-pointer:/blocks/0/type]',
    ]);
    expect(message({ type: 'toString' }).error).toBe('invalid_blocks');
    expect(
      message({ type: 'actions', elements: [{ type: 'image', image_url: 'https://x', alt_text: 'a' }] })
        .error,
    ).toBe('invalid_blocks');
  });

  it('requires unique block_ids per message and action_ids per block', () => {
    expect(message({ type: 'divider', block_id: 'a' }, { type: 'divider', block_id: 'a' }).errors).toEqual([
      '[ERROR] duplicate block_id: a [json-pointer:/blocks/1/block_id]',
    ]);
    expect(message({ type: 'actions', elements: [button('same'), button('same')] }).errors).toEqual([
      '[ERROR] duplicate action_id: same [json-pointer:/blocks/0/elements/1/action_id]',
    ]);
    expect(
      message(
        { type: 'actions', block_id: 'a', elements: [button('k')] },
        { type: 'actions', block_id: 'b', elements: [button('k')] },
      ),
    ).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it('requires header text to be plain_text', () => {
    expect(message({ type: 'header', text: mrkdwn('Hi') }).errors).toEqual([
      '[ERROR] must be plain_text [json-pointer:/blocks/0/text/type]',
    ]);
  });

  it('requires alt_text and image_url or slack_file on images', () => {
    expect(message({ type: 'image', image_url: 'https://x/chart.png', alt_text: 'Trend' }).errors).toEqual(
      [],
    );
    expect(message({ type: 'image', slack_file: { id: 'F123' }, alt_text: 'Trend' }).errors).toEqual([]);
    expect(message({ type: 'image', image_url: 'https://x/chart.png' }).errors).toEqual([
      '[ERROR] missing required field [json-pointer:/blocks/0/alt_text]',
    ]);
    expect(message({ type: 'image', alt_text: 'Trend' }).errors).toEqual([
      '[ERROR] must provide image_url or slack_file [json-pointer:/blocks/0]',
    ]);
  });

  it('requires submit on modals with inputs', () => {
    const blocks = [input({ type: 'plain_text_input', action_id: 'p' })];
    expect(validateView(modal({ blocks, submit: undefined })).errors).toEqual([
      '[ERROR] must provide submit when blocks contain an input [json-pointer:/submit]',
    ]);
    expect(validateView(modal({ blocks })).errors).toEqual([]);
  });

  it('checks the expected view type', () => {
    expect(validateView(modal(), 'home').errors).toEqual(['[ERROR] must be home [json-pointer:/type]']);
  });

  it('limits a whole view to 250 kB (view_too_large)', () => {
    /** A valid modal of exactly `bytes`: full sections, topped up through private_metadata (≤ 3000). */
    const sized = (bytes: number) => {
      const section = { type: 'section', text: mrkdwn(x(2900)) };
      const base = viewByteSize(modal({ private_metadata: '' }));
      const count = Math.floor((bytes - base + 1) / (viewByteSize(section) + 1));
      const blocks = Array.from({ length: count }, () => section);
      return modal({
        blocks,
        private_metadata: x(bytes - viewByteSize(modal({ blocks, private_metadata: '' }))),
      });
    };
    const atLimit = sized(LIMITS.viewBytes);
    expect(viewByteSize(atLimit)).toBe(LIMITS.viewBytes);
    expect(validateView(atLimit)).toEqual({ errors: [], warnings: [] });
    expect(validateView(sized(LIMITS.viewBytes + 1)).error).toBe('view_too_large');
  });

  it('warns above 4,000 characters of top-level text and refuses above 40,000', () => {
    expect(validateMessage({ text: x(4000) })).toEqual({ errors: [], warnings: [] });
    expect(validateMessage({ text: x(4001) }).warnings).toHaveLength(1);
    expect(validateMessage({ text: x(40_000) }).error).toBeUndefined();
    expect(validateMessage({ text: x(40_001) }).error).toBe('msg_too_long');
  });
});
