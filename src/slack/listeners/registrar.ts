import type {
  App,
  Middleware,
  SlackAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewAction,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';

/** What the app listens to; the manifest test compares it with manifest.yml. */
export interface ListenerInventory {
  commands: string[];
  events: string[];
  actions: string[];
  views: string[];
}

/**
 * Registers listeners on the Bolt app and records each id, so the inventory cannot drift from
 * what is really registered.
 */
export class ListenerRegistrar {
  readonly inventory: ListenerInventory = { commands: [], events: [], actions: [], views: [] };

  constructor(private readonly app: App) {}

  command(name: string, listener: Middleware<SlackCommandMiddlewareArgs>): void {
    this.inventory.commands.push(name);
    this.app.command(name, listener);
  }

  event<EventType extends string>(
    type: EventType,
    listener: Middleware<SlackEventMiddlewareArgs<EventType>>,
  ): void {
    this.inventory.events.push(type);
    this.app.event(type, listener);
  }

  action<Action extends SlackAction = SlackAction>(
    actionId: string,
    listener: Middleware<SlackActionMiddlewareArgs<Action>>,
  ): void {
    this.inventory.actions.push(actionId);
    this.app.action<Action>(actionId, listener);
  }

  view<ViewAction extends SlackViewAction = SlackViewAction>(
    callbackId: string,
    listener: Middleware<SlackViewMiddlewareArgs<ViewAction>>,
  ): void {
    this.inventory.views.push(callbackId);
    this.app.view<ViewAction>(callbackId, listener);
  }
}
