import type { Db } from '../../src/persistence/database.ts';
import type { OutboxStatus } from '../../src/persistence/tables.ts';
import type { SlackEmulator } from './slack-emulator/slack-emulator.ts';

/**
 * Many people at once for fan-out tests and benchmarks: rows written in bulk straight into `users`
 * and `checkin_schedules` (as the app would have them after meeting each person), and the same
 * people added to the emulator so their DMs can be delivered.
 */
export interface PopulationOptions {
  workspaceId: string;
  /** Upper-case letters and digits; ids are `U<prefix><n>`, unique per prefix. */
  prefix: string;
  count: number;
  /** Everybody's next check-in; their weekly target is this instant's weekday and time in `zone`. */
  dueAt: Date;
  /** Default UTC (keeps the weekly target exactly at `dueAt`). */
  zone?: string;
  /** When the profiles were fetched; fresh profiles make `/trust help` answer in the ack. */
  profileFetchedAt?: Date;
  /** Also make these people Slack users in the emulator. */
  emulator?: SlackEmulator;
}

const CHUNK = 1_000;

export function personId(prefix: string, n: number): string {
  return `U${prefix}${String(n).padStart(6, '0')}`;
}

/** Inserts `count` people with a schedule due at `dueAt`; returns their user ids. */
export async function seedDuePeople(db: Db, options: PopulationOptions): Promise<string[]> {
  const zone = options.zone ?? 'UTC';
  const fetchedAt = options.profileFetchedAt ?? new Date();
  const ids = Array.from({ length: options.count }, (_, i) => personId(options.prefix, i + 1));
  const target = utcTarget(options.dueAt);
  await db
    .insertInto('workspaces')
    .values({ id: options.workspaceId })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    await db
      .insertInto('users')
      .values(
        chunk.map((id) => ({
          workspace_id: options.workspaceId,
          slack_user_id: id,
          tz: zone,
          slack_locale: 'en-US',
          language: null,
          profile_fetched_at: fetchedAt,
        })),
      )
      .execute();
    await db
      .insertInto('checkin_schedules')
      .values(
        chunk.map((id) => ({
          workspace_id: options.workspaceId,
          user_id: id,
          weekday: target.weekday,
          local_time: target.time,
          next_due_at: options.dueAt,
        })),
      )
      .execute();
  }
  if (options.emulator) {
    for (const [i, id] of ids.entries()) {
      options.emulator.addUser(options.workspaceId, { id, name: `p${options.prefix}${i + 1}`, tz: zone });
    }
  }
  return ids;
}

/** The weekday (ISO, Monday = 1) and HH:MM of an instant in UTC. */
function utcTarget(at: Date): { weekday: number; time: string } {
  const weekday = at.getUTCDay() === 0 ? 7 : at.getUTCDay();
  const time = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
  return { weekday, time };
}

export interface DeliveryReport {
  /** People with exactly one DM. */
  once: number;
  /** People with no DM. */
  missing: string[];
  /** People with more than one DM. */
  duplicated: string[];
  /** Sum over people of (DMs - 1) where above one. */
  extraMessages: number;
}

/** What each person actually has in their DM with the app, according to the emulator. */
export function deliveryReport(emulator: SlackEmulator, userIds: ReadonlyArray<string>): DeliveryReport {
  const perChannel = new Map<string, number>();
  for (const message of emulator.messages()) {
    perChannel.set(message.channel, (perChannel.get(message.channel) ?? 0) + 1);
  }
  const report: DeliveryReport = { once: 0, missing: [], duplicated: [], extraMessages: 0 };
  for (const id of userIds) {
    const count = perChannel.get(emulator.dmChannelId(id)) ?? 0;
    if (count === 0) report.missing.push(id);
    else if (count === 1) report.once += 1;
    else {
      report.duplicated.push(id);
      report.extraMessages += count - 1;
    }
  }
  return report;
}

/** Outbox rows of check-ins to these people, by status. */
export async function outboxStatusCounts(
  db: Db,
  userIds: ReadonlyArray<string>,
): Promise<Record<OutboxStatus, number>> {
  const wanted = new Set(userIds);
  const rows = await db
    .selectFrom('outbox')
    .select(['channel', 'status'])
    .where('kind', '=', 'checkin')
    .execute();
  const counts: Record<OutboxStatus, number> = {
    pending: 0,
    sending: 0,
    sent: 0,
    dead: 0,
    unknown: 0,
    skipped: 0,
  };
  for (const row of rows) if (wanted.has(row.channel)) counts[row.status] += 1;
  return counts;
}
