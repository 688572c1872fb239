import { DateTime } from 'luxon';
import { listMyPromisesDueBy } from '../domain/promises/promise.service.ts';
import type { Db } from '../persistence/database.ts';
import { createPgPromiseRepository } from '../persistence/pg-promise.repository.ts';
import { createPgUserRepository } from '../persistence/pg-user.repository.ts';
import type { CheckinSection } from './checkin-composer.ts';
import { readerOf } from './promise-notifier.ts';
import { buildPromiseCheckinSection } from './blocks/promise.blocks.ts';

/** The check-in's promises: open ones due by the end of the check-in's week (in the person's zone) or overdue. */
export function createPromisesCheckinSection(db: Db): CheckinSection {
  const promises = createPgPromiseRepository(db);
  const users = createPgUserRepository(db);
  return async ({ workspaceId, userId, week, language, now }) => {
    const { timeZone } = readerOf(await users.find(workspaceId, userId));
    const due = await listMyPromisesDueBy({ promises }, workspaceId, userId, endOfWeek(week, timeZone, now));
    return buildPromiseCheckinSection({ language, timeZone, now }, due);
  };
}

/** The end of an ISO week ("2026-W48") in a zone; for a label it cannot read, seven days from now. */
function endOfWeek(week: string, zone: string, now: Date): Date {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  const start = match
    ? DateTime.fromObject({ weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 }, { zone })
    : undefined;
  return start?.isValid ? start.plus({ weeks: 1 }).toJSDate() : new Date(now.getTime() + 7 * 24 * 3_600_000);
}
