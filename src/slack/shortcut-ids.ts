// Slack ids of the shortcuts and the Workflow Builder steps; manifest.yml names the same ones.

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
