import type { Clock } from '../clock.ts';
import { type Language, resolveLanguage } from './language.ts';
import type { SlackUserSource, UserRepository } from './ports.ts';
import { isProfileFresh, type UserProfile } from './user.ts';

export interface UserServiceDeps {
  users: UserRepository;
  slack: SlackUserSource;
  clock: Clock;
}

/**
 * A person's profile, refreshed from Slack when missing or stale. When Slack cannot be reached,
 * a stale profile is still better than none; with no profile at all the caller gets undefined.
 */
export async function getUserProfile(
  deps: UserServiceDeps,
  workspaceId: string,
  userId: string,
): Promise<UserProfile | undefined> {
  const known = await deps.users.find(workspaceId, userId);
  if (known && isProfileFresh(known, deps.clock.now())) return known;
  try {
    const fetched = await deps.slack.fetchUser(workspaceId, userId);
    return await deps.users.saveSlackProfile({ ...fetched, profileFetchedAt: deps.clock.now() });
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
    return resolveLanguage(profile?.language, profile?.slackLocale);
  } catch {
    // Language is a courtesy: an unreachable Slack must not stop an answer.
    return 'en';
  }
}
