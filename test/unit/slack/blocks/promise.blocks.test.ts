import { describe, expect, it } from 'vitest';
import type { TrustPromise } from '../../../../src/domain/promises/promise.ts';
import type { ActionError } from '../../../../src/domain/promises/promise.service.ts';
import type { Audience } from '../../../../src/i18n/format-date.ts';
import { promiseActionIds, promiseBlockIds } from '../../../../src/slack/ids.ts';
import {
  buildActionDone,
  buildCreatedDone,
  buildCreatePromiseModal,
  buildDoneModal,
  buildKeptNotice,
  buildMadeNotice,
  buildNewDateModal,
  buildPromiseCheckinSection,
  buildPromiseConfirmation,
  buildPromiseFieldErrors,
  buildPromiseHomeSection,
  buildPromiseList,
  buildPromiseProblemMessage,
  buildPromiseRefusal,
  buildReleaseModal,
  buildReleasedNotice,
  buildRenegotiatedNotice,
  buildReminderMessage,
  encodePromiseRef,
  promiseRefValue,
} from '../../../../src/slack/blocks/promise.blocks.ts';
import { validateMessage, validateView } from '../../../support/slack-emulator/block-kit.ts';

const now = new Date('2026-11-23T10:00:00Z');
const english: Audience = { language: 'en', timeZone: 'Europe/Oslo', now };
const norwegian: Audience = { language: 'nb', timeZone: 'Europe/Oslo', now };

const hostile = 'ping <!channel> <!here> and <@U0EVIL0001> *now* _x_ \u202Egnp.exe `code` > quote';

function aPromise(overrides: Partial<TrustPromise> = {}): TrustPromise {
  return {
    id: '3f2a9c1e-0000-4000-8000-000000000001',
    workspaceId: 'T1',
    ownerId: 'U0OWNER01',
    recipientId: 'U0RECIP01',
    text: hostile,
    dueAt: new Date('2026-11-27T14:00:00Z'),
    state: 'open',
    createdAt: now,
    keptAt: null,
    keptBy: null,
    releasedAt: null,
    releaseNote: `sorry ${hostile}`,
    dueChanges: [],
    ...overrides,
  };
}

const change = {
  from: new Date('2026-11-27T14:00:00Z'),
  to: new Date('2026-12-04T14:00:00Z'),
  at: now,
  note: `later <!everyone> ${hostile}`,
};

function messagesFor(a: Audience) {
  const promise = aPromise();
  const kept = aPromise({ state: 'kept', keptAt: now, keptBy: 'recipient' });
  return {
    confirmation: buildPromiseConfirmation(a, promise, false),
    made: buildMadeNotice(a, promise),
    renegotiated: buildRenegotiatedNotice(a, promise, change),
    released: buildReleasedNotice(a, promise),
    kept: buildKeptNotice(a, kept),
    midpoint: buildReminderMessage(a, promise, 'midpoint'),
    dayBefore: buildReminderMessage(a, promise, 'day_before'),
    due: buildReminderMessage(a, promise, 'due'),
    overdue: buildReminderMessage(a, promise, 'overdue'),
    list: buildPromiseList(a, {
      made: [promise],
      received: [aPromise({ id: '3f2a9c1e-0000-4000-8000-000000000002', ownerId: 'U0OTHER01' })],
      keepRate: null,
    }),
    problem: buildPromiseProblemMessage(a, { code: 'unparseable_due', dueText: hostile }),
    keptDone: buildActionDone(a, kept, 'kept'),
    renegotiatedDone: buildActionDone(a, promise, 'renegotiated'),
    releasedDone: buildActionDone(a, promise, 'released'),
    createdDone: buildCreatedDone(a, promise),
    checkinSection: {
      text: 'check-in',
      blocks: buildPromiseCheckinSection(a, { made: [promise], received: [other] }),
    },
  };
}

const other = aPromise({ id: '3f2a9c1e-0000-4000-8000-000000000003', ownerId: 'U0OTHER01' });

function viewsFor(a: Audience) {
  return {
    create: buildCreatePromiseModal(a),
    newDate: buildNewDateModal(a, aPromise()),
    release: buildReleaseModal(a, aPromise()),
    done: buildDoneModal(a, buildActionDone(a, aPromise(), 'renegotiated')),
  };
}

/** No ping or mention can come from user text: only our own `<@owner>`-style mentions survive. */
function expectNoPings(output: unknown): void {
  const json = JSON.stringify(output);
  expect(json).not.toMatch(/<!/);
  expect(json).not.toContain('<@U0EVIL0001');
  expect(json).not.toContain('\u202E');
}

describe.each([
  ['English', english],
  ['Norwegian', norwegian],
])('promise views in %s', (_name, audience) => {
  it.each(Object.entries(messagesFor(audience)))(
    'keeps the %s message within Slack limits',
    (_kind, message) => {
      expect(validateMessage(message)).toEqual({ errors: [], warnings: [] });
    },
  );

  it.each(Object.entries(messagesFor(audience)))(
    'renders user text in the %s message without pings',
    (_kind, message) => {
      expect(message.text).not.toBe('');
      expectNoPings(message);
    },
  );

  it.each(Object.entries(viewsFor(audience)))(
    'keeps the %s modal within Slack limits and without pings',
    (_kind, view) => {
      expect(validateView(view, 'modal')).toEqual({ errors: [], warnings: [] });
      expectNoPings(view);
    },
  );
});

describe('promise buttons', () => {
  it('carry the promise id as compact JSON that parses back', () => {
    const { blocks } = buildReminderMessage(english, aPromise(), 'due');
    const actions = blocks.find((b) => b.type === 'actions');
    const buttons = actions?.type === 'actions' ? actions.elements : [];
    expect(buttons.map((b) => ('action_id' in b ? b.action_id : undefined))).toEqual([
      promiseActionIds.kept,
      promiseActionIds.newDate,
      promiseActionIds.release,
    ]);
    for (const button of buttons) {
      const value = 'value' in button ? button.value : undefined;
      expect(promiseRefValue.parse(value)).toEqual({ p: aPromise().id });
    }
  });

  it.each(['not json', '{"p":""}', '{"p":"x","extra":1}', '[]'])('rejects the forged value %j', (value) => {
    expect(promiseRefValue.safeParse(value).success).toBe(false);
  });

  it('lets the modals carry the promise in private_metadata', () => {
    expect(buildNewDateModal(english, aPromise()).private_metadata).toBe(encodePromiseRef(aPromise().id));
  });
});

describe('the promise list', () => {
  it('caps a long list at 50 blocks and says how many more there are', () => {
    const made = Array.from({ length: 40 }, (_, i) => aPromise({ id: `m${i}` }));
    const received = Array.from({ length: 30 }, (_, i) => aPromise({ id: `r${i}`, ownerId: 'U0OTHER01' }));
    const message = buildPromiseList(english, { made, received, keepRate: null });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(validateMessage(message).errors).toEqual([]);
    const shown = message.blocks.filter((b) => b.type === 'actions').length;
    expect(JSON.stringify(message.blocks.at(-1))).toContain(`and ${70 - shown} more`);
  });

  it('shows an example when there is nothing to list', () => {
    const json = JSON.stringify(buildPromiseList(english, { made: [], received: [], keepRate: null }));
    expect(json).toContain('You have no open promises');
    expect(json).toContain('/trust promise @kari');
  });

  it('shows my keep rate and marks overdue promises', () => {
    const overdue = aPromise({ dueAt: new Date('2026-11-22T10:00:00Z') });
    const json = JSON.stringify(
      buildPromiseList(english, {
        made: [overdue],
        received: [],
        keepRate: { keptOnTime: 7, cameDue: 8, rate: 0.875 },
      }),
    );
    expect(json).toContain('7 of 8');
    expect(json).toContain('88%');
    expect(json).toContain('overdue');
  });
});

describe('promise views in Norwegian', () => {
  it('shows the due time in Norwegian, in the reader’s zone', () => {
    const { text } = buildMadeNotice(norwegian, aPromise());
    expect(text).toContain('har lovet deg');
    expect(text).toContain('fre. 27. nov., 15:00');
    const tokyo = buildMadeNotice({ ...english, timeZone: 'Asia/Tokyo' }, aPromise());
    expect(tokyo.text).toContain('Fri 27 Nov, 23:00');
  });

  it('adds the year to a date in another year', () => {
    const { text } = buildMadeNotice(english, aPromise({ dueAt: new Date('2027-01-08T16:00:00Z') }));
    expect(text).toContain('Fri 8 Jan 2027, 17:00');
  });

  it('confirms to the owner in their language, saying the time was chosen for them', () => {
    const json = JSON.stringify(buildPromiseConfirmation(norwegian, aPromise(), false));
    expect(json).toContain('Du har lovet');
    expect(json).toContain('(Europe/Oslo)');
    expect(json).toContain('17:00');
    expect(JSON.stringify(buildPromiseConfirmation(norwegian, aPromise(), true))).not.toContain(
      'valgte 17:00',
    );
  });

  it('labels the buttons in Norwegian', () => {
    const json = JSON.stringify(buildReminderMessage(norwegian, aPromise(), 'overdue'));
    expect(json).toContain('"Holdt"');
    expect(json).toContain('"Ny frist"');
    expect(json).toContain('"Trekk tilbake"');
  });
});

describe('promises in the check-in and on the App Home', () => {
  const many = (n: number, owner = 'U0OWNER01') =>
    Array.from({ length: n }, (_, i) => aPromise({ id: `p${owner}${i}`, ownerId: owner }));

  it('says when nothing is due this week', () => {
    expect(JSON.stringify(buildPromiseCheckinSection(english, { made: [], received: [] }))).toContain(
      'No promises are due this week',
    );
  });

  it('caps the check-in section so the check-in stays within 50 blocks, pointing to the full list', () => {
    const blocks = buildPromiseCheckinSection(english, { made: many(20), received: many(20, 'U0OTHER01') });
    expect(blocks.length).toBeLessThanOrEqual(20);
    expect(JSON.stringify(blocks.at(-1))).toContain('and 30 more');
    expect(JSON.stringify(blocks.at(-1))).toContain('/trust promises');
  });

  it('shows the first promises of each kind on the App Home, pointing to the full list', () => {
    const blocks = buildPromiseHomeSection(english, {
      made: many(30),
      received: many(30, 'U0OTHER01'),
      keepRate: null,
    });
    expect(blocks.length).toBeLessThanOrEqual(36);
    expect(JSON.stringify(blocks.at(-1))).toContain('and 40 more');
    expect(JSON.stringify(blocks.at(-1))).toContain('/trust promises');
    expect(validateView({ type: 'home', blocks }, 'home')).toEqual({ errors: [], warnings: [] });
  });
});

describe('promise problems', () => {
  it('says what was wrong, shows the form and, for dates, examples', () => {
    const { text } = buildPromiseProblemMessage(english, { code: 'due_in_past' });
    expect(text).toContain('already passed');
    // Slack would read a bare <what> as a link, so the brackets are escaped.
    expect(text).toContain('/trust promise @person &lt;what&gt; by &lt;when&gt;');
    expect(text).toContain('friday 3pm');
    expect(buildPromiseProblemMessage(norwegian, { code: 'no_recipient' }).text).toContain(
      'innen &lt;når&gt;',
    );
  });

  it('has a polite refusal for every action error in both languages', () => {
    const errors: ActionError[] = [
      'not_found',
      'not_owner',
      'not_owner_or_recipient',
      'already_kept',
      'already_released',
      'conflict',
      'due_in_past',
      'due_too_far',
      'due_unchanged',
      'note_too_long',
    ];
    for (const audience of [english, norwegian]) {
      for (const error of errors)
        expect(buildPromiseRefusal(audience, error).text.length).toBeGreaterThan(10);
    }
  });

  it('puts each modal problem under its field', () => {
    expect(buildPromiseFieldErrors(english, ['self_promise', 'text_too_long', 'due_too_far'])).toEqual({
      [promiseBlockIds.recipient]: expect.stringContaining('yourself'),
      [promiseBlockIds.text]: expect.stringContaining('300'),
      [promiseBlockIds.dueDate]: expect.stringContaining('year'),
    });
  });
});
