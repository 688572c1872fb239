// Slack ids of personal settings and data rights; re-exported from ids.ts.

export const settingsActionIds = {
  /** Opens the personal settings modal (App Home, check-in, `/trust settings`). */
  open: 'settings_open',
} as const;

export const settingsCallbackIds = {
  personal: 'personal_settings',
  forgetMe: 'forget_me',
} as const;
