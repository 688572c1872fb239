import { describe, expect, it } from 'vitest';
import type { TrustPromise } from '../../../../src/domain/promises/promise.ts';
import type { Audience } from '../../../../src/i18n/format-date.ts';
import {
  button,
  context,
  header,
  messageOf,
  mrkdwnText,
  plainText,
  section,
} from '../../../../src/slack/blocks/block-kit.ts';
import { escapeMrkdwn } from '../../../../src/slack/blocks/mrkdwn.ts';
import {
  buildCreatePromiseModal,
  buildDueChoiceQuestion,
  buildPromiseList,
  buildReleaseModal,
} from '../../../../src/slack/blocks/promise.blocks.ts';

// Bidi overrides and isolates, zero-width characters, C0/C1 controls (newline and tab excepted).
const invisible =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
// What escapeMrkdwn may leave: it inserts zero-width spaces itself to break styling markers.
const invisibleButOwnEscapes =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200C-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

const spoof = 'Bob\u202Egnp.exe\u200B\u2066x\u0007\uFEFF';
const now = new Date('2026-11-23T10:00:00Z');
const english: Audience = { language: 'en', timeZone: 'Europe/Oslo', now };

function aPromise(text: string): TrustPromise {
  return {
    id: '3f2a9c1e-0000-4000-8000-000000000001',
    workspaceId: 'T1',
    ownerId: 'U0OWNER01',
    recipientId: 'U0RECIP01',
    text,
    dueAt: new Date('2026-11-27T14:00:00Z'),
    state: 'open',
    createdAt: now,
    keptAt: null,
    keptBy: null,
    releasedAt: null,
    releaseNote: null,
    dueChanges: [],
  };
}

/** Every text object in a payload, by type. */
function texts(payload: unknown): { plain: string[]; mrkdwn: string[] } {
  const found = { plain: [] as string[], mrkdwn: [] as string[] };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.text === 'string' && o.type === 'plain_text') found.plain.push(o.text);
    if (typeof o.text === 'string' && o.type === 'mrkdwn') found.mrkdwn.push(o.text);
    if (typeof o.initial_value === 'string') found.plain.push(o.initial_value);
    Object.values(o).forEach(walk);
  };
  walk(payload);
  return found;
}

describe('block helpers', () => {
  it('strip invisible and control characters from every plain_text, keeping newlines', () => {
    expect(plainText(`${spoof}\nnext`)).toEqual({
      type: 'plain_text',
      text: 'Bobgnp.exex\nnext',
      emoji: true,
    });
    expect(header(spoof).text.text).not.toMatch(invisible);
    expect(button(spoof, 'a').text.text).not.toMatch(invisible);
  });

  it('leave mrkdwn as the caller escaped it, so the escape’s own zero-width spaces survive', () => {
    const escaped = escapeMrkdwn('*bold*');
    expect(escaped).toContain('\u200B');
    expect(section(escaped).text?.text).toBe(escaped);
    expect(context(escaped).elements).toEqual([mrkdwnText(escaped)]);
  });

  it('put a block id and a button value and style only when given', () => {
    expect(section('x')).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'x' } });
    expect(section('x', 'b1').block_id).toBe('b1');
    expect(button('Go', 'go')).toEqual({ type: 'button', text: plainText('Go'), action_id: 'go' });
    expect(button('Go', 'go', 'v', 'danger')).toMatchObject({ value: 'v', style: 'danger' });
  });

  it('take a message’s notification text from its first header or section', () => {
    expect(messageOf([context('small'), header('Title'), section('body')]).text).toBe('Title');
    expect(messageOf([context('small')]).text).toBe('');
  });
});

describe('user text in built surfaces', () => {
  const surfaces = {
    'create modal': buildCreatePromiseModal(english, { text: spoof }),
    'release modal': buildReleaseModal(english, aPromise(spoof)),
    'promise list': buildPromiseList(english, {
      made: [aPromise(spoof)],
      received: [aPromise(spoof)],
      keepRate: null,
    }),
    'due-date question': buildDueChoiceQuestion(english, {
      choiceId: 'q1',
      recipientId: 'U0RECIP01',
      text: spoof,
      candidates: [],
    }),
  };

  for (const [name, surface] of Object.entries(surfaces)) {
    it(`carries no invisible character in the ${name}`, () => {
      const { plain, mrkdwn } = texts(surface);
      expect(plain.length + mrkdwn.length).toBeGreaterThan(0);
      for (const text of plain) expect(text).not.toMatch(invisible);
      for (const text of mrkdwn) expect(text).not.toMatch(invisibleButOwnEscapes);
    });
  }
});
