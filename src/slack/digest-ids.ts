// Slack ids of the channel digest's blocks (no interactive elements).

export const digestBlockIds = {
  trend: 'digest_trend',
  chart: 'digest_chart',
  coaching: 'digest_coaching',
} as const;
