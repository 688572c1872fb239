import type { webApi } from '@slack/bolt';
import { listMyPromises } from '../domain/promises/promise.service.ts';
import { messages } from '../i18n/index.ts';
import type { ListenerDeps } from './listeners/listener-deps.ts';
import { audienceOf, promiseServiceDeps } from './listeners/promises/promise-interaction.ts';
import { buildHomeView } from './views/home.view.ts';
import { buildPromiseHomeSection } from './views/promise.view.ts';

/** Builds and publishes a person's App Home: their open promises, then how to get started. */
export async function publishHome(
  deps: ListenerDeps,
  client: webApi.WebClient,
  workspaceId: string,
  userId: string,
): Promise<void> {
  const a = await audienceOf(deps, workspaceId, userId);
  const mine = await listMyPromises(promiseServiceDeps(deps), workspaceId, userId);
  await client.views.publish({
    user_id: userId,
    view: buildHomeView(messages(a.language), [buildPromiseHomeSection(a, mine)]),
  });
}
