import type { UserRepository } from '../domain/users/ports.ts';
import type { UserProfile } from '../domain/users/user.ts';

/**
 * Keeps recently seen profiles in memory so the hot path (`/trust` acks) does not wait on the
 * database. Entries live briefly, so a change made through another instance shows within the TTL.
 */
export function createCachedUserRepository(
  inner: UserRepository,
  options: { ttlMs: number; maxEntries: number; now?: () => number },
): UserRepository & Required<Pick<UserRepository, 'forget'>> {
  const now = options.now ?? (() => performance.timeOrigin + performance.now());
  const entries = new Map<string, { profile: UserProfile; expiresAt: number }>();
  const keyOf = (workspaceId: string, userId: string) => `${workspaceId}:${userId}`;
  const remember = (profile: UserProfile) => {
    const key = keyOf(profile.workspaceId, profile.userId);
    entries.delete(key);
    entries.set(key, { profile, expiresAt: now() + options.ttlMs });
    if (entries.size > options.maxEntries) {
      const oldest = entries.keys().next();
      if (!oldest.done) entries.delete(oldest.value);
    }
  };

  return {
    async find(workspaceId, userId) {
      const key = keyOf(workspaceId, userId);
      const hit = entries.get(key);
      if (hit && hit.expiresAt > now()) return hit.profile;
      entries.delete(key);
      const profile = await inner.find(workspaceId, userId);
      if (profile) remember(profile);
      return profile;
    },
    async saveSlackProfile(profile) {
      const saved = await inner.saveSlackProfile(profile);
      remember(saved);
      return saved;
    },
    forget(workspaceId, userId) {
      entries.delete(keyOf(workspaceId, userId));
      inner.forget?.(workspaceId, userId);
    },
  };
}
