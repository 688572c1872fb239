import type { BlockButtonAction } from '@slack/bolt';
import { reflect } from '../../../domain/habits/habit.service.ts';
import type { ReflectionAnswer } from '../../../domain/habits/reflection.ts';
import { habitActionIds } from '../../ids.ts';
import { buildReflectionBlocks, reflectionBlockIds, swapBlocks } from '../../blocks/habit.blocks.ts';
import { personOf, weekValue } from '../checkins/person.ts';
import { interactionUser, workspaceOf } from '../../parsers/interaction.parser.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { originalBlocks } from './original-message.ts';

const answers: Array<[string, ReflectionAnswer]> = [
  [habitActionIds.reflectOften, 'often'],
  [habitActionIds.reflectSometimes, 'sometimes'],
  [habitActionIds.reflectNotYet, 'not_yet'],
];

/** Often / Sometimes / Not yet in the check-in: stores the answer and updates the message in place. */
export function registerHabitReflect(app: ListenerRegistrar, deps: ListenerDeps): void {
  const habits = deps.stores.habits;
  for (const [actionId, answer] of answers) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const who = interactionUser.safeParse(body);
      const value = weekValue.safeParse(action.value);
      const workspaceId = who.success ? workspaceOf(who.data) : undefined;
      if (!who.success || !value.success || !workspaceId) return;
      const person = await personOf(deps, workspaceId, who.data.user.id);
      const result = await reflect(
        { habits, clock: deps.clock },
        { workspaceId, userId: person.userId, zone: person.profile?.tz ?? null },
        value.data.w,
        answer,
      );
      if (!result.ok) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: person.m.habits.weekOver,
        });
        return;
      }
      deps.home.refresh(workspaceId, person.userId);
      const updated = buildReflectionBlocks(person.m, value.data.w, result.answer, result.streak);
      const blocks = originalBlocks(body);
      const text = person.m.habits.answered(person.m.habits.answers[result.answer]);
      await respond(
        blocks
          ? { replace_original: true, text, blocks: swapBlocks(blocks, reflectionBlockIds, updated) }
          : { response_type: 'ephemeral', replace_original: false, text },
      );
    });
  }
}
