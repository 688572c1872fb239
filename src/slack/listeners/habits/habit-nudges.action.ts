import type { BlockButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { setNudges } from '../../../domain/habits/nudge.service.ts';
import { habitActionIds, habitBlockIds } from '../../ids.ts';
import { buildNudgesSwitch, swapBlocks } from '../../blocks/habit.blocks.ts';
import { personOf } from '../checkins/person.ts';
import { interactionUser, workspaceOf } from '../../parsers/interaction.parser.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { createHabitsRenderer } from './habits.subcommand.ts';
import { originalBlocks } from './original-message.ts';
import { jsonValue } from '../../parsers/json-value.parser.ts';

const nudgesValue = jsonValue(z.object({ on: z.boolean() }), 100);

/** "Turn off/on nudges": the person's own mid-week nudge switch. */
export function registerHabitNudges(app: ListenerRegistrar, deps: ListenerDeps): void {
  const nudges = deps.stores.nudges;
  const renderHabits = createHabitsRenderer(deps);
  app.action<BlockButtonAction>(habitActionIds.nudges, async ({ ack, body, action, respond }) => {
    await ack();
    const who = interactionUser.safeParse(body);
    const value = nudgesValue.safeParse(action.value);
    const workspaceId = who.success ? workspaceOf(who.data) : undefined;
    if (!who.success || !value.success || !workspaceId) return;
    const person = await personOf(deps, workspaceId, who.data.user.id);
    const enabled = value.data.on;
    await setNudges(
      { nudges, clock: deps.clock },
      { workspaceId, userId: person.userId, zone: person.profile?.tz ?? null },
      enabled,
    );
    const blocks = originalBlocks(body);
    if (blocks) {
      const text = enabled ? person.m.habits.nudgesOn : person.m.habits.nudgesOff;
      const swapped = swapBlocks(blocks, [habitBlockIds.nudges], [buildNudgesSwitch(person.m, enabled)]);
      await respond({ replace_original: true, text, blocks: swapped });
      return;
    }
    // Slack leaves the message out for ephemeral sources (the `/trust habits` answer): draw it anew.
    const fresh = await renderHabits(person);
    await respond({
      response_type: 'ephemeral',
      replace_original: true,
      text: fresh.text,
      blocks: fresh.blocks,
    });
  });
}
