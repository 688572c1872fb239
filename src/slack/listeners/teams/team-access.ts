import type { Actor } from '../../../domain/teams/team.service.ts';
import type { Person } from '../checkins/person.ts';

/** The acting person as the team rules see them; an unknown profile has no admin rights. */
export function actorOf(person: Person): Actor {
  return {
    workspaceId: person.workspaceId,
    userId: person.userId,
    isAdmin: person.profile?.isAdmin ?? false,
    isOwner: person.profile?.isOwner ?? false,
  };
}
