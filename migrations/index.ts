import type { Migration } from 'kysely';
import * as m20261123T100000 from './20261123T100000-workspaces-and-users.ts';
import * as m20261123T110000 from './20261123T110000-outbox-and-scheduler.ts';
import * as m20261123T120000 from './20261123T120000-checkins.ts';
import * as m20261123T130000 from './20261123T130000-promises.ts';
import * as m20261123T140000 from './20261123T140000-teams-and-pulse.ts';
import * as m20261123T150000 from './20261123T150000-habits.ts';
import * as m20261123T160000 from './20261123T160000-app-instances.ts';
import * as m20261123T170000 from './20261123T170000-personal-settings.ts';
import * as m20261123T180000 from './20261123T180000-team-digests.ts';
import * as m20261123T200000 from './20261123T200000-installations.ts';
import * as m20261123T220000 from './20261123T220000-outbox-retention.ts';
import * as m20261123T230000 from './20261123T230000-profile-refresh-index.ts';
import * as m20261205T100000 from './20261205T100000-sealed-ballots.ts';
import * as m20261205T110000 from './20261205T110000-command-replays.ts';
import * as m20261205T120000 from './20261205T120000-promise-source-link.ts';
import * as m20261205T130000 from './20261205T130000-language-order.ts';
import * as m20261205T140000 from './20261205T140000-promise-due-choices.ts';
import * as m20261205T150000 from './20261205T150000-home-charts.ts';
import * as m20261205T160000 from './20261205T160000-fanout-indexes.ts';
import * as m20261205T180000 from './20261205T180000-outbox-subjects.ts';

// Every migration, by file name. Imported statically so the same list runs under tsx, vitest and
// any bundler; a test checks it against the folder.
export const migrations: Record<string, Migration> = {
  '20261123T100000-workspaces-and-users': m20261123T100000,
  '20261123T110000-outbox-and-scheduler': m20261123T110000,
  '20261123T120000-checkins': m20261123T120000,
  '20261123T130000-promises': m20261123T130000,
  '20261123T140000-teams-and-pulse': m20261123T140000,
  '20261123T150000-habits': m20261123T150000,
  '20261123T160000-app-instances': m20261123T160000,
  '20261123T170000-personal-settings': m20261123T170000,
  '20261123T180000-team-digests': m20261123T180000,
  '20261123T200000-installations': m20261123T200000,
  '20261123T220000-outbox-retention': m20261123T220000,
  '20261123T230000-profile-refresh-index': m20261123T230000,
  '20261205T100000-sealed-ballots': m20261205T100000,
  '20261205T110000-command-replays': m20261205T110000,
  '20261205T120000-promise-source-link': m20261205T120000,
  '20261205T130000-language-order': m20261205T130000,
  '20261205T140000-promise-due-choices': m20261205T140000,
  '20261205T150000-home-charts': m20261205T150000,
  '20261205T160000-fanout-indexes': m20261205T160000,
  '20261205T180000-outbox-subjects': m20261205T180000,
};
