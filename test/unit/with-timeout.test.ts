import { describe, expect, it } from 'vitest';
import { withTimeout } from '../../src/with-timeout.ts';

describe('withTimeout', () => {
  it('gives the value in time, and undefined for a failure or a late answer', async () => {
    expect(await withTimeout(Promise.resolve(7), 50)).toBe(7);
    expect(await withTimeout(Promise.reject(new Error('no')), 50)).toBeUndefined();
    const late = new Promise<number>((resolve) => setTimeout(() => resolve(1), 200));
    const started = performance.now();
    expect(await withTimeout(late, 20)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(150);
  });
});
