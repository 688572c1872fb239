import type { Clock } from '../clock.ts';
import { type Language, resolveLanguage } from './language.ts';
import type { SlackUserSource, UserRepository } from './ports.ts';
import { isProfileFresh, type UserProfile } from './user.ts';

export interface UserServiceDeps {
  users: UserRepository;
  slack: SlackUserSource;
  clock: Clock;
  /**
   * Told after every save, with the time zone before it (e.g. to move the check-in schedule);
   * answers true when it changed what is stored about the person (a team's defaults, language).
   */
  onProfileSaved?: (profile: UserProfile, previousTz: string | null | undefined) => Promise<boolean>;
}

/** Stores what Slack says about a person and lets interested features react. */
export async function recordSlackProfile(
  deps: UserServiceDeps,
  profile: Omit<UserProfile, 'language'>,
  previous?: UserProfile,
): Promise<UserProfile> {
  const saved = await deps.users.saveSlackProfile(profile);
  if (!(await deps.onProfileSaved?.(saved, previous?.tz))) return saved;
  // The hook gave the person a team's defaults, and perhaps with them another language.
  deps.users.forget?.(saved.workspaceId, saved.userId);
  return (await deps.users.find(saved.workspaceId, saved.userId)) ?? saved;
}

/**
 * A person's profile, refreshed from Slack when missing or stale. When Slack cannot be reached,
 * a stale profile is still better than none; with no profile at all the caller gets the error.
 */
export async function getUserProfile(
  deps: UserServiceDeps,
  workspaceId: string,
  userId: string,
): Promise<UserProfile> {
  const known = await deps.users.find(workspaceId, userId);
  if (known && isProfileFresh(known, deps.clock.now())) return known;
  try {
    const fetched = await deps.slack.fetchUser(workspaceId, userId);
    return await recordSlackProfile(deps, { ...fetched, profileFetchedAt: deps.clock.now() }, known);
  } catch (error) {
    if (known) return known;
    throw error;
  }
}

export async function getUserLanguage(
  deps: UserServiceDeps,
  workspaceId: string,
  userId: string,
): Promise<Language> {
  try {
    const profile = await getUserProfile(deps, workspaceId, userId);
    return resolveLanguage(profile.language, profile.slackLocale);
  } catch {
    // Language is a courtesy: an unreachable Slack must not stop an answer.
    return 'en';
  }
}
