import type { AppContext } from '../../app-context.ts';
import type { UserServiceDeps } from '../../domain/users/user.service.ts';
import type { ChannelDirectory } from '../../domain/teams/ports.ts';
import type { HomeRefresher } from '../home-refresher.ts';
import type { ViewSeal } from '../runtime/view-seal.ts';

/**
 * What listeners may use: the app context's repositories and feature dependencies (built once in
 * src/app-context.ts) and the Slack-side services below; never `db`, config or secrets.
 * settings.afterAckQueueLimit: /trust answers that may wait for a slot before "busy" (default: no bound).
 */
export interface ListenerDeps
  extends Pick<
    AppContext,
    | 'logger'
    | 'clock'
    | 'settings'
    | 'stores'
    | 'outbox'
    | 'pulse'
    | 'checkinComposer'
    | 'digest'
    | 'teamDefaults'
    | 'privacy'
  > {
  /** People: the stored profile, read from Slack when missing or stale. */
  users: UserServiceDeps;
  /** Send queued messages now rather than at the next minute tick. */
  kickOutbox(): void;
  /** Team channels' membership as Slack lists it (people only). */
  channels: ChannelDirectory;
  /** Keeps App Homes current: call `home.refresh(workspaceId, userId)` after changing what one shows. */
  home: HomeRefresher;
  /** Seals and opens modals' private_metadata, so a submission cannot name ids the app never gave. */
  viewSeal: ViewSeal;
}
