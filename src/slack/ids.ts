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

export { promiseActionIds, promiseBlockIds, promiseCallbackIds } from './promise-ids.ts';
export {
  pulseActionIds,
  pulseBlockIds,
  pulseCallbackIds,
  teamActionIds,
  teamBlockIds,
  teamCallbackIds,
  teamEvents,
} from './team-ids.ts';
export { habitActionIds, habitBlockIds } from './habit-ids.ts';
export { settingsActionIds, settingsCallbackIds } from './settings-ids.ts';
export { homeActionIds, homeBlockIds, homeTeamBlockId } from './home-ids.ts';
export { functionCallbackIds, shortcutCallbackIds } from './shortcut-ids.ts';
