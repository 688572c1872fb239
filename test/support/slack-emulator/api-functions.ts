/** functions.completeSuccess / completeError (docs/slack-workflow-steps.md). */
import { type BotHandler, fail, ok, str } from './api-common.ts';
import { isRecord } from './block-kit.ts';
import type { FunctionExecution } from './functions.ts';
import type { EmulatorState } from './state.ts';
import type { ApiBody, Workspace } from './types.ts';

/** The execution this call may complete, or Slack's error. */
function runningExecution(
  state: EmulatorState,
  team: Workspace,
  id: string | undefined,
): FunctionExecution | ApiBody {
  const execution = id === undefined ? undefined : state.functions.get(id);
  if (execution === undefined || execution.teamId !== team.id) return fail('function_execution_not_found');
  if (execution.status !== 'running') return fail('execution_not_in_running_state');
  return execution;
}

function isExecution(value: FunctionExecution | ApiBody): value is FunctionExecution {
  return 'definition' in value;
}

const completeSuccess: BotHandler = (state, { params, team }) => {
  const found = runningExecution(state, team, str(params, 'function_execution_id'));
  if (!isExecution(found)) return found;
  const outputs = params.outputs;
  if (!isRecord(outputs)) {
    state.recordIssue('functions.completeSuccess', 'error', ['[ERROR] outputs must be an object']);
    return fail('invalid_arguments', ['[ERROR] outputs must be an object']);
  }
  const declared = new Set(found.definition.outputParameters.map((p) => p.name));
  const problems = [
    ...found.definition.outputParameters
      .filter((p) => p.is_required && (outputs[p.name] === undefined || outputs[p.name] === null))
      .map((p) => `[ERROR] missing required output: ${p.name}`),
    ...Object.keys(outputs)
      .filter((name) => !declared.has(name))
      .map((name) => `[ERROR] unknown output: ${name}`),
  ];
  if (problems.length > 0) {
    state.recordIssue('functions.completeSuccess', 'error', problems);
    return fail('invalid_arguments', problems);
  }
  state.functions.finish(found, { outputs });
  return ok();
};

const completeError: BotHandler = (state, { params, team }) => {
  const found = runningExecution(state, team, str(params, 'function_execution_id'));
  if (!isExecution(found)) return found;
  const error = str(params, 'error');
  if (error === undefined) return fail('invalid_arguments', ['[ERROR] missing required field: error']);
  state.functions.finish(found, { error });
  return ok();
};

export const FUNCTION_HANDLERS: Record<string, BotHandler> = {
  'functions.completeSuccess': completeSuccess,
  'functions.completeError': completeError,
};
