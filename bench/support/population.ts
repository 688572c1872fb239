import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/persistence/database.ts';
import { createPgInstallationRepository } from '../../src/persistence/pg-installation.repository.ts';
import { createTokenCipher } from '../../src/persistence/token-cipher.ts';
import type { SlackEmulator } from '../../test/support/slack-emulator/slack-emulator.ts';

/**
 * Many workspaces, each installed through OAuth (its own encrypted bot token in `installations`,
 * as the app stores it after an install), with people written in bulk straight into `users` and
 * `checkin_schedules` (multi-row inserts, 5,000 rows a statement) and, when an emulator is given,
 * added to it so their DMs can be delivered.
 */

export const TOKEN_KEY = randomBytes(32);
const ROWS_PER_STATEMENT = 5_000;

export function workspaceId(w: number): string {
  return `TB${String(w).padStart(5, '0')}`;
}

export function benchPersonId(w: number, n: number): string {
  return `UB${String(w).padStart(5, '0')}X${String(n).padStart(7, '0')}`;
}

/** The environment that makes the app an OAuth multi-workspace install reading these tokens. */
export function oauthEnv(): Record<string, string> {
  return {
    SLACK_CLIENT_ID: 'bench.client',
    SLACK_CLIENT_SECRET: 'bench-client-secret',
    SLACK_STATE_SECRET: 'bench-state-secret-0123456789abcdef',
    TOKEN_ENCRYPTION_KEY: TOKEN_KEY.toString('base64'),
  };
}

export async function installWorkspaces(db: Db, emulator: SlackEmulator | undefined, count: number) {
  const installations = createPgInstallationRepository(db, createTokenCipher(TOKEN_KEY));
  for (let w = 0; w < count; w += 1) {
    const id = workspaceId(w);
    const botToken = emulator
      ? emulator.addWorkspace({ id, name: `Bench ${w}`, botUserId: `UBOT${w}` }).botToken
      : `xoxb-bench-${w}`;
    await installations.save(
      {
        workspaceId: id,
        teamName: `Bench ${w}`,
        enterpriseId: undefined,
        appId: emulator ? emulator.workspace(id).appId : 'A0BENCH',
        botToken,
        botId: `B0BENCH${w}`,
        botUserId: `UBOT${w}`,
        scopes: ['commands', 'chat:write', 'im:write', 'users:read'],
        refreshToken: undefined,
        expiresAt: undefined,
        installerUserId: undefined,
      },
      new Date(),
    );
  }
}

export interface PeopleOptions {
  workspace: number;
  /** Person numbers [from, to). */
  from: number;
  to: number;
  dueAt: Date;
  profileFetchedAt: Date;
  emulator?: SlackEmulator;
}

/** People in one workspace due at `dueAt` (weekly target: that instant's UTC weekday and time). */
export async function seedPeople(db: Db, options: PeopleOptions): Promise<string[]> {
  const ws = workspaceId(options.workspace);
  const weekday = options.dueAt.getUTCDay() === 0 ? 7 : options.dueAt.getUTCDay();
  const time = options.dueAt.toISOString().slice(11, 16);
  const ids: string[] = [];
  for (let start = options.from; start < options.to; start += ROWS_PER_STATEMENT) {
    const chunk = Array.from({ length: Math.min(ROWS_PER_STATEMENT, options.to - start) }, (_, i) =>
      benchPersonId(options.workspace, start + i),
    );
    await db
      .insertInto('users')
      .values(
        chunk.map((id) => ({
          workspace_id: ws,
          slack_user_id: id,
          tz: 'UTC',
          slack_locale: 'en-US',
          language: null,
          profile_fetched_at: options.profileFetchedAt,
        })),
      )
      .execute();
    await db
      .insertInto('checkin_schedules')
      .values(
        chunk.map((id) => ({
          workspace_id: ws,
          user_id: id,
          weekday,
          local_time: time,
          next_due_at: options.dueAt,
        })),
      )
      .execute();
    ids.push(...chunk);
  }
  if (options.emulator) {
    for (const id of ids) options.emulator.addUser(ws, { id, name: id.toLowerCase(), tz: 'UTC' });
  }
  return ids;
}

/** Pending check-in messages straight into the outbox (for the send-only runs). */
export async function seedPendingOutbox(
  db: Db,
  workspace: number,
  people: ReadonlyArray<string>,
  week: string,
) {
  const ws = workspaceId(workspace);
  for (let start = 0; start < people.length; start += ROWS_PER_STATEMENT) {
    await db
      .insertInto('outbox')
      .values(
        people.slice(start, start + ROWS_PER_STATEMENT).map((id) => ({
          workspace_id: ws,
          idempotency_key: `checkin:${ws}:${id}:${week}`,
          kind: 'checkin',
          channel: id,
          message: JSON.stringify({ text: 'Weekly check-in' }),
          on_ambiguous: 'give_up',
        })),
      )
      .execute();
  }
}

export async function analyze(db: Db): Promise<void> {
  await sql`analyze`.execute(db);
}
