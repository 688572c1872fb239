/**
 * Workflow Builder custom step executions (docs/slack-workflow-steps.md): each `function_executed`
 * the driver sends starts one, with a workflow token valid until it completes; the app completes it
 * once with functions.completeSuccess (outputs matching the step's definition) or completeError.
 */
import { randomHex } from './ids.ts';
import type { IdGenerator } from './ids.ts';
import type { Directory } from './directory.ts';

export interface FunctionParameter {
  name: string;
  type: string;
  title?: string;
  description?: string;
  is_required: boolean;
}

export interface FunctionDefinition {
  callbackId: string;
  title: string;
  description?: string;
  inputParameters: FunctionParameter[];
  outputParameters: FunctionParameter[];
}

export interface FunctionExecution {
  id: string;
  workflowExecutionId: string;
  teamId: string;
  definition: FunctionDefinition;
  inputs: Record<string, unknown>;
  /** The `bot_access_token` of the event; refused once the execution completed. */
  token: string;
  status: 'running' | 'completed' | 'failed';
  outputs?: Record<string, unknown>;
  error?: string;
}

export class FunctionExecutions {
  private readonly executions = new Map<string, FunctionExecution>();

  constructor(
    private readonly ids: IdGenerator,
    private readonly directory: Directory,
  ) {}

  start(teamId: string, definition: FunctionDefinition, inputs: Record<string, unknown>): FunctionExecution {
    const execution: FunctionExecution = {
      id: this.ids.next('Fx'),
      workflowExecutionId: this.ids.next('Wx'),
      teamId,
      definition,
      inputs,
      token: `xwfp-${teamId}-${randomHex(8)}`,
      status: 'running',
    };
    this.directory.registerToken(execution.token, { kind: 'bot', teamId });
    this.executions.set(execution.id, execution);
    return execution;
  }

  get(id: string): FunctionExecution | undefined {
    return this.executions.get(id);
  }

  all(): FunctionExecution[] {
    return [...this.executions.values()];
  }

  finish(
    execution: FunctionExecution,
    result: { outputs: Record<string, unknown> } | { error: string },
  ): void {
    if ('error' in result) {
      execution.status = 'failed';
      execution.error = result.error;
    } else {
      execution.status = 'completed';
      execution.outputs = result.outputs;
    }
    this.directory.revokeToken(execution.token, 'invalid_auth');
  }

  clear(): void {
    this.executions.clear();
  }
}
