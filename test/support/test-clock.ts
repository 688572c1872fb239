import type { Clock } from '../../src/domain/clock.ts';

/** A clock a test moves by hand: forwards, backwards, or to any instant. */
export class TestClock implements Clock {
  private instant: number;

  constructor(start: Date | string) {
    this.instant = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.instant);
  }

  set(at: Date | string): void {
    this.instant = new Date(at).getTime();
  }
}
