import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import type { PulseItem } from '../pulse/pulse.ts';
import type { IsoWeek, WeeklyTarget } from '../schedule/local-time.ts';
import type { Language } from '../users/language.ts';

/** What the digest needs to know about a team. */
export interface DigestTeam {
  id: string;
  workspaceId: string;
  channelId: string;
  timeZone: string;
  language: Language;
  minGroupSize: number;
  createdAt: Date;
  digest: { enabled: boolean; target: WeeklyTarget };
}

/** The chart's data, kept with the queued digest so the chart can be drawn when it is sent. */
export interface DigestChart {
  language: Language;
  /** `parts`: the four parts' means that week (absent in charts queued before they were drawn). */
  points: Array<{ label: string; index: number | null; parts?: Record<PulseItem, number> | null }>;
  /** Describes the chart for screen readers, in the team's language. */
  altText: string;
  title: string;
}

export interface DigestRecord {
  idempotencyKey: string;
  teamId: string;
  workspaceId: string;
  week: string;
  trigger: 'schedule' | 'command';
  chart: DigestChart | null;
}

export interface DigestRepository {
  /** Teams with the weekly digest switched on. */
  enabledTeams(): Promise<DigestTeam[]>;
  findTeam(workspaceId: string, channelId: string): Promise<DigestTeam | undefined>;
  memberIds(teamId: string): Promise<string[]>;
  isRoundOpen(teamId: string, week: IsoWeek): Promise<boolean>;
  isRecorded(idempotencyKey: string): Promise<boolean>;
  /**
   * In one transaction: records the digest and queues its message. False (and nothing queued)
   * when a digest with this key, or the scheduled digest for this team and week, exists already.
   */
  record(digest: DigestRecord, message: OutgoingMessage): Promise<boolean>;
  /** Marks a scheduled week as skipped (too late to post), so later ticks pass it by. */
  recordSkipped(digest: Omit<DigestRecord, 'chart'>): Promise<boolean>;
}
