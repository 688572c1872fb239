import type { Actor } from '../../../domain/teams/team.service.ts';
import { recordSlackProfile } from '../../../domain/users/user.service.ts';
import type { Person } from '../checkins/person.ts';
import type { ListenerDeps } from '../listener-deps.ts';

/** The acting person as the team rules see them; an unknown profile has no admin rights. */
export function actorOf(person: Person): Actor {
  return {
    workspaceId: person.workspaceId,
    userId: person.userId,
    isAdmin: person.profile?.isAdmin ?? false,
    isOwner: person.profile?.isOwner ?? false,
  };
}

/** Admin rights older than this are read again from Slack before a manager-only action. */
export const ADMIN_RIGHTS_MAX_AGE_MS = 5 * 60_000;

/**
 * The actor for a manager-only action. A stored profile may be up to a day old, so rights that come
 * from being a workspace admin or owner are confirmed with Slack (users.info) when the profile is
 * older than 5 minutes: a demoted admin loses them at once. Undefined when Slack cannot answer and
 * only those rights were at stake (fail closed); rights the app granted itself need no re-read.
 */
export async function managerActorOf(deps: ListenerDeps, person: Person): Promise<Actor | undefined> {
  const profile = person.profile;
  if (!profile || !(profile.isAdmin || profile.isOwner)) return actorOf(person);
  const now = deps.clock.now();
  const fetchedAt = profile.profileFetchedAt?.getTime();
  if (fetchedAt !== undefined && now.getTime() - fetchedAt < ADMIN_RIGHTS_MAX_AGE_MS) return actorOf(person);
  try {
    const fetched = await deps.users.slack.fetchUser(person.workspaceId, person.userId);
    const saved = await recordSlackProfile(deps.users, { ...fetched, profileFetchedAt: now }, profile);
    return actorOf({ ...person, profile: saved });
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not confirm admin rights with Slack; refused');
    return undefined;
  }
}
