import { describe, expect, it } from 'vitest';
import { displayMrkdwn, renderBlocks, renderView } from '../../support/slack-emulator/render.ts';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });

describe('renderBlocks', () => {
  it('renders a reminder DM the way a person reads it', () => {
    const blocks = [
      { type: 'header', text: plain('Promise due') },
      {
        type: 'section',
        text: mrkdwn('*Alice* promised <@U0BOB0001|bob> to send &lt;the report&gt; &amp; slides'),
      },
      { type: 'section', fields: [mrkdwn('*Due*\nFri 15:00'), mrkdwn('*Kind*\nWork')] },
      { type: 'context', elements: [mrkdwn('Weekly check-in'), plain('#team-rocket')] },
      { type: 'divider' },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'kept', text: plain('Kept') },
          { type: 'static_select', action_id: 'snooze', placeholder: plain('Snooze'), options: [] },
        ],
      },
    ];
    expect(renderBlocks(blocks, 'fallback')).toBe(
      [
        'PROMISE DUE',
        '===========',
        '*Alice* promised @bob to send <the report> & slides',
        '*Due*                           *Kind*',
        'Fri 15:00                       Work',
        '‹ Weekly check-in · #team-rocket ›',
        '─'.repeat(60),
        '[ Kept ]  [ Snooze ▾ ]',
      ].join('\n'),
    );
  });

  it('falls back to text when there are no blocks', () => {
    expect(renderBlocks([], 'Hello &lt;world&gt;')).toBe('Hello <world>');
    expect(renderBlocks(undefined, 'plain')).toBe('plain');
  });

  it('shows links, channels, dates and broadcasts by their labels', () => {
    expect(
      displayMrkdwn(
        '<https://x.y/p|docs> <#C0TEAMCH1|team-rocket> <!date^1700000000^{date_short}|Nov 14> <!here>',
      ),
    ).toBe('docs (https://x.y/p) #team-rocket Nov 14 @here');
  });
});

describe('renderView', () => {
  it('renders a modal with inputs showing their current state', () => {
    const view = {
      type: 'modal',
      title: plain('New promise'),
      submit: plain('Save'),
      blocks: [
        {
          type: 'input',
          block_id: 'what',
          label: plain('What'),
          element: { type: 'plain_text_input', action_id: 'w' },
        },
        {
          type: 'input',
          block_id: 'kind',
          label: plain('Kind'),
          optional: true,
          element: {
            type: 'radio_buttons',
            action_id: 'k',
            options: [
              { text: plain('Work'), value: 'work' },
              { text: plain('Home'), value: 'home' },
            ],
          },
        },
        {
          type: 'input',
          block_id: 'due',
          label: plain('Due'),
          element: { type: 'datepicker', action_id: 'd' },
        },
      ],
      state: {
        values: {
          what: { w: { type: 'plain_text_input', value: 'Send report' } },
          kind: { k: { type: 'radio_buttons', selected_option: { text: plain('Home'), value: 'home' } } },
          due: { d: { type: 'datepicker', selected_date: '2026-03-06' } },
        },
      },
    };
    expect(renderView(view)).toBe(
      [
        `┌ New promise ${'─'.repeat(46)}`,
        '│ What: [Send report_____]',
        '│ Kind (optional): ( ) Work  (•) Home',
        '│ Due: [ 2026-03-06 ▾ ]',
        `└ [ Cancel ]  [ Save ] ${'─'.repeat(37)}`,
      ].join('\n'),
    );
  });

  it('renders a Home tab', () => {
    expect(renderView({ type: 'home', blocks: [{ type: 'section', text: mrkdwn('Your promises') }] })).toBe(
      ['🏠 Home', '═'.repeat(60), 'Your promises'].join('\n'),
    );
  });
});
