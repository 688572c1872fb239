/** The demo workspace used across tests and `npm run demo` (ids match PLATFORM.md's examples). */
import type { Directory } from './directory.ts';
import type { Workspace } from './types.ts';

export const DEMO_TEAM_ID = 'T0TEAM001';
export const DEMO_TEAM_NAME = 'Acme';
export const DEMO_TEAM_DOMAIN = 'acme';
export const DEMO_BOT_USER_ID = 'U0TRUSTBOT';
export const DEMO_BOT_ID = 'B0TRUST01';
export const DEMO_APP_ID = 'A0TRUST01';

export const ALICE_ID = 'U0ALICE01';
export const BOB_ID = 'U0BOB0001';
export const KARI_ID = 'U0KARI001';
/** Another app's bot user: a channel member that is not a person. */
export const OTHER_BOT_ID = 'U0POLLBOT';
/** A deactivated account that is still listed as a channel member. */
export const DEACTIVATED_ID = 'U0GONE001';

export const TEAM_CHANNEL_ID = 'C0TEAMCH1';
export const TEAM_CHANNEL_NAME = 'team-rocket';
/** Public channel the bot has not joined (posting answers `not_in_channel`). */
export const RANDOM_CHANNEL_ID = 'C0RANDOM1';
/** Private channel without the bot (reads answer `channel_not_found`). */
export const SECRET_CHANNEL_ID = 'C0SECRET1';

export function seedDemo(directory: Directory): Workspace {
  const workspace = directory.addWorkspace({
    id: DEMO_TEAM_ID,
    name: DEMO_TEAM_NAME,
    domain: DEMO_TEAM_DOMAIN,
    botUserId: DEMO_BOT_USER_ID,
    botId: DEMO_BOT_ID,
    appId: DEMO_APP_ID,
  });
  const team = workspace.id;
  directory.addUser(team, {
    id: ALICE_ID,
    name: 'alice',
    realName: 'Alice Aasen',
    tz: 'Europe/Oslo',
    locale: 'en-US',
    isAdmin: true,
  });
  directory.addUser(team, {
    id: BOB_ID,
    name: 'bob',
    realName: 'Bob Brown',
    tz: 'America/New_York',
    locale: 'en-US',
  });
  directory.addUser(team, {
    id: KARI_ID,
    name: 'kari',
    realName: 'Kari Nordmann',
    tz: 'Europe/Oslo',
    locale: 'nb-NO',
  });
  directory.addUser(team, { id: OTHER_BOT_ID, name: 'pollbot', realName: 'Poll Bot', isBot: true });
  directory.addUser(team, { id: DEACTIVATED_ID, name: 'dave', realName: 'Dave Departed', deleted: true });
  const people = [ALICE_ID, BOB_ID, KARI_ID];
  directory.addChannel({
    id: TEAM_CHANNEL_ID,
    teamId: team,
    name: TEAM_CHANNEL_NAME,
    members: [...people, OTHER_BOT_ID, DEACTIVATED_ID],
    botIsMember: true,
  });
  directory.addChannel({
    id: RANDOM_CHANNEL_ID,
    teamId: team,
    name: 'random',
    members: people,
    botIsMember: false,
  });
  directory.addChannel({
    id: SECRET_CHANNEL_ID,
    teamId: team,
    name: 'secret',
    isPrivate: true,
    members: [ALICE_ID],
    botIsMember: false,
  });
  return workspace;
}
