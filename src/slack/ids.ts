// Every Slack id the app uses, defined once: commands, events, action_ids, callback_ids, block_ids,
// shortcut and step callback_ids. manifest.yml, the emulator and the tests rely on these values.

// --- Commands and events

export const commands = {
  trust: '/trust',
} as const;

export const events = {
  appHomeOpened: 'app_home_opened',
  appUninstalled: 'app_uninstalled',
  tokensRevoked: 'tokens_revoked',
  userChange: 'user_change',
} as const;

// --- Check-ins

export const checkinActionIds = {
  skip: 'checkin_skip',
  pause: 'checkin_pause',
  changeTime: 'checkin_change_time',
  optOut: 'checkin_opt_out',
} as const;

export const checkinCallbackIds = {
  pause: 'checkin_pause',
  changeTime: 'checkin_change_time',
} as const;

/** Input blocks of the check-in modals; each input's action_id is its block_id. */
export const checkinBlockIds = {
  controls: 'checkin_controls',
  pauseUntil: 'checkin_pause_until',
  weekday: 'checkin_weekday',
  time: 'checkin_time',
} as const;

// --- Promises

export const promiseActionIds = {
  kept: 'promise_kept',
  newDate: 'promise_new_date',
  release: 'promise_release',
  /** "New promise" on the App Home: opens the create modal. */
  create: 'promise_create',
  /** The two dates a due date could mean (Slack wants distinct action ids in one block). */
  pickDueFirst: 'promise_pick_due_first',
  pickDueSecond: 'promise_pick_due_second',
} as const;

export const promiseCallbackIds = {
  create: 'promise_create',
  newDate: 'promise_new_date',
  release: 'promise_release',
} as const;

/** Input blocks of the promise modals; each input's action_id is its block_id. */
export const promiseBlockIds = {
  recipient: 'promise_recipient',
  text: 'promise_text',
  dueDate: 'promise_due_date',
  dueTime: 'promise_due_time',
  note: 'promise_note',
} as const;

/** The block holding a promise's buttons; one per promise, so a list of several stays unique. */
export function promiseButtonsBlockId(promiseId: string): string {
  return `promise_buttons:${promiseId}`;
}

/** The block holding the two dates of one due-date question. */
export function dueChoiceBlockId(choiceId: string): string {
  return `promise_due_choice:${choiceId}`;
}

// --- Habits

/** One action id per answer: action ids must be unique within the reflection's actions block. */
export const habitActionIds = {
  reflectOften: 'habit_reflect_often',
  reflectSometimes: 'habit_reflect_sometimes',
  reflectNotYet: 'habit_reflect_not_yet',
  /** Turns the mid-week nudge on or off (the value says which). */
  nudges: 'habit_nudges',
} as const;

export const habitBlockIds = {
  reflection: 'habit_reflection',
  reflectionStatus: 'habit_reflection_status',
  nudges: 'habit_nudges',
  /** Why this week's habit: the team's pulse chose it. */
  focusReason: 'habit_focus_reason',
} as const;

// --- Teams and the trust pulse

export const teamEvents = {
  memberJoinedChannel: 'member_joined_channel',
  memberLeftChannel: 'member_left_channel',
} as const;

export const teamActionIds = {
  remove: 'team_remove',
} as const;

export const teamCallbackIds = {
  settings: 'team_settings',
} as const;

/** Inputs of the team settings modal; each input's action_id is its block_id. */
export const teamBlockIds = {
  checkinDay: 'team_checkin_day',
  checkinTime: 'team_checkin_time',
  digestEnabled: 'team_digest_enabled',
  digestDay: 'team_digest_day',
  digestTime: 'team_digest_time',
  minGroupSize: 'team_min_group_size',
  language: 'team_language',
  timeZone: 'team_time_zone',
  habitNudges: 'team_habit_nudges',
  remove: 'team_remove',
} as const;

export const pulseActionIds = {
  rate: 'pulse_rate',
} as const;

export const pulseCallbackIds = {
  rate: 'pulse_rate',
} as const;

/** One input per Trust Equation part; each input's action_id is its block_id. */
export const pulseBlockIds = {
  credibility: 'pulse_credibility',
  reliability: 'pulse_reliability',
  intimacy: 'pulse_intimacy',
  selfOrientation: 'pulse_self_orientation',
  rate: 'pulse_rate',
} as const;

// --- Personal settings and data rights

export const settingsActionIds = {
  /** Opens the personal settings modal (App Home, check-in, `/trust settings`). */
  open: 'settings_open',
} as const;

export const settingsCallbackIds = {
  personal: 'personal_settings',
  forgetMe: 'forget_me',
} as const;

/** Inputs of the personal settings modal; each input's action_id is its block_id. */
export const settingsBlockIds = {
  checkinDay: 'settings_checkin_day',
  checkinTime: 'settings_checkin_time',
  zone: 'settings_zone',
  language: 'settings_language',
  habitNudges: 'settings_habit_nudges',
  pauseUntil: 'settings_pause_until',
  optOut: 'settings_opt_out',
} as const;

// --- App Home

export const homeActionIds = {
  /** A managed team's "Team settings" on the App Home: opens the team settings modal. */
  teamSettings: 'home_team_settings',
} as const;

export const homeBlockIds = {
  actions: 'home_actions',
} as const;

/** The block of one managed team on the App Home; one per team, so the view's block ids stay unique. */
export function homeTeamBlockId(teamId: string): string {
  return `home_team:${teamId}`;
}

/** The trend chart image of one managed team on the App Home. */
export function homeTeamChartBlockId(teamId: string): string {
  return `home_team_chart:${teamId}`;
}

// --- Channel digest (no interactive elements)

export const digestBlockIds = {
  trend: 'digest_trend',
  chart: 'digest_chart',
  coaching: 'digest_coaching',
} as const;

// --- Shortcuts and Workflow Builder steps (manifest.yml names the same ones)

export const shortcutCallbackIds = {
  /** Message shortcut "Make this a promise". */
  promiseFromMessage: 'promise_from_message',
  /** Global shortcut "Make a promise". */
  makePromise: 'promise_make',
  /** Global shortcut "Rate team trust". */
  rateTeamTrust: 'pulse_rate_team',
} as const;

/** callback_ids of the custom steps (manifest `functions`). */
export const functionCallbackIds = {
  recordPromise: 'record_promise',
  sendTrustPulse: 'send_trust_pulse',
} as const;
