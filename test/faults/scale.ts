/**
 * How big the fault suite runs: `npm run test:faults` sets FAULT_SCALE=full; anything else (and the
 * fuzz's run inside `npm test`) is the reduced scale that fits the normal suite's time budget.
 */
export const FULL_SCALE = process.env.FAULT_SCALE === 'full';

/** `full` at full scale, else `reduced`. */
export function scaled<T>(full: T, reduced: T): T {
  return FULL_SCALE ? full : reduced;
}
