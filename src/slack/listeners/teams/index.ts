import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { registerMemberChannelEvents } from './member-channel.event.ts';
import { registerTeamRemoveAction } from './team-remove.action.ts';
import { registerTeamSettingsView } from './team-settings.submit.ts';
import {
  teamManagersAddSubcommand,
  teamRemoveSubcommand,
  teamSettingsSubcommand,
  teamSetupSubcommand,
} from './team.subcommand.ts';

/** Teams: `/trust team …`, the settings modal, the remove button and channel membership events. */
export function registerTeamListeners(app: ListenerRegistrar, deps: ListenerDeps) {
  registerTeamSettingsView(app, deps);
  registerTeamRemoveAction(app, deps);
  registerMemberChannelEvents(app, deps);
  return {
    teamSetup: teamSetupSubcommand(deps),
    teamSettings: teamSettingsSubcommand(deps),
    teamManagersAdd: teamManagersAddSubcommand(deps),
    teamRemove: teamRemoveSubcommand(deps),
  };
}
