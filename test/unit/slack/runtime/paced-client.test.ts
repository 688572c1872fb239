import { describe, expect, it } from 'vitest';
import { WorkspacePacer } from '../../../../src/slack/runtime/paced-client.ts';

function pacerAt(ratePerSecond: number, burst: number) {
  let now = 1_000_000;
  const pacer = new WorkspacePacer({ ratePerSecond, burst }, () => now);
  return {
    pacer,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** Takes as many tokens as the pacer gives over `seconds`, stepping the clock by its delays. */
async function sendFor(p: ReturnType<typeof pacerAt>, workspaceId: string, seconds: number): Promise<number> {
  let sent = 0;
  let spent = 0;
  while (spent < seconds * 1000) {
    const wait = p.pacer.delayFor(workspaceId);
    if (wait > 0) {
      p.advance(wait);
      spent += wait;
      continue;
    }
    await p.pacer.take(workspaceId);
    sent += 1;
  }
  return sent;
}

describe('WorkspacePacer', () => {
  it('paces each workspace at the configured rate after its burst', async () => {
    const p = pacerAt(10, 3);
    const sent = await sendFor(p, 'T1', 10);
    expect(sent).toBeGreaterThanOrEqual(100);
    expect(sent).toBeLessThanOrEqual(104);
    expect(p.pacer.delayFor('T2')).toBe(0); // another workspace has its own bucket
  });

  it('honours Retry-After, halves the rate once per 429 burst, and recovers to the configured rate', async () => {
    const p = pacerAt(100, 3);
    p.pacer.pause('T1', 2);
    p.pacer.pause('T1', 2); // a second sender hit by the same 429: one cut only
    expect(p.pacer.delayFor('T1')).toBe(2_000);
    expect(p.pacer.rateOf('T1')).toBe(50);
    p.advance(2_000);
    // Right after the pause: at most half the rate…
    expect(await sendFor(p, 'T1', 1)).toBeLessThanOrEqual(55);
    // …then back to the configured rate within about 10 s without another 429.
    p.advance(10_000);
    expect(p.pacer.rateOf('T1')).toBe(100);
  });

  it('never cuts the rate below a floor, however many 429s come', () => {
    const p = pacerAt(100, 3);
    for (let i = 0; i < 20; i += 1) {
      p.pacer.pause('T1', 1);
      p.advance(1_000);
    }
    expect(p.pacer.rateOf('T1')).toBeGreaterThanOrEqual(5);
  });
});
