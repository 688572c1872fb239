/**
 * Runs async work at most `concurrency` at a time, first come first served. Used after an ack, so a
 * burst of requests queues its work instead of competing with the next acks.
 */
export class WorkLimiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly concurrency: number) {}

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
