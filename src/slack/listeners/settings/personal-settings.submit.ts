import type { ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { PersonalSettingsForm, SettingsProblem } from '../../../domain/settings/personal-settings.ts';
import {
  checkSettingsFor,
  savePersonalSettings,
} from '../../../domain/settings/personal-settings.service.ts';
import { formatDateTime } from '../../../i18n/format-date.ts';
import { settingsBlockIds as b, settingsCallbackIds } from '../../ids.ts';
import { AUTO_LANGUAGE, FOLLOW_SLACK } from '../../blocks/settings.blocks.ts';
import { personOf } from '../checkins/person.ts';
import { interactionUser, workspaceOf } from '../../parsers/interaction.parser.ts';
import { replyEnvelope } from '../../../domain/outbox/message-kinds.ts';
import { queueAndSendSoon } from '../../../domain/outbox/outgoing-message.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { unreadableFormAck } from '../form-problem.ts';

const selected = z.object({ selected_option: z.object({ value: z.string().max(150) }).nullish() });
const ticked = z.object({ selected_options: z.array(z.object({ value: z.string().max(150) })).nullish() });
const field = <T extends z.ZodType>(id: string, schema: T) => z.object({ [id]: schema });

const settingsState = z.object({
  [b.checkinDay]: field(b.checkinDay, selected),
  [b.checkinTime]: field(b.checkinTime, z.object({ selected_time: z.string().max(10).nullish() })),
  [b.zone]: field(b.zone, selected),
  [b.language]: field(b.language, selected),
  [b.habitNudges]: field(b.habitNudges, ticked).optional(),
  [b.pauseUntil]: field(b.pauseUntil, z.object({ selected_date: z.string().max(20).nullish() })).optional(),
  [b.optOut]: field(b.optOut, ticked).optional(),
});

type Values = Record<string, Record<string, Record<string, unknown>> | undefined>;

/** The submitted form; values are checked by the domain, so a forged one gets a field error. */
function formOf(raw: unknown): PersonalSettingsForm | undefined {
  if (!settingsState.safeParse(raw).success) return undefined;
  const values = raw as Values;
  const get = (id: string) => values[id]?.[id] ?? {};
  const option = (id: string) => (get(id).selected_option as { value: string } | null | undefined)?.value;
  const boxes = (id: string) =>
    (get(id).selected_options as Array<{ value: string }> | null | undefined) ?? [];
  const day = option(b.checkinDay) ?? '';
  const zone = option(b.zone) ?? FOLLOW_SLACK;
  const language = option(b.language) ?? AUTO_LANGUAGE;
  if (language !== AUTO_LANGUAGE && language !== 'en' && language !== 'nb') return undefined;
  return {
    checkin: {
      weekday: /^[1-7]$/.test(day) ? Number(day) : Number.NaN,
      time: (get(b.checkinTime).selected_time as string | null | undefined) ?? '',
    },
    zoneOverride: zone === FOLLOW_SLACK ? null : zone,
    languageChoice: language === AUTO_LANGUAGE ? null : language,
    habitNudges: boxes(b.habitNudges).some((o) => o.value === 'on'),
    pausedUntil: (get(b.pauseUntil).selected_date as string | null | undefined) || null,
    optedOut: boxes(b.optOut).some((o) => o.value === 'stop'),
  };
}

const problemBlock: Record<SettingsProblem, string> = {
  invalid_weekday: b.checkinDay,
  invalid_time: b.checkinTime,
  invalid_zone: b.zone,
  pause_in_past: b.pauseUntil,
  pause_too_far: b.pauseUntil,
  pause_with_opt_out: b.pauseUntil,
};

/**
 * The personal settings modal's submission. Field errors must come in the ack, so the checks run
 * first; then everything is saved in one transaction and confirmed by DM in the new language.
 */
export function registerPersonalSettingsView(app: ListenerRegistrar, deps: ListenerDeps): void {
  const settings = deps.teamDefaults;

  app.view<ViewSubmitAction>(settingsCallbackIds.personal, async ({ ack, body, view }) => {
    const who = interactionUser.safeParse(body);
    const workspaceId = who.success ? workspaceOf(who.data) : undefined;
    const form = formOf(view.state.values);
    if (!who.success || !workspaceId || !form) {
      // Slack sends every input, so only a forged or broken payload lands here: change nothing.
      await ack(await unreadableFormAck(deps, workspaceId, who.data?.user.id));
      return;
    }
    const userId = who.data.user.id;
    const person = await personOf(deps, workspaceId, userId);
    const { problems } = await checkSettingsFor(settings, workspaceId, userId, form);
    if (problems.length > 0) {
      const errors: Record<string, string> = {};
      for (const problem of problems) errors[problemBlock[problem]] ??= person.m.settings.errors[problem];
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const saved = await savePersonalSettings(settings, workspaceId, userId, form);
    deps.users.users.forget?.(workspaceId, userId);
    deps.home.refresh(workspaceId, userId);
    const now = await personOf(deps, workspaceId, userId);
    const reply = replyEnvelope('personal_settings', workspaceId, userId, who.data.trigger_id ?? view.id);
    if (!saved.ok) {
      await queueAndSendSoon(deps, { ...reply, text: now.m.settings.unknownPerson });
      return;
    }
    const text = saved.nextCheckin
      ? now.m.settings.saved(
          formatDateTime(saved.nextCheckin, {
            language: now.language,
            timeZone: saved.zone ?? 'UTC',
            now: deps.clock.now(),
          }),
        )
      : now.m.settings.savedNoCheckin;
    await queueAndSendSoon(deps, { ...reply, text });
  });
}
