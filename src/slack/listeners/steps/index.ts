import type { ListenerDeps } from '../listener-deps.ts';
import type { ListenerRegistrar } from '../registrar.ts';
import { registerRecordPromiseStep } from './record-promise.step.ts';
import { registerSendTrustPulseStep } from './send-trust-pulse.step.ts';

/** Workflow Builder custom steps (docs/slack-workflow-steps.md). */
export function registerStepListeners(app: ListenerRegistrar, deps: ListenerDeps): void {
  registerRecordPromiseStep(app, deps);
  registerSendTrustPulseStep(app, deps);
}
