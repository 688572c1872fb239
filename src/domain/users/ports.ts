import type { UserProfile } from './user.ts';

export interface UserRepository {
  find(workspaceId: string, userId: string): Promise<UserProfile | undefined>;
  /** Stores what Slack says about a person; keeps their own settings (language) untouched. */
  saveSlackProfile(profile: Omit<UserProfile, 'language'>): Promise<UserProfile>;
  /** Drops any cached copy after a change made elsewhere (settings, deletion). */
  forget?(workspaceId: string, userId: string): void;
}

/** What Slack knows about a person (users.info). */
export interface SlackUserSource {
  fetchUser(workspaceId: string, userId: string): Promise<Omit<UserProfile, 'language' | 'profileFetchedAt'>>;
}
