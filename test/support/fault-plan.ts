import type { Fault } from './slack-emulator/faults.ts';
import type { SlackEmulator } from './slack-emulator/slack-emulator.ts';

/**
 * Faults on chosen calls of one method, counted from now: `{ 50: 429 }` hits exactly the 50th call.
 * The emulator uses injections in order, each for `times` calls, so the calls in between get a
 * zero-length delay (an answer as usual) to keep the count.
 */
export function planFaults(
  emulator: SlackEmulator,
  method: string,
  plan: ReadonlyArray<{ call: number; fault: Fault }>,
): void {
  const ordered = [...plan].sort((a, b) => a.call - b.call);
  let next = 1;
  for (const { call, fault } of ordered) {
    if (call < next) throw new Error(`planFaults: call ${call} is planned twice or out of order`);
    if (call > next) emulator.inject({ method, times: call - next, fault: { type: 'delay', ms: 0 } });
    emulator.inject({ method, times: 1, fault });
    next = call + 1;
  }
}
