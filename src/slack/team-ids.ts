// Slack ids of the team and pulse surfaces; re-exported from ids.ts.

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
