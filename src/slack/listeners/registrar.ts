import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  Middleware,
  SlackAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcut,
  SlackShortcutMiddlewareArgs,
  SlackViewAction,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';

/** What the app listens to; the manifest test compares it with manifest.yml. */
export interface ListenerInventory {
  commands: string[];
  events: string[];
  actions: string[];
  views: string[];
  /** callback_ids of message and global shortcuts. */
  shortcuts: string[];
  /** callback_ids of Workflow Builder custom steps (`function_executed`). */
  functions: string[];
}

type Kind = keyof ListenerInventory;
// Each map holds listeners of one kind; the registration methods keep their types apart.
// biome-ignore lint/suspicious/noExplicitAny: erased here, typed at registration
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyListener = Middleware<any>;

/** Matches every id: the registrar picks the listener itself. */
const EVERY_ID = /^/;

/**
 * Registers listeners on the Bolt app and records each id, so the inventory cannot drift from
 * what is really registered.
 *
 * Bolt runs every registered listener's matching middleware for every request, so its cost grows
 * with the number of listeners. The registrar therefore gives Bolt one listener per kind (command,
 * event, action, view) and finds the right one in a map: one lookup per request, however many
 * features register. An id nobody listens to is acknowledged and logged, never left to time out.
 */
export class ListenerRegistrar {
  readonly inventory: ListenerInventory = {
    commands: [],
    events: [],
    actions: [],
    views: [],
    shortcuts: [],
    functions: [],
  };
  private readonly listeners: Record<Kind, Map<string, AnyListener>> = {
    commands: new Map(),
    events: new Map(),
    actions: new Map(),
    views: new Map(),
    shortcuts: new Map(),
    functions: new Map(),
  };
  private eventsHooked = false;

  constructor(
    private readonly app: App,
    private readonly onUnknown: (kind: Kind, id: string) => void = () => {},
  ) {}

  command(name: string, listener: Middleware<SlackCommandMiddlewareArgs>): void {
    if (this.add('commands', name, listener))
      this.app.command(EVERY_ID, (args) => this.dispatch('commands', args.command.command, args));
  }

  event<EventType extends string>(
    type: EventType,
    listener: Middleware<SlackEventMiddlewareArgs<EventType>>,
  ): void {
    this.add('events', type, listener);
    this.hookEvents();
  }

  /**
   * A Workflow Builder custom step. Slack sends it as a `function_executed` event, which Bolt does
   * not ack by itself; the registrar acks it first (as Bolt's `app.function` does by default), then
   * runs the listener with Bolt's `complete`/`fail` and a client on the execution's own token.
   */
  function(callbackId: string, listener: Middleware<SlackEventMiddlewareArgs<'function_executed'>>): void {
    this.add('functions', callbackId, listener);
    this.hookEvents();
  }

  shortcut<Shortcut extends SlackShortcut = SlackShortcut>(
    callbackId: string,
    listener: Middleware<SlackShortcutMiddlewareArgs<Shortcut>>,
  ): void {
    if (this.add('shortcuts', callbackId, listener))
      this.app.shortcut(EVERY_ID, (args) => this.dispatch('shortcuts', args.shortcut.callback_id, args));
  }

  action<Action extends SlackAction = SlackAction>(
    actionId: string,
    listener: Middleware<SlackActionMiddlewareArgs<Action>>,
  ): void {
    if (this.add('actions', actionId, listener))
      this.app.action(EVERY_ID, (args) => this.dispatch('actions', actionIdOf(args.payload), args));
  }

  view<ViewAction extends SlackViewAction = SlackViewAction>(
    callbackId: string,
    listener: Middleware<SlackViewMiddlewareArgs<ViewAction>>,
  ): void {
    if (this.add('views', callbackId, listener))
      this.app.view(EVERY_ID, (args) => this.dispatch('views', args.view.callback_id, args));
  }

  /** Records a listener; true when it is the first of its kind (Bolt then gets the dispatcher). */
  private add(kind: Kind, id: string, listener: AnyListener): boolean {
    if (this.listeners[kind].has(id)) throw new Error(`two listeners for ${kind} ${id}`);
    this.inventory[kind].push(id);
    this.listeners[kind].set(id, listener);
    return this.listeners[kind].size === 1;
  }

  /** Events and custom steps share Bolt's one event listener (a step arrives as an event). */
  private hookEvents(): void {
    if (this.eventsHooked) return;
    this.eventsHooked = true;
    this.app.event(EVERY_ID, async (args) => {
      if (args.event.type !== 'function_executed') return this.dispatch('events', args.event.type, args);
      const step = args as unknown as AnyMiddlewareArgs & AllMiddlewareArgs & { ack: () => Promise<void> };
      await step.ack();
      return this.dispatch('functions', callbackIdOf(args.event), { ...step, ack: async () => {} });
    });
  }

  private async dispatch(
    kind: Kind,
    id: string | undefined,
    args: AnyMiddlewareArgs & AllMiddlewareArgs,
  ): Promise<void> {
    const listener = id === undefined ? undefined : this.listeners[kind].get(id);
    if (listener) return listener(kind === 'actions' ? withRespond(args) : args);
    this.onUnknown(kind, id ?? '');
    if ('ack' in args && typeof args.ack === 'function') await args.ack();
  }
}

/**
 * Bolt gives a click a `respond` only when it came with a response_url (from a message). A click
 * without one (a modal, the App Home, or a forged payload) gets a respond that does nothing, so a
 * listener's answer under a message cannot turn into an unhandled TypeError.
 */
function withRespond<T extends object>(args: T): T {
  if ('respond' in args && typeof args.respond === 'function') return args;
  return { ...args, respond: async () => undefined };
}

function callbackIdOf(event: unknown): string | undefined {
  const id = (event as { function?: { callback_id?: unknown } }).function?.callback_id;
  return typeof id === 'string' ? id : undefined;
}

function actionIdOf(payload: unknown): string | undefined {
  const id = (payload as { action_id?: unknown }).action_id;
  return typeof id === 'string' ? id : undefined;
}
