import { sendCheckinNow } from '../../../domain/checkins/checkin.service.ts';
import { textMessage } from '../commands/trust.command.ts';
import type { SubcommandHandler } from '../commands/subcommand.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { personOf } from './person.ts';

/** `/trust checkin`: this week's check-in now; the scheduled one then does not come this week. */
export function checkinSubcommand(deps: ListenerDeps): SubcommandHandler {
  const checkins = deps.stores.checkins;
  return async (ctx) => {
    const person = await personOf(deps, ctx.workspaceId, ctx.userId);
    const result = await sendCheckinNow(
      { checkins, composer: deps.checkinComposer, catchUpMs: deps.settings.catchUpMs, clock: deps.clock },
      {
        workspaceId: ctx.workspaceId,
        userId: ctx.userId,
        zone: person.profile?.tz ?? null,
        language: person.language,
      },
    );
    if (!result.ok)
      return textMessage(
        result.reason === 'no_zone' ? ctx.m.checkin.noSchedule : ctx.m.checkin.alreadyHandled,
      );
    deps.kickOutbox();
    return textMessage(ctx.m.checkin.sentNow);
  };
}
