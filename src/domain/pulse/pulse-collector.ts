import { participationMark } from './participation-mark.ts';
import type { PulseRepository } from './ports.ts';
import { type PulseScores, type RoundKey, roundLabel } from './pulse.ts';

export type SubmitOutcome = 'counted' | 'duplicate' | 'closed';

interface Buffered {
  round: RoundKey;
  minGroupSize: number;
  entries: Array<{ mark: Uint8Array; scores: PulseScores }>;
}

/**
 * Takes pulse ratings and writes them so that no one can tell whose they are: the participation
 * mark is written at once (one rating per person per round), the scores wait in memory until at
 * least k of them can be added to the counts together, in a transaction of their own.
 */
export class PulseCollector {
  private readonly buffers = new Map<string, Buffered>();

  constructor(private readonly deps: { pulse: PulseRepository; secret: string }) {}

  async submit(input: {
    workspaceId: string;
    round: RoundKey;
    userId: string;
    scores: PulseScores;
    minGroupSize: number;
  }): Promise<SubmitOutcome> {
    const mark = participationMark(this.deps.secret, input.workspaceId, input.round, input.userId);
    const outcome = await this.deps.pulse.markParticipation(input.round, mark);
    if (outcome !== 'recorded') return outcome;
    const key = keyOf(input.round);
    const buffer = this.buffers.get(key) ?? {
      round: input.round,
      minGroupSize: input.minGroupSize,
      entries: [],
    };
    buffer.minGroupSize = input.minGroupSize;
    buffer.entries.push({ mark, scores: input.scores });
    this.buffers.set(key, buffer);
    if (buffer.entries.length >= buffer.minGroupSize) await this.flush(key);
    return 'counted';
  }

  async hasRated(workspaceId: string, round: RoundKey, userId: string): Promise<boolean> {
    return this.deps.pulse.hasParticipated(
      round,
      participationMark(this.deps.secret, workspaceId, round, userId),
    );
  }

  async isClosed(round: RoundKey): Promise<boolean> {
    return this.deps.pulse.isClosed(round);
  }

  /** How many ratings wait in memory (never which). */
  bufferedCount(): number {
    let n = 0;
    for (const b of this.buffers.values()) n += b.entries.length;
    return n;
  }

  /** Closes a round: what this process still holds is written with the close, in one transaction. */
  async closeRound(round: RoundKey, minGroupSize: number, members: number) {
    const key = keyOf(round);
    const pending = this.buffers.get(key)?.entries.splice(0) ?? [];
    this.buffers.delete(key);
    try {
      return await this.deps.pulse.closeRound({
        round,
        pending: pending.map((e) => e.scores),
        minGroupSize,
        members,
      });
    } catch (error) {
      this.restore(key, round, minGroupSize, pending);
      throw error;
    }
  }

  /**
   * A round is about to close (possibly in another process): write what this process holds for it,
   * however few, since the close counts them together with everyone else's in a moment.
   * Returns how many were written; ratings for a round that already closed are dropped.
   */
  async flushForClose(round: RoundKey): Promise<number> {
    const key = keyOf(round);
    const buffer = this.buffers.get(key);
    if (!buffer || buffer.entries.length === 0) return 0;
    const batch = buffer.entries.splice(0);
    this.buffers.delete(key);
    try {
      const written = await this.deps.pulse.addTallies(
        round,
        batch.map((e) => e.scores),
      );
      return written ? batch.length : 0;
    } catch (error) {
      this.restore(key, round, buffer.minGroupSize, batch);
      throw error;
    }
  }

  /**
   * Graceful shutdown: a batch of k or more is written; fewer cannot be written without exposing
   * them, so those people's marks are removed and they may rate again.
   */
  async shutdown(): Promise<void> {
    for (const [key, buffer] of [...this.buffers]) {
      if (buffer.entries.length >= buffer.minGroupSize) {
        await this.flush(key);
        continue;
      }
      const entries = buffer.entries.splice(0);
      this.buffers.delete(key);
      if (entries.length > 0)
        await this.deps.pulse.deleteMarks(
          buffer.round,
          entries.map((e) => e.mark),
        );
    }
  }

  private async flush(key: string): Promise<void> {
    const buffer = this.buffers.get(key);
    if (!buffer || buffer.entries.length < buffer.minGroupSize) return;
    // Taken synchronously, so two submissions finishing together cannot write the same ratings.
    const batch = buffer.entries.splice(0);
    try {
      await this.deps.pulse.addTallies(
        buffer.round,
        batch.map((e) => e.scores),
      );
    } catch (error) {
      this.restore(key, buffer.round, buffer.minGroupSize, batch);
      throw error;
    }
  }

  private restore(key: string, round: RoundKey, minGroupSize: number, entries: Buffered['entries']): void {
    const buffer = this.buffers.get(key) ?? { round, minGroupSize, entries: [] };
    buffer.entries.unshift(...entries);
    this.buffers.set(key, buffer);
  }
}

function keyOf(round: RoundKey): string {
  return `${round.teamId}|${roundLabel(round)}`;
}
