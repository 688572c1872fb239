/**
 * Runs async work at most `concurrency` at a time, first come first served. Used after an ack, so a
 * burst of requests queues its work instead of competing with the next acks.
 */
export class WorkLimiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  /** `maxWaiting`: how many may wait for a slot; `hasRoom()` is false beyond it (default: no bound). */
  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {}

  /** Whether work given now would run or wait within the bound (callers turn the rest away). */
  hasRoom(): boolean {
    return this.running < this.concurrency || this.waiting.length < this.maxWaiting;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  /** Work started or waiting. */
  get pending(): number {
    return this.running + this.waiting.length;
  }
}
