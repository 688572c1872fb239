// The manager check for listeners: the domain decides (authorizeManager), this logs a refusal
// Slack caused and says it to the person in their language.
import {
  authorizeManager,
  confirmActor,
  type ManagerAccess,
  type ManagerRefusal,
} from '../../../domain/teams/manager-access.ts';
import type { Team } from '../../../domain/teams/team.ts';
import type { Messages } from '../../../i18n/en.ts';
import type { Person } from '../checkins/person.ts';
import type { ListenerDeps } from '../listener-deps.ts';

/** May `person` manage `team` (or set one up, with no team)? */
export async function authorizeManagerOf(
  deps: ListenerDeps,
  person: Person,
  team: Team | undefined,
): Promise<ManagerAccess> {
  const access = await authorizeManager(
    { teams: deps.stores.teams, users: deps.users, clock: deps.clock },
    person,
    team,
  );
  if (!access.ok && access.reason === 'unconfirmed') logUnconfirmed(deps, access.error);
  return access;
}

/** Only the admin-rights confirmation, for a listener whose domain call checks the team itself. */
export async function confirmActorOf(deps: ListenerDeps, person: Person): ReturnType<typeof confirmActor> {
  const confirmed = await confirmActor({ users: deps.users, clock: deps.clock }, person);
  if (!confirmed.ok) logUnconfirmed(deps, confirmed.error);
  return confirmed;
}

/** What the person is told when a manager-only action is refused. */
export function managerRefusalText(m: Messages, reason: ManagerRefusal): string {
  return reason === 'unconfirmed' ? m.teams.rightsUnconfirmed : m.teams.notManager;
}

function logUnconfirmed(deps: ListenerDeps, error: unknown): void {
  deps.logger.warn({ err: error }, 'could not confirm admin rights with Slack; refused');
}
