// Every Slack id the app uses, defined once.

export const commands = {
  trust: '/trust',
} as const;

export const events = {
  appHomeOpened: 'app_home_opened',
  appUninstalled: 'app_uninstalled',
  tokensRevoked: 'tokens_revoked',
  userChange: 'user_change',
} as const;

export const actionIds = {} as const;

export const callbackIds = {} as const;
