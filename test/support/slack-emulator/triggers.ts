/** trigger_ids handed out with driver payloads: valid 3 s, usable once (PLATFORM.md §1.6). */
import { randomHex } from './ids.ts';

export const TRIGGER_TTL_MS = 3000;

interface Trigger {
  teamId: string;
  userId: string;
  issuedAt: number;
  used: boolean;
}

export type TriggerError = 'invalid_trigger_id' | 'exchanged_trigger_id' | 'expired_trigger_id';

export class TriggerRegistry {
  private triggers = new Map<string, Trigger>();
  private counter = 0;

  constructor(private readonly now: () => number) {}

  issue(teamId: string, userId: string): string {
    this.counter += 1;
    // Real ids look like "13345224609.738474920.8088930838d88f008e0".
    const id = `${Math.floor(this.now() / 1000)}${this.counter}.${700000000 + this.counter}.${randomHex(10)}`;
    this.triggers.set(id, { teamId, userId, issuedAt: this.now(), used: false });
    return id;
  }

  /** Uses the trigger up; answers the user it was issued for, or the Slack error. */
  consume(id: string, teamId: string): { userId: string } | { error: TriggerError } {
    const trigger = this.triggers.get(id);
    if (trigger === undefined || trigger.teamId !== teamId) return { error: 'invalid_trigger_id' };
    if (trigger.used) return { error: 'exchanged_trigger_id' };
    if (this.now() - trigger.issuedAt > TRIGGER_TTL_MS) return { error: 'expired_trigger_id' };
    trigger.used = true;
    return { userId: trigger.userId };
  }

  clear(): void {
    this.triggers.clear();
  }
}
