import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import type { TeamSettings } from '../../domain/teams/team.ts';
import type { Messages } from '../../i18n/en.ts';
import { teamActionIds, teamBlockIds, teamCallbackIds } from '../ids.ts';
import { button, plainText, type SlackMessage, section } from './block-kit.ts';

/** Which channel the settings modal is for; a team id once the team exists. */
export const teamSettingsMetadata = z.object({
  c: z.string().regex(/^[A-Z0-9]{3,30}$/),
  t: z.uuid().optional(),
});
export type TeamSettingsMetadata = z.infer<typeof teamSettingsMetadata>;

export function channelMention(channelId: string): string {
  return `<#${channelId}>`;
}

function weekdayOptions(m: Messages): PlainTextOption[] {
  return m.checkin.weekdays.map((day, i) => ({ text: plainText(day), value: String(i + 1) }));
}

function select(m: Messages, blockId: string, label: string, weekday: number): KnownBlock {
  const options = weekdayOptions(m);
  const initial = options[weekday - 1];
  return {
    type: 'input',
    block_id: blockId,
    label: plainText(label),
    element: {
      type: 'static_select',
      action_id: blockId,
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

function time(blockId: string, label: string, initial: string): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plainText(label),
    element: { type: 'timepicker', action_id: blockId, initial_time: initial },
  };
}

/** The language option stored as no team language: each member follows their Slack locale. */
export const EACH_PERSONS_LANGUAGE = 'slack';

/** The team settings modal, for setting a team up and for changing it later. */
export function buildTeamSettingsModal(
  m: Messages,
  metadata: TeamSettingsMetadata,
  settings: TeamSettings,
): ModalView {
  const digestOn: PlainTextOption = { text: plainText(m.teams.digestOn), value: 'on' };
  const languages: PlainTextOption[] = [
    { text: plainText(m.teams.languageEachPerson), value: EACH_PERSONS_LANGUAGE },
    { text: plainText('English'), value: 'en' },
    { text: plainText('Norsk bokmål'), value: 'nb' },
  ];
  return {
    type: 'modal',
    callback_id: teamCallbackIds.settings,
    private_metadata: JSON.stringify(metadata),
    title: plainText(metadata.t ? m.teams.settingsTitle : m.teams.setupTitle),
    submit: plainText(m.teams.save),
    close: plainText(m.teams.cancel),
    blocks: [
      section(m.teams.intro(channelMention(metadata.c))),
      select(m, teamBlockIds.checkinDay, m.teams.checkinDay, settings.checkin.weekday),
      time(teamBlockIds.checkinTime, m.teams.checkinTime, settings.checkin.time),
      {
        type: 'input',
        block_id: teamBlockIds.digestEnabled,
        optional: true,
        label: plainText(m.teams.digestEnabled),
        element: {
          type: 'checkboxes',
          action_id: teamBlockIds.digestEnabled,
          options: [digestOn],
          ...(settings.digest.enabled ? { initial_options: [digestOn] } : {}),
        },
      },
      select(m, teamBlockIds.digestDay, m.teams.digestDay, settings.digest.target.weekday),
      time(teamBlockIds.digestTime, m.teams.digestTime, settings.digest.target.time),
      {
        type: 'input',
        block_id: teamBlockIds.minGroupSize,
        label: plainText(m.teams.minGroupSize),
        hint: plainText(m.teams.minGroupSizeHint),
        element: {
          type: 'number_input',
          action_id: teamBlockIds.minGroupSize,
          is_decimal_allowed: false,
          initial_value: String(settings.minGroupSize),
        },
      },
      {
        type: 'input',
        block_id: teamBlockIds.language,
        label: plainText(m.teams.language),
        hint: plainText(m.teams.languageHint),
        element: {
          type: 'static_select',
          action_id: teamBlockIds.language,
          options: languages,
          initial_option: languages.find((o) => o.value === (settings.language ?? EACH_PERSONS_LANGUAGE)),
        },
      },
      {
        type: 'input',
        block_id: teamBlockIds.timeZone,
        label: plainText(m.teams.timeZone),
        hint: plainText(m.teams.timeZoneHint),
        element: {
          type: 'plain_text_input',
          action_id: teamBlockIds.timeZone,
          initial_value: settings.timeZone,
          max_length: 64,
        },
      },
      teamNudgesInput(m, settings.habitNudges ?? true),
    ],
  };
}

/** The team's switch for the mid-week habit nudge (members may still turn theirs off). */
function teamNudgesInput(m: Messages, on: boolean): KnownBlock {
  const option: PlainTextOption = { text: plainText(m.settings.teamNudgesOn), value: 'on' };
  return {
    type: 'input',
    block_id: teamBlockIds.habitNudges,
    optional: true,
    label: plainText(m.settings.teamNudgesLabel),
    hint: plainText(m.settings.teamNudgesHint),
    element: {
      type: 'checkboxes',
      action_id: teamBlockIds.habitNudges,
      options: [option],
      ...(on ? { initial_options: [option] } : {}),
    },
  };
}

/** `/trust team remove`: asks first; the button carries the channel. */
export function buildTeamRemoveConfirmation(m: Messages, channelId: string): SlackMessage {
  const text = m.teams.removeConfirmText(channelMention(channelId));
  return {
    text,
    blocks: [
      section(text),
      {
        type: 'actions',
        block_id: teamBlockIds.remove,
        elements: [
          {
            ...button(m.teams.removeButton, teamActionIds.remove, JSON.stringify({ c: channelId }), 'danger'),
            confirm: {
              title: plainText(m.teams.removeConfirmTitle),
              text: plainText(m.teams.removeConfirmTitle),
              confirm: plainText(m.teams.removeConfirm),
              deny: plainText(m.teams.removeDeny),
            },
          },
        ],
      },
    ],
  };
}

/** A modal that only says something (after a submission that cannot go ahead). */
export function buildNoticeModal(title: string, close: string, text: string): ModalView {
  return {
    type: 'modal',
    title: plainText(title),
    close: plainText(close),
    blocks: [section(text)],
  };
}
