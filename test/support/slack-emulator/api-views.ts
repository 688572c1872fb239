/** views.open / push / update / publish (PLATFORM.md §3.2, §4.1). */
import { type BotCall, type BotHandler, fail, missingSlackFiles, ok, str } from './api-common.ts';
import { isRecord, validateView } from './block-kit.ts';
import type { EmulatorState } from './state.ts';
import type { ApiBody, Json, StoredView } from './types.ts';
import { toApiView } from './view-store.ts';

/** The `view` argument, Block Kit-checked; invalid views are recorded for tests to assert on. */
function checkedView(
  state: EmulatorState,
  method: string,
  view: unknown,
  expected?: 'modal' | 'home',
): Json | ApiBody {
  const report = validateView(view, expected);
  const missing = isRecord(view) ? missingSlackFiles(state, view.blocks) : [];
  if (report.error === undefined && missing.length > 0) {
    state.recordIssue(method, 'error', missing);
    return fail('invalid_blocks', missing);
  }
  if (report.error === undefined && isRecord(view)) return view;
  state.recordIssue(method, 'error', report.errors);
  return fail(report.error ?? 'invalid_arguments', report.errors);
}

function isFailure(value: Json | ApiBody): value is ApiBody {
  return value.ok === false;
}

function answer(call: BotCall, view: StoredView): ApiBody {
  return ok({ view: toApiView(view, call.team) });
}

/** views.open and views.push both spend a trigger_id (or interactivity_pointer) of the same user. */
function withTrigger(
  method: string,
  place: (state: EmulatorState, call: BotCall, userId: string, view: Json) => StoredView | string,
): BotHandler {
  return (state, call) => {
    const view = checkedView(state, method, call.params.view, 'modal');
    if (isFailure(view)) return view;
    const externalId = typeof view.external_id === 'string' ? view.external_id : undefined;
    if (externalId !== undefined && state.views.byExternalId(call.team.id, externalId) !== undefined) {
      return fail('duplicate_external_id');
    }
    const trigger = str(call.params, 'trigger_id') ?? str(call.params, 'interactivity_pointer') ?? '';
    const used = state.triggers.consume(trigger, call.team.id);
    if ('error' in used) return fail(used.error);
    const placed = place(state, call, used.userId, view);
    return typeof placed === 'string' ? fail(placed) : answer(call, placed);
  };
}

const open = withTrigger('views.open', (state, call, userId, view) =>
  state.views.openModal(call.team.id, userId, view),
);
const push = withTrigger('views.push', (state, call, userId, view) =>
  state.views.pushModal(call.team.id, userId, view),
);

const update: BotHandler = (state, call) => {
  const { params, team } = call;
  const viewId = str(params, 'view_id');
  const externalId = str(params, 'external_id');
  const existing =
    viewId !== undefined ? state.views.get(viewId) : state.views.byExternalId(team.id, externalId ?? '');
  if (existing === undefined || existing.teamId !== team.id) return fail('not_found');
  const hash = str(params, 'hash');
  if (hash !== undefined && hash !== existing.hash) return fail('hash_conflict');
  const view = checkedView(state, 'views.update', params.view, existing.type);
  if (isFailure(view)) return view;
  return answer(call, state.views.update(existing, view));
};

const publish: BotHandler = (state, call) => {
  const { params, team } = call;
  const user = state.directory.user(str(params, 'user_id') ?? '');
  if (user === undefined || user.team_id !== team.id) return fail('user_not_found');
  const current = state.views.home(user.id);
  const hash = str(params, 'hash');
  if (hash !== undefined && current !== undefined && hash !== current.hash) return fail('hash_conflict');
  const view = checkedView(state, 'views.publish', params.view, 'home');
  if (isFailure(view)) return view;
  return answer(call, state.views.publishHome(team.id, user.id, view));
};

export const VIEW_HANDLERS: Record<string, BotHandler> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
