import { randomBytes } from 'node:crypto';

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** Slack-looking ids (`V…`, `F…`) that are unique within one emulator and easy to read in failures. */
export class IdGenerator {
  private readonly counters = new Map<string, number>();
  private lastTsMicros = 0;

  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}0EMU${n.toString(36).toUpperCase().padStart(5, '0')}`;
  }

  /** Message `ts` such as "1700000000.000100": follows the clock but is strictly increasing. */
  nextTs(nowMs: number): string {
    this.lastTsMicros = Math.max(Math.floor(nowMs) * 1000, this.lastTsMicros + 100);
    const seconds = Math.floor(this.lastTsMicros / 1_000_000);
    const micros = this.lastTsMicros % 1_000_000;
    return `${seconds}.${String(micros).padStart(6, '0')}`;
  }

  /** View hash: changes on every write so stale `hash` arguments can be detected. */
  viewHash(nowMs: number): string {
    return `${Math.floor(nowMs / 1000)}.${randomHex(4)}`;
  }
}
