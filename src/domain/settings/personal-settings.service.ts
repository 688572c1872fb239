import { nextCheckinFor } from '../checkins/checkin.service.ts';
import { defaultCheckinTarget } from '../checkins/checkin-schedule.ts';
import { nextNudgeFor } from '../habits/nudge.service.ts';
import { isValidZone } from '../schedule/local-time.ts';
import {
  activePause,
  checkPersonalSettings,
  type PersonalSettingsForm,
  type SettingsProblem,
  settingsZone,
} from './personal-settings.ts';
import type { PersonSettingsState } from './ports.ts';
import type { TeamDefaultsDeps } from './team-defaults.service.ts';

export type PersonalSettingsDeps = TeamDefaultsDeps;

/** The modal's starting point: what is in force for the person now. */
export interface PersonalSettingsView {
  form: PersonalSettingsForm;
  slackZone: string | null;
  /** The person's team has turned mid-week nudges off. */
  teamNudgesOff: boolean;
}

export async function loadPersonalSettings(
  deps: PersonalSettingsDeps,
  workspaceId: string,
  userId: string,
): Promise<PersonalSettingsView | undefined> {
  const state = await deps.settings.findPerson(workspaceId, userId);
  if (!state) return undefined;
  const zone = settingsZone(state.zoneOverride, state.slackZone);
  return {
    form: {
      checkin: state.schedule?.target ?? defaultCheckinTarget,
      zoneOverride: state.zoneOverride,
      languageChoice: state.languageChoice,
      habitNudges: state.nudges?.enabled ?? true,
      pausedUntil: activePause(state.schedule?.pausedUntil ?? null, zone, deps.clock.now()),
      optedOut: state.schedule?.optedOut ?? false,
    },
    slackZone: state.slackZone,
    teamNudgesOff: state.nudges?.teamEnabled === false,
  };
}

export type SaveSettingsResult =
  | { ok: true; zone: string | null; nextCheckin: Date | null }
  | { ok: false; problems: SettingsProblem[] }
  | { ok: false; problems: []; reason: 'unknown_person' };

/** Checks a form without saving (the modal's errors must come in the ack). */
export async function checkSettingsFor(
  deps: PersonalSettingsDeps,
  workspaceId: string,
  userId: string,
  form: PersonalSettingsForm,
): Promise<{ state: PersonSettingsState | undefined; problems: SettingsProblem[] }> {
  const state = await deps.settings.findPerson(workspaceId, userId);
  const problems = checkPersonalSettings(form, {
    slackZone: state?.slackZone ?? null,
    now: deps.clock.now(),
  });
  return { state, problems };
}

/**
 * Saves the personal settings in one go; they take effect from the next due time: the stored
 * next check-in and next nudge are recomputed in the zone now in force, never in a handled week.
 * A day or time that differs from the current one makes the schedule the person's own.
 */
export async function savePersonalSettings(
  deps: PersonalSettingsDeps,
  workspaceId: string,
  userId: string,
  form: PersonalSettingsForm,
): Promise<SaveSettingsResult> {
  const { state, problems } = await checkSettingsFor(deps, workspaceId, userId, form);
  if (problems.length > 0) return { ok: false, problems };
  if (!state) return { ok: false, problems: [], reason: 'unknown_person' };
  const rawZone = form.zoneOverride ?? state.slackZone;
  const zone = rawZone && isValidZone(rawZone) ? rawZone : null;
  const current = state.schedule?.target ?? defaultCheckinTarget;
  const moved = current.weekday !== form.checkin.weekday || current.time !== form.checkin.time;
  const schedule = {
    target: form.checkin,
    optedOut: form.optedOut,
    pausedUntil: form.pausedUntil,
    custom: (state.schedule?.custom ?? false) || moved,
  };
  const reachable = state.reachable;
  const nextCheckin = reachable ? await nextCheckinFor(deps, workspaceId, userId, zone, schedule) : null;
  const nudgesActive = reachable && form.habitNudges && (state.nudges?.teamEnabled ?? true);
  const nextNudge = nudgesActive
    ? await nextNudgeFor(deps, { workspaceId, userId, zone }, true, deps.clock.now())
    : null;
  await deps.settings.savePersonal(workspaceId, userId, {
    zoneOverride: form.zoneOverride,
    languageChoice: form.languageChoice,
    schedule: { ...schedule, nextDueAt: nextCheckin },
    nudges: { enabled: form.habitNudges, zone, nextDueAt: nextNudge },
  });
  return { ok: true, zone, nextCheckin };
}
