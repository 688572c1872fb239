// Slack ids of the App Home dashboard; re-exported from ids.ts.

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
