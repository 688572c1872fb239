import type { ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import {
  checkTeamSettings,
  type TeamSettings,
  type TeamSettingsProblem,
} from '../../../domain/teams/team.ts';
import { canManage, setUpTeam, updateTeamSettings } from '../../../domain/teams/team.service.ts';
import { isLanguage, type Language } from '../../../domain/users/language.ts';
import { applyTeamDefaultsToTeam } from '../../../domain/settings/team-defaults.service.ts';
import { teamBlockIds, teamCallbackIds } from '../../ids.ts';
import {
  buildNoticeModal,
  channelMention,
  EACH_PERSONS_LANGUAGE,
  teamSettingsMetadata,
} from '../../blocks/team.blocks.ts';
import { personOf } from '../checkins/person.ts';
import { interactionUser, workspaceOf } from '../../parsers/interaction.parser.ts';
import { replyEnvelope } from '../../../domain/outbox/message-kinds.ts';
import { queueAndSendSoon } from '../../../domain/outbox/outgoing-message.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { confirmActorOf, managerRefusalText } from './team-access.ts';
import { unreadableFormAck } from '../form-problem.ts';
import { jsonValue } from '../../parsers/json-value.parser.ts';

const b = teamBlockIds;
const weekday = z.object({ selected_option: z.object({ value: z.string().regex(/^[1-7]$/) }) });
const time = z.object({ selected_time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) });
const field = <T extends z.ZodType>(id: string, schema: T) => z.object({ [id]: schema });

const settingsState = z.object({
  [b.checkinDay]: field(b.checkinDay, weekday),
  [b.checkinTime]: field(b.checkinTime, time),
  [b.digestEnabled]: field(
    b.digestEnabled,
    z.object({ selected_options: z.array(z.object({ value: z.string() })).default([]) }),
  ).optional(),
  [b.digestDay]: field(b.digestDay, weekday),
  [b.digestTime]: field(b.digestTime, time),
  [b.minGroupSize]: field(b.minGroupSize, z.object({ value: z.string().max(10).nullable() })),
  [b.language]: field(
    b.language,
    z.object({ selected_option: z.object({ value: z.enum([EACH_PERSONS_LANGUAGE, 'en', 'nb']) }) }),
  ),
  [b.timeZone]: field(b.timeZone, z.object({ value: z.string().max(64).nullable() })),
  [b.habitNudges]: field(
    b.habitNudges,
    z.object({ selected_options: z.array(z.object({ value: z.string() })).default([]) }),
  ).optional(),
});

const metadataJson = jsonValue(teamSettingsMetadata, 200);

type State = z.infer<typeof settingsState>;

function settingsOf(values: Record<string, Record<string, unknown>>): TeamSettings | undefined {
  const parsed = settingsState.safeParse(values);
  if (!parsed.success) return undefined;
  const s = parsed.data as State & Record<string, Record<string, never>>;
  const pick = <T>(id: string) => (s[id] as Record<string, T>)[id] as T;
  const k = (pick<{ value: string | null }>(b.minGroupSize).value ?? '').trim();
  const digest = s[b.digestEnabled]
    ? pick<{ selected_options: Array<{ value: string }> }>(b.digestEnabled)
    : undefined;
  const nudges = s[b.habitNudges]
    ? pick<{ selected_options: Array<{ value: string }> }>(b.habitNudges)
    : undefined;
  return {
    timeZone: (pick<{ value: string | null }>(b.timeZone).value ?? '').trim(),
    language: teamLanguageOf(pick<{ selected_option: { value: string } }>(b.language).selected_option.value),
    minGroupSize: /^-?\d+$/.test(k) ? Number(k) : Number.NaN,
    checkin: {
      weekday: Number(pick<{ selected_option: { value: string } }>(b.checkinDay).selected_option.value),
      time: pick<{ selected_time: string }>(b.checkinTime).selected_time,
    },
    digest: {
      enabled: digest?.selected_options.some((o) => o.value === 'on') ?? false,
      target: {
        weekday: Number(pick<{ selected_option: { value: string } }>(b.digestDay).selected_option.value),
        time: pick<{ selected_time: string }>(b.digestTime).selected_time,
      },
    },
    // An unticked (or absent) box means off, like the digest's.
    habitNudges: nudges?.selected_options.some((o) => o.value === 'on') ?? false,
  };
}

const problemBlock: Record<TeamSettingsProblem, string> = {
  min_group_size_too_small: b.minGroupSize,
  invalid_zone: b.timeZone,
  invalid_time: b.checkinTime,
};

/**
 * The team settings modal, for setup and later changes. Field errors must come in the ack, so the
 * checks run first; the slow part of a setup (reading the channel's members) runs after it.
 */
export function registerTeamSettingsView(app: ListenerRegistrar, deps: ListenerDeps): void {
  const teams = deps.stores.teams;
  const defaults = deps.teamDefaults;
  const service = { teams, channels: deps.channels, clock: deps.clock, defaults };

  app.view<ViewSubmitAction>(teamCallbackIds.settings, async ({ ack, body, view }) => {
    const who = interactionUser.safeParse(body);
    const workspaceId = who.success ? workspaceOf(who.data) : undefined;
    // Only metadata this app sealed for this person and this modal: a forged channel or team id is
    // unreadable, like any other form the app did not write.
    const opened =
      who.success && workspaceId
        ? deps.viewSeal.open(view.private_metadata, {
            workspaceId,
            userId: who.data.user.id,
            callbackId: teamCallbackIds.settings,
          })
        : undefined;
    const metadata = metadataJson.safeParse(opened);
    const settings = settingsOf(view.state.values as Record<string, Record<string, unknown>>);
    if (!who.success || !workspaceId || !metadata.success || !settings) {
      await ack(await unreadableFormAck(deps, workspaceId, who.data?.user.id));
      return;
    }
    const person = await personOf(deps, workspaceId, who.data.user.id);
    const interaction = who.data.trigger_id ?? view.id;
    const reply = () => replyEnvelope('team_settings', workspaceId, person.userId, interaction);
    const m = person.m;
    const problems = checkTeamSettings(settings);
    if (problems.length > 0) {
      const text = {
        min_group_size_too_small: m.teams.minGroupSizeTooSmall,
        invalid_zone: m.teams.invalidZone,
        invalid_time: m.teams.invalidTime,
      };
      await ack({
        response_action: 'errors',
        errors: Object.fromEntries(problems.map((p) => [problemBlock[p], text[p]])),
      });
      return;
    }
    const channel = channelMention(metadata.data.c);
    const notice = (text: string) =>
      ack({ response_action: 'update', view: buildNoticeModal(m.teams.settingsTitle, m.pulse.close, text) });
    const confirmed = await confirmActorOf(deps, person);
    if (!confirmed.ok) return notice(managerRefusalText(m, confirmed.reason));
    const actor = confirmed.actor;

    if (metadata.data.t) {
      const team = await teams.findById(metadata.data.t);
      if (team && team.channelId !== metadata.data.c) return notice(m.teams.notATeam);
      const outcome = await updateTeamSettings(service, actor, metadata.data.t, settings);
      if (!outcome.ok) {
        await notice(outcome.reason === 'not_manager' ? m.teams.notManager : m.teams.notATeam);
        return;
      }
      await ack();
      deps.home.refresh(workspaceId, person.userId);
      // After the ack: a big team takes a moment, and the defaults are not the modal's answer.
      await applyTeamDefaultsToTeam(defaults, workspaceId, metadata.data.t);
      await queueAndSendSoon(deps, { ...reply(), text: m.teams.saved(channel) });
      return;
    }

    if (await teams.findByChannel(workspaceId, metadata.data.c)) return notice(m.teams.alreadyTeam);
    if (!(await canManage(service, actor, undefined))) return notice(m.teams.notManager);
    await ack();
    const outcome = await setUpTeam(service, actor, metadata.data.c, settings);
    deps.home.refresh(workspaceId, person.userId);
    const text = outcome.ok
      ? m.teams.setUp(channel, outcome.members)
      : outcome.reason === 'already_team'
        ? m.teams.alreadyTeam
        : outcome.reason === 'bot_not_in_channel'
          ? m.teams.botNotInChannel
          : outcome.reason === 'not_in_channel'
            ? m.teams.notInChannel(channel)
            : m.teams.notManager;
    await queueAndSendSoon(deps, { ...reply(), text });
  });
}

function teamLanguageOf(value: string): Language | null {
  return isLanguage(value) ? value : null;
}
