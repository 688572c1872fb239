import type { Language } from './language.ts';

export interface UserProfile {
  workspaceId: string;
  userId: string;
  /** The zone every feature uses: the person's override in settings, else Slack's. */
  tz: string | null;
  /** Slack's zone, when read from storage (the settings modal offers it as the default). */
  slackTz?: string | null;
  slackLocale: string | null;
  /** Own choice in personal settings, else the team's language; null follows the Slack locale. */
  language: Language | null;
  isAdmin: boolean;
  isOwner: boolean;
  isBot: boolean;
  isDeleted: boolean;
  profileFetchedAt: Date | null;
}

/** Profiles older than this are refreshed from Slack on the next interaction. */
export const PROFILE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function isProfileFresh(profile: UserProfile, now: Date): boolean {
  return (
    profile.profileFetchedAt !== null &&
    now.getTime() - profile.profileFetchedAt.getTime() < PROFILE_MAX_AGE_MS
  );
}
