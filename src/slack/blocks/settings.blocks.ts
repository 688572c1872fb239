import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { PersonalSettingsForm } from '../../domain/settings/personal-settings.ts';
import type { Messages } from '../../i18n/en.ts';
import { settingsBlockIds as b, settingsCallbackIds } from '../ids.ts';
import { plainText, section } from './block-kit.ts';

/** Value of the zone option that follows Slack's zone. */
export const FOLLOW_SLACK = 'slack';
/** Value of the language option that follows the team, else Slack. */
export const AUTO_LANGUAGE = 'auto';

/** Zones offered for the override: where people using the app mostly are, west to east. */
export const COMMON_ZONES = [
  'Pacific/Honolulu',
  'America/Anchorage',
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/Mexico_City',
  'America/New_York',
  'America/Toronto',
  'America/Sao_Paulo',
  'UTC',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Oslo',
  'Europe/Stockholm',
  'Europe/Copenhagen',
  'Europe/Berlin',
  'Europe/Amsterdam',
  'Europe/Paris',
  'Europe/Madrid',
  'Europe/Warsaw',
  'Europe/Helsinki',
  'Europe/Athens',
  'Europe/Istanbul',
  'Africa/Lagos',
  'Africa/Johannesburg',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
] as const;

export interface SettingsModalInput {
  form: PersonalSettingsForm;
  slackZone: string | null;
  /** The person's team has nudges off. */
  teamNudgesOff: boolean;
}

function input(blockId: string, label: string, element: Record<string, unknown>, extra = {}): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plainText(label),
    element: { action_id: blockId, ...element },
    ...extra,
  } as KnownBlock;
}

function checkbox(m: string, value: string, checked: boolean) {
  const option: PlainTextOption = { text: plainText(m), value };
  return { type: 'checkboxes', options: [option], ...(checked ? { initial_options: [option] } : {}) };
}

/** `/trust settings`: everything a person can choose for themselves, filled in with what is in force. */
export function buildPersonalSettingsModal(m: Messages, input_: SettingsModalInput): ModalView {
  const { form } = input_;
  const days: PlainTextOption[] = m.checkin.weekdays.map((day, i) => ({
    text: plainText(day),
    value: String(i + 1),
  }));
  const follow: PlainTextOption = {
    text: plainText(
      input_.slackZone ? m.settings.zoneFollowSlack(input_.slackZone) : m.settings.zoneFollowSlackUnknown,
    ),
    value: FOLLOW_SLACK,
  };
  const zoneNames: string[] = [...COMMON_ZONES];
  if (form.zoneOverride && !zoneNames.includes(form.zoneOverride)) zoneNames.unshift(form.zoneOverride);
  const zones: PlainTextOption[] = [
    follow,
    ...zoneNames.map((zone) => ({ text: plainText(zone.replaceAll('_', ' ')), value: zone })),
  ];
  const languages: PlainTextOption[] = [
    { text: plainText(m.settings.languageAuto), value: AUTO_LANGUAGE },
    { text: plainText('English'), value: 'en' },
    { text: plainText('Norsk bokmål'), value: 'nb' },
  ];
  const initialLanguage = languages.find((o) => o.value === (form.languageChoice ?? AUTO_LANGUAGE));
  const initialZone = zones.find((o) => o.value === (form.zoneOverride ?? FOLLOW_SLACK));
  const initialDay = days[form.checkin.weekday - 1];

  return {
    type: 'modal',
    callback_id: settingsCallbackIds.personal,
    title: plainText(m.settings.title),
    submit: plainText(m.settings.save),
    close: plainText(m.settings.cancel),
    blocks: [
      section(m.settings.intro),
      input(b.checkinDay, m.settings.checkinDay, {
        type: 'static_select',
        options: days,
        ...(initialDay ? { initial_option: initialDay } : {}),
      }),
      input(b.checkinTime, m.settings.checkinTime, { type: 'timepicker', initial_time: form.checkin.time }),
      input(
        b.zone,
        m.settings.zone,
        { type: 'static_select', options: zones, ...(initialZone ? { initial_option: initialZone } : {}) },
        { hint: plainText(m.settings.zoneHint) },
      ),
      input(b.language, m.settings.language, {
        type: 'static_select',
        options: languages,
        ...(initialLanguage ? { initial_option: initialLanguage } : {}),
      }),
      input(
        b.habitNudges,
        m.settings.habitNudges,
        checkbox(m.settings.habitNudgesOn, 'on', form.habitNudges),
        { optional: true, ...(input_.teamNudgesOff ? { hint: plainText(m.settings.teamNudgesOff) } : {}) },
      ),
      input(
        b.pauseUntil,
        m.settings.pauseUntil,
        { type: 'datepicker', ...(form.pausedUntil ? { initial_date: form.pausedUntil } : {}) },
        { optional: true, hint: plainText(m.settings.pauseHint) },
      ),
      input(b.optOut, m.settings.checkins, checkbox(m.settings.optOut, 'stop', form.optedOut), {
        optional: true,
      }),
    ],
  };
}
