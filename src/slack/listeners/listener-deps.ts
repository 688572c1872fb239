import type { CheckinComposer } from '../../domain/checkins/ports.ts';
import type { Clock } from '../../domain/clock.ts';
import type { UserServiceDeps } from '../../domain/users/user.service.ts';
import type { Logger } from '../../logger.ts';
import type { OutboxPort } from '../../domain/outbox/outgoing-message.ts';
import type { Db } from '../../persistence/database.ts';
import type { ChannelDirectory } from '../../domain/teams/ports.ts';
import type { PulseBallotBox } from '../../domain/pulse/ballot-box.ts';
import type { HomeRefresher } from '../home-refresher.ts';
import type { ViewSeal } from '../runtime/view-seal.ts';

/** What listeners may use: domain services and a logger, never config or secrets. */
export interface ListenerDeps {
  logger: Logger;
  clock: Clock;
  db: Db;
  users: UserServiceDeps;
  outbox: OutboxPort;
  /** Send queued messages now rather than at the next minute tick. */
  kickOutbox(): void;
  /** Builds a person's weekly check-in (features add sections to it). */
  checkinComposer: CheckinComposer;
  /** afterAckQueueLimit: /trust answers that may wait for a slot before "busy" (default: no bound). */
  settings: { catchUpMs: number; minGroupSize: number; afterAckQueueLimit?: number };
  /** Team channels' membership as Slack lists it (people only). */
  channels: ChannelDirectory;
  /** Anonymous pulse ratings: one sealed ballot per person per round, counted only at the close. */
  pulse: PulseBallotBox;
  /** Keeps App Homes current: call `home.refresh(workspaceId, userId)` after changing what one shows. */
  home: HomeRefresher;
  /** Seals and opens modals' private_metadata, so a submission cannot name ids the app never gave. */
  viewSeal: ViewSeal;
}
