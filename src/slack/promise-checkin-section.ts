import { DateTime } from 'luxon';
import { listMyPromisesDueBy } from '../domain/promises/promise.service.ts';
import { isValidZone } from '../domain/schedule/local-time.ts';
import { personKey } from '../domain/schedule/weekly-send.ts';
import type { CheckinPageReads } from '../domain/checkins/ports.ts';
import type { CheckinSection } from './checkin-composer.ts';
import { buildPromiseCheckinSection } from './blocks/promise.blocks.ts';

/** The check-in's promises: open ones due by the end of the check-in's week (in the person's zone) or overdue. */
export function createPromisesCheckinSection(
  reads: Pick<CheckinPageReads, 'activePromisesOf'>,
): CheckinSection {
  return async (page) => {
    const active = await reads.activePromisesOf(page);
    return Promise.all(
      page.map(async ({ workspaceId, userId, week, language, zone, now }) => {
        const timeZone = isValidZone(zone) ? zone : 'UTC';
        const promises = { listActiveFor: async () => active.get(personKey({ workspaceId, userId })) ?? [] };
        const due = await listMyPromisesDueBy(
          { promises },
          workspaceId,
          userId,
          endOfWeek(week, timeZone, now),
        );
        return buildPromiseCheckinSection({ language, timeZone, now }, due);
      }),
    );
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
