/** Modal stacks (max 3 views, PLATFORM.md §4.1) and Home tabs, per user. */
import { isRecord } from './block-kit.ts';
import type { IdGenerator } from './ids.ts';
import type { Json, StoredView, ViewState, Workspace } from './types.ts';
import { carryOverState, initialState, withGeneratedIds } from './view-state.ts';

export const MODAL_STACK_LIMIT = 3;

export class ViewStore {
  private views = new Map<string, StoredView>();
  /** Open modal view ids per user, bottom first. */
  private stacks = new Map<string, string[]>();
  private homes = new Map<string, string>();

  constructor(
    private readonly ids: IdGenerator,
    private readonly now: () => number,
  ) {}

  /** views.open starts a new stack for the user. */
  openModal(teamId: string, userId: string, body: Json): StoredView {
    this.clearStack(userId);
    const view = this.create(teamId, userId, 'modal', body, null);
    this.stacks.set(userId, [view.id]);
    return view;
  }

  pushModal(teamId: string, userId: string, body: Json): StoredView | 'push_limit_reached' | 'not_found' {
    const stack = this.stacks.get(userId) ?? [];
    const top = stack.at(-1);
    if (top === undefined) return 'not_found';
    if (stack.length >= MODAL_STACK_LIMIT) return 'push_limit_reached';
    const view = this.create(teamId, userId, 'modal', body, this.views.get(top) ?? null);
    stack.push(view.id);
    return view;
  }

  /** Replaces the view's content, keeping what the user typed into unchanged inputs. */
  update(view: StoredView, body: Json): StoredView {
    const blocks = withGeneratedIds(body.blocks);
    view.body = { ...body, blocks };
    view.state = carryOverState(view.state, initialState(blocks));
    view.hash = this.ids.viewHash(this.now());
    return view;
  }

  publishHome(teamId: string, userId: string, body: Json): StoredView {
    const existing = this.home(userId);
    if (existing !== undefined) return this.update(existing, body);
    const view = this.create(teamId, userId, 'home', body, null);
    this.homes.set(userId, view.id);
    return view;
  }

  get(viewId: string): StoredView | undefined {
    return this.views.get(viewId);
  }

  byExternalId(teamId: string, externalId: string): StoredView | undefined {
    return [...this.views.values()].find(
      (v) => v.teamId === teamId && v.body.external_id === externalId && v.open,
    );
  }

  modalStack(userId: string): StoredView[] {
    return (this.stacks.get(userId) ?? []).flatMap((id) => this.views.get(id) ?? []);
  }

  home(userId: string): StoredView | undefined {
    const id = this.homes.get(userId);
    return id === undefined ? undefined : this.views.get(id);
  }

  /**
   * What the user typed or picked, merged per block_id/action_id into the view's state; an entry
   * keeps its `type` unless the new value names one.
   */
  setValues(view: StoredView, values: ViewState['values']): void {
    for (const [blockId, actions] of Object.entries(values)) {
      const block: Record<string, unknown> = { ...view.state.values[blockId] };
      for (const [actionId, entry] of Object.entries(actions)) {
        const previous = block[actionId];
        block[actionId] = isRecord(previous) && isRecord(entry) ? { ...previous, ...entry } : entry;
      }
      view.state.values[blockId] = block;
    }
  }

  /** Closes `viewId` and every view pushed on top of it. */
  close(viewId: string): void {
    const view = this.views.get(viewId);
    if (view === undefined) return;
    const stack = this.stacks.get(view.userId) ?? [];
    const index = stack.indexOf(viewId);
    if (index < 0) return;
    for (const id of stack.splice(index)) this.markClosed(id);
  }

  clearStack(userId: string): void {
    for (const id of this.stacks.get(userId) ?? []) this.markClosed(id);
    this.stacks.delete(userId);
  }

  clear(): void {
    this.views.clear();
    this.stacks.clear();
    this.homes.clear();
  }

  private markClosed(viewId: string): void {
    const view = this.views.get(viewId);
    if (view !== undefined) view.open = false;
  }

  private create(
    teamId: string,
    userId: string,
    type: StoredView['type'],
    body: Json,
    previous: StoredView | null,
  ): StoredView {
    const id = this.ids.next('V');
    const blocks = withGeneratedIds(body.blocks);
    const view: StoredView = {
      id,
      teamId,
      userId,
      type,
      body: { ...body, blocks },
      hash: this.ids.viewHash(this.now()),
      state: initialState(blocks),
      rootViewId: previous?.rootViewId ?? id,
      previousViewId: previous?.id ?? null,
      open: true,
    };
    this.views.set(id, view);
    return view;
  }
}

/** The view object as Slack returns it from views.* and sends it in payloads. */
export function toApiView(view: StoredView, workspace: Workspace): Json {
  const b = view.body;
  return {
    id: view.id,
    team_id: view.teamId,
    type: view.type,
    blocks: b.blocks,
    private_metadata: b.private_metadata ?? '',
    callback_id: b.callback_id ?? '',
    state: view.state,
    hash: view.hash,
    title: b.title ?? null,
    clear_on_close: b.clear_on_close ?? false,
    notify_on_close: b.notify_on_close ?? false,
    close: b.close ?? null,
    submit: b.submit ?? null,
    previous_view_id: view.previousViewId,
    root_view_id: view.rootViewId,
    app_id: workspace.appId,
    external_id: b.external_id ?? '',
    app_installed_team_id: workspace.id,
    bot_id: workspace.botId,
  };
}
