import type { Clock } from '../clock.ts';
import type { UserProfile } from '../users/user.ts';
import { recordSlackProfile, type UserServiceDeps } from '../users/user.service.ts';
import type { TeamRepository } from './ports.ts';
import { type Actor, canManage } from './team.service.ts';
import type { Team } from './team.ts';

/** Admin rights older than this are read again from Slack before a manager-only action. */
export const ADMIN_RIGHTS_MAX_AGE_MS = 5 * 60_000;

/** The person acting, with their stored profile (which carries workspace admin rights). */
export interface ActingPerson {
  workspaceId: string;
  userId: string;
  profile: UserProfile | undefined;
}

export interface ManagerAccessDeps {
  teams: Pick<TeamRepository, 'isManager' | 'managesAnyTeam'>;
  users: UserServiceDeps;
  clock: Clock;
}

/** `unconfirmed`: the rights at stake were a workspace admin's, and Slack could not confirm them. */
export type ManagerRefusal = 'unconfirmed' | 'not_manager';

export type ManagerAccess =
  | { ok: true; actor: Actor }
  | { ok: false; reason: 'not_manager' }
  | { ok: false; reason: 'unconfirmed'; error: unknown };

/** The acting person as the team rules see them; an unknown profile has no admin rights. */
export function actorOfPerson(person: ActingPerson): Actor {
  return {
    workspaceId: person.workspaceId,
    userId: person.userId,
    isAdmin: person.profile?.isAdmin ?? false,
    isOwner: person.profile?.isOwner ?? false,
  };
}

/**
 * The actor for a manager-only action. A stored profile may be up to a day old, so rights that come
 * from being a workspace admin or owner are confirmed with Slack (users.info) when the profile is
 * older than 5 minutes: a demoted admin loses them at once. Refused when Slack cannot answer and
 * only those rights were at stake (fail closed); rights the app granted itself need no re-read.
 */
export async function confirmActor(
  deps: Pick<ManagerAccessDeps, 'users' | 'clock'>,
  person: ActingPerson,
): Promise<{ ok: true; actor: Actor } | { ok: false; reason: 'unconfirmed'; error: unknown }> {
  const profile = person.profile;
  if (!profile || !(profile.isAdmin || profile.isOwner)) return { ok: true, actor: actorOfPerson(person) };
  const now = deps.clock.now();
  const fetchedAt = profile.profileFetchedAt?.getTime();
  if (fetchedAt !== undefined && now.getTime() - fetchedAt < ADMIN_RIGHTS_MAX_AGE_MS)
    return { ok: true, actor: actorOfPerson(person) };
  try {
    const fetched = await deps.users.slack.fetchUser(person.workspaceId, person.userId);
    const saved = await recordSlackProfile(deps.users, { ...fetched, profileFetchedAt: now }, profile);
    return { ok: true, actor: actorOfPerson({ ...person, profile: saved }) };
  } catch (error) {
    return { ok: false, reason: 'unconfirmed', error };
  }
}

/**
 * May this person manage `team` (or, with no team yet, set one up)? Confirms admin rights first
 * (`confirmActor`), then applies the team rules (`canManage`).
 */
export async function authorizeManager(
  deps: ManagerAccessDeps,
  person: ActingPerson,
  team: Team | undefined,
): Promise<ManagerAccess> {
  const confirmed = await confirmActor(deps, person);
  if (!confirmed.ok) return confirmed;
  if (!(await canManage(deps, confirmed.actor, team))) return { ok: false, reason: 'not_manager' };
  return confirmed;
}
