import { z } from 'zod';

/** Who is acting and in which workspace: the part of every interaction payload listeners read. */
export const interactionUser = z.object({
  user: z.object({ id: z.string().min(1), team_id: z.string().min(1).optional() }),
  team: z
    .object({ id: z.string().min(1) })
    .nullable()
    .optional(),
  trigger_id: z.string().optional(),
});

/** The workspace an interaction happened in (Enterprise Grid payloads may only name the user's). */
export function workspaceOf(
  body: Pick<z.infer<typeof interactionUser>, 'team' | 'user'>,
): string | undefined {
  return body.team?.id ?? body.user.team_id;
}

/** The parts of a block_actions, view_submission or shortcut payload the promise listeners read. */
const interactionPayload = interactionUser.extend({
  trigger_id: z.string().min(1).optional(),
  response_url: z.string().min(1).optional(),
});

/** Who clicked or submitted, in which workspace, and how to answer them. */
export interface InteractionActor {
  workspaceId: string;
  userId: string;
  triggerId: string | undefined;
  /** Present when the click came from a message (not from the App Home or a modal). */
  responseUrl: string | undefined;
}

/** Undefined when the payload does not say who acted in which workspace. */
export function actorFromBody(body: unknown): InteractionActor | undefined {
  const parsed = interactionPayload.safeParse(body);
  if (!parsed.success) return undefined;
  const workspaceId = workspaceOf(parsed.data);
  if (!workspaceId) return undefined;
  return {
    workspaceId,
    userId: parsed.data.user.id,
    triggerId: parsed.data.trigger_id,
    responseUrl: parsed.data.response_url,
  };
}
