// Slack ids of personal settings and data rights; re-exported from ids.ts.

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
