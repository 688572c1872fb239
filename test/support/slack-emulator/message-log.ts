/** Posted, updated and deleted messages (channel, DM and ephemeral), with their edit history. */
import type { IdGenerator } from './ids.ts';
import type { StoredMessage } from './types.ts';

export type NewMessage = Omit<StoredMessage, 'ts' | 'deleted' | 'history'>;

export interface ScheduledMessage {
  id: string;
  teamId: string;
  channel: string;
  postAt: number;
  text: string;
  blocks: unknown[];
}

export class MessageLog {
  private all: StoredMessage[] = [];
  private scheduledList: ScheduledMessage[] = [];

  constructor(
    private readonly ids: IdGenerator,
    private readonly now: () => number,
  ) {}

  post(message: NewMessage): StoredMessage {
    const stored: StoredMessage = {
      ...message,
      ts: this.ids.nextTs(this.now()),
      deleted: false,
      history: [],
    };
    this.all.push(stored);
    return stored;
  }

  /** Ephemeral messages are not addressable by (channel, ts) through the Web API. */
  find(channel: string, ts: string): StoredMessage | undefined {
    return this.all.find(
      (m) => m.channel === channel && m.ts === ts && m.ephemeralTo === undefined && !m.deleted,
    );
  }

  findEphemeral(userId: string, ts: string): StoredMessage | undefined {
    return this.all.find((m) => m.ephemeralTo === userId && m.ts === ts && !m.deleted);
  }

  replace(message: StoredMessage, next: { text: string; blocks: unknown[] }): void {
    message.history.push({ text: message.text, blocks: message.blocks, replacedAt: this.now() });
    message.text = next.text;
    message.blocks = next.blocks;
  }

  remove(message: StoredMessage): void {
    message.deleted = true;
  }

  visible(): StoredMessage[] {
    return this.all.filter((m) => !m.deleted && m.ephemeralTo === undefined);
  }

  ephemerals(userId: string): StoredMessage[] {
    return this.all.filter((m) => !m.deleted && m.ephemeralTo === userId);
  }

  schedule(message: Omit<ScheduledMessage, 'id'>): ScheduledMessage {
    const scheduled = { ...message, id: this.ids.next('Q') };
    this.scheduledList.push(scheduled);
    return scheduled;
  }

  scheduled(): ScheduledMessage[] {
    return [...this.scheduledList];
  }

  clear(): void {
    this.all = [];
    this.scheduledList = [];
  }
}
