import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/logger.ts';
import { createHomeRefresher, type HomeRefresherOptions } from '../../../src/slack/home-refresher.ts';

const logger = createLogger('silent');

function recorder(publish?: HomeRefresherOptions['publish']) {
  const calls: string[] = [];
  const refresher = createHomeRefresher({
    logger,
    delayMs: 1500,
    maxWaitMs: 5000,
    publish: async (workspaceId, userId) => {
      calls.push(`${workspaceId}/${userId}`);
      await publish?.(workspaceId, userId);
    },
  });
  return { calls, refresher };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('App Home refresher', () => {
  it('coalesces quick requests for one person into one publish after a quiet moment', async () => {
    const { calls, refresher } = recorder();
    refresher.refresh('T1', 'U1');
    await vi.advanceTimersByTimeAsync(1000);
    refresher.refresh('T1', 'U1');
    await vi.advanceTimersByTimeAsync(1000);
    refresher.refresh('T1', 'U1', 'U1');
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1500);
    expect(calls).toEqual(['T1/U1']);
    expect(refresher.stats()).toMatchObject({ requested: 3, published: 1, pending: 0 });
  });

  it('publishes each person once, and ignores a missing person', async () => {
    const { calls, refresher } = recorder();
    refresher.refresh('T1', 'U1', null, 'U2', undefined);
    await vi.advanceTimersByTimeAsync(1500);
    expect(calls.sort()).toEqual(['T1/U1', 'T1/U2']);
  });

  it('still publishes at least every few seconds under a steady stream of requests', async () => {
    const { calls, refresher } = recorder();
    for (let i = 0; i < 12; i += 1) {
      refresher.refresh('T1', 'U1');
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(calls.length).toBeGreaterThanOrEqual(1);
  });

  it('flushes pending refreshes at once and waits for them', async () => {
    const { calls, refresher } = recorder();
    refresher.refresh('T1', 'U1', 'U2');
    await refresher.flush();
    expect(calls.sort()).toEqual(['T1/U1', 'T1/U2']);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(2);
  });

  it('never runs two publishes for one person at once', async () => {
    let active = 0;
    let most = 0;
    const { calls, refresher } = recorder(async () => {
      active += 1;
      most = Math.max(most, active);
      await new Promise((resolve) => setTimeout(resolve, 100));
      active -= 1;
    });
    const first = refresher.publishNow('T1', 'U1');
    refresher.refresh('T1', 'U1');
    await vi.advanceTimersByTimeAsync(1500);
    await vi.advanceTimersByTimeAsync(200);
    await first;
    await refresher.flush();
    expect(calls).toEqual(['T1/U1', 'T1/U1']);
    expect(most).toBe(1);
  });

  it('replaces a pending refresh when the person opens the Home', async () => {
    const { calls, refresher } = recorder();
    refresher.refresh('T1', 'U1');
    await refresher.publishNow('T1', 'U1');
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toEqual(['T1/U1']);
  });

  it('logs a failed publish instead of throwing, and keeps going', async () => {
    let fail = true;
    const { calls, refresher } = recorder(async () => {
      if (fail) throw new Error('slack down');
    });
    await expect(refresher.publishNow('T1', 'U1')).resolves.toBeUndefined();
    fail = false;
    refresher.refresh('T1', 'U1');
    await refresher.flush();
    expect(calls).toHaveLength(2);
    expect(refresher.stats()).toMatchObject({ published: 1, failed: 1 });
  });

  it('cancels pending refreshes on stop and ignores later requests', async () => {
    const { calls, refresher } = recorder();
    refresher.refresh('T1', 'U1');
    await refresher.stop();
    refresher.refresh('T1', 'U2');
    await refresher.publishNow('T1', 'U3');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
