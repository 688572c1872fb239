import type { Language } from './language.ts';

export interface UserProfile {
  workspaceId: string;
  userId: string;
  tz: string | null;
  slackLocale: string | null;
  /** Explicit choice in personal settings; null follows the Slack locale. */
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
