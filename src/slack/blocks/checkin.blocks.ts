import type { KnownBlock, ModalView } from '@slack/types';
import type { Messages } from '../../i18n/en.ts';
import { checkinActionIds, checkinBlockIds, checkinCallbackIds } from '../ids.ts';
import { button, context, divider, header, plainText, type SlackMessage, section } from './block-kit.ts';

/** Button values carry the week so a stale message cannot act on another week. */
export function encodeWeek(week: string): string {
  return JSON.stringify({ w: week });
}

/**
 * The weekly check-in DM: greeting, then each feature's sections in order (promises due,
 * habits, pulse), then the person's controls over the schedule.
 */
export function buildCheckinMessage(m: Messages, week: string, sections: KnownBlock[][]): SlackMessage {
  const blocks: KnownBlock[] = [header(m.checkin.title), section(m.checkin.greeting(week))];
  for (const part of sections) {
    if (part.length === 0) continue;
    blocks.push(divider(), ...part);
  }
  blocks.push(divider(), context(m.checkin.controlsIntro), {
    type: 'actions',
    block_id: checkinBlockIds.controls,
    elements: [
      button(m.checkin.skipWeek, checkinActionIds.skip, encodeWeek(week)),
      button(m.checkin.pause, checkinActionIds.pause, encodeWeek(week)),
      button(m.checkin.changeTime, checkinActionIds.changeTime, encodeWeek(week)),
      {
        ...button(m.checkin.optOut, checkinActionIds.optOut, encodeWeek(week), 'danger'),
        confirm: {
          title: plainText(m.checkin.optOutConfirmTitle),
          text: plainText(m.checkin.optOutConfirmText),
          confirm: plainText(m.checkin.optOutConfirm),
          deny: plainText(m.checkin.optOutDeny),
        },
      },
    ],
  });
  return { text: `${m.checkin.title}: ${m.checkin.greeting(week)}`, blocks };
}

export function buildPauseModal(m: Messages, initialDate: string): ModalView {
  return {
    type: 'modal',
    callback_id: checkinCallbackIds.pause,
    title: plainText(m.checkin.pauseTitle),
    submit: plainText(m.checkin.pauseSubmit),
    close: plainText(m.checkin.cancel),
    blocks: [
      {
        type: 'input',
        block_id: checkinBlockIds.pauseUntil,
        label: plainText(m.checkin.pauseLabel),
        element: { type: 'datepicker', action_id: checkinBlockIds.pauseUntil, initial_date: initialDate },
      },
    ],
  };
}

export function buildChangeTimeModal(
  m: Messages,
  current: { weekday: number; time: string },
  zone: string,
): ModalView {
  const options = m.checkin.weekdays.map((name, i) => ({ text: plainText(name), value: String(i + 1) }));
  const initial = options[current.weekday - 1] ?? options[0];
  return {
    type: 'modal',
    callback_id: checkinCallbackIds.changeTime,
    title: plainText(m.checkin.timeTitle),
    submit: plainText(m.checkin.timeSubmit),
    close: plainText(m.checkin.cancel),
    blocks: [
      {
        type: 'input',
        block_id: checkinBlockIds.weekday,
        label: plainText(m.checkin.dayLabel),
        element: {
          type: 'static_select',
          action_id: checkinBlockIds.weekday,
          options,
          ...(initial ? { initial_option: initial } : {}),
        },
      },
      {
        type: 'input',
        block_id: checkinBlockIds.time,
        label: plainText(m.checkin.timeLabel),
        hint: plainText(m.checkin.timeHint(zone.replace(/_/g, ' '))),
        element: { type: 'timepicker', action_id: checkinBlockIds.time, initial_time: current.time },
      },
    ],
  };
}
