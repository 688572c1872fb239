import { type Selectable, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { DueConvention } from '../domain/promises/due-date.parser.ts';
import type {
  ComposeMessages,
  NewPromiseRecord,
  PromiseRepository,
  PromiseScheduleRepository,
} from '../domain/promises/ports.ts';
import { type DueChange, reminderSchedule, type TrustPromise } from '../domain/promises/promise.ts';
import type { Db } from './database.ts';
import { enqueueMessages } from './pg-outbox.repository.ts';
import type { Database, PromisesTable } from './tables.ts';

type PromiseRow = Selectable<PromisesTable>;

const dueChangesJson = z.array(
  z.object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    at: z.iso.datetime(),
    note: z.string().nullable(),
  }),
);

// Ids come from Slack payloads; anything not shaped like a uuid would make PostgreSQL raise.
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toTrustPromise(row: PromiseRow): TrustPromise {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    ownerId: row.owner_id,
    recipientId: row.recipient_id,
    text: row.text,
    dueAt: row.due_at,
    state: row.state,
    createdAt: row.created_at,
    keptAt: row.kept_at,
    keptBy: row.kept_by,
    releasedAt: row.released_at,
    releaseNote: row.release_note,
    dueChanges: dueChangesJson
      .parse(row.due_changes)
      .map(
        (c): DueChange => ({ from: new Date(c.from), to: new Date(c.to), at: new Date(c.at), note: c.note }),
      ),
    ...(row.source_link === null ? {} : { sourceLink: row.source_link }),
  };
}

function dueChangesValue(changes: readonly DueChange[]): string {
  return JSON.stringify(
    changes.map((c) => ({
      from: c.from.toISOString(),
      to: c.to.toISOString(),
      at: c.at.toISOString(),
      note: c.note,
    })),
  );
}

/** A promise's schedule restarts with every transition (a new date) or ends (kept, released, missed). */
function firstStep(promise: TrustPromise) {
  const [step] = reminderSchedule(promise);
  return { next_reminder_at: step?.at ?? null, next_reminder_kind: step?.kind ?? null };
}

const candidatesJson = z.array(
  z.object({
    due: z.iso.datetime(),
    hadTime: z.boolean(),
    convention: z.string().optional(),
  }),
);

/** The workspace row a promise or a due-date question hangs on (created by the first of them). */
async function ensureWorkspace(trx: Transaction<Database>, workspaceId: string): Promise<void> {
  await trx
    .insertInto('workspaces')
    .values({ id: workspaceId })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Inserts a new open promise and its messages inside `trx`. */
async function insertPromise(
  trx: Transaction<Database>,
  input: NewPromiseRecord,
  messages: ComposeMessages,
): Promise<TrustPromise> {
  // The database assigns the id; the schedule does not depend on it.
  const fresh: TrustPromise = {
    ...input,
    id: '',
    state: 'open',
    keptAt: null,
    keptBy: null,
    releasedAt: null,
    releaseNote: null,
    dueChanges: [],
  };
  await ensureWorkspace(trx, input.workspaceId);
  const row = await trx
    .insertInto('promises')
    .values({
      workspace_id: input.workspaceId,
      owner_id: input.ownerId,
      recipient_id: input.recipientId,
      text: input.text,
      due_at: input.dueAt,
      state: 'open',
      created_at: input.createdAt,
      source_link: input.sourceLink ?? null,
      ...firstStep(fresh),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const promise = toTrustPromise(row);
  await enqueueMessages(trx, messages(promise));
  return promise;
}

export function createPgPromiseRepository(db: Db): PromiseRepository & PromiseScheduleRepository {
  return {
    async saveDueChoice(choice) {
      return db.transaction().execute(async (trx) => {
        await ensureWorkspace(trx, choice.workspaceId);
        const row = await trx
          .insertInto('promise_due_choices')
          .values({
            workspace_id: choice.workspaceId,
            owner_id: choice.ownerId,
            recipient_id: choice.recipientId,
            text: choice.text,
            candidates: JSON.stringify(choice.candidates.map((c) => ({ ...c, due: c.due.toISOString() }))),
            created_at: choice.createdAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      });
    },

    async findDueChoice(workspaceId, id) {
      if (!uuid.test(id)) return undefined;
      const row = await db
        .selectFrom('promise_due_choices')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        id: row.id,
        workspaceId: row.workspace_id,
        ownerId: row.owner_id,
        recipientId: row.recipient_id,
        text: row.text,
        candidates: candidatesJson.parse(row.candidates).map((c) => ({
          due: new Date(c.due),
          hadTime: c.hadTime,
          ...(c.convention ? { convention: c.convention as DueConvention } : {}),
        })),
        createdAt: row.created_at,
        chosenAt: row.chosen_at,
      };
    },

    async createFromChoice(choiceId, input, messages) {
      if (!uuid.test(choiceId)) return undefined;
      return db.transaction().execute(async (trx) => {
        // The row lock makes a second click wait here, then find it chosen.
        const claimed = await trx
          .updateTable('promise_due_choices')
          .set({ chosen_at: input.createdAt })
          .where('id', '=', choiceId)
          .where('workspace_id', '=', input.workspaceId)
          .where('chosen_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!claimed) return undefined;
        const promise = await insertPromise(trx, input, messages);
        await trx
          .updateTable('promise_due_choices')
          .set({ promise_id: promise.id })
          .where('id', '=', choiceId)
          .execute();
        return promise;
      });
    },

    async create(input, messages) {
      return db.transaction().execute((trx) => insertPromise(trx, input, messages));
    },

    async find(workspaceId, id) {
      if (!uuid.test(id)) return undefined;
      const row = await db
        .selectFrom('promises')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toTrustPromise(row) : undefined;
    },

    async listActiveFor(workspaceId, userId) {
      const rows = await db
        .selectFrom('promises')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('state', 'in', ['open', 'renegotiated'])
        .where((eb) => eb.or([eb('owner_id', '=', userId), eb('recipient_id', '=', userId)]))
        .orderBy('due_at')
        .execute();
      return rows.map(toTrustPromise);
    },

    async listOwnedSince(workspaceId, ownerIds, since) {
      if (ownerIds.length === 0) return [];
      const rows = await db
        .selectFrom('promises')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('owner_id', 'in', [...ownerIds])
        .where((eb) =>
          eb.or([
            eb('created_at', '>=', since),
            eb('due_at', '>=', since),
            eb('kept_at', '>=', since),
            eb('released_at', '>=', since),
            sql<boolean>`exists (select 1 from jsonb_array_elements(due_changes) c where (c->>'at')::timestamptz >= ${since})`,
          ]),
        )
        .execute();
      return rows.map(toTrustPromise);
    },

    async saveTransition(next, expected, messages) {
      return db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('promises')
          .set({
            state: next.state,
            due_at: next.dueAt,
            kept_at: next.keptAt,
            kept_by: next.keptBy,
            released_at: next.releasedAt,
            release_note: next.releaseNote,
            due_changes: dueChangesValue(next.dueChanges),
            ...firstStep(next),
            updated_at: sql`now()`,
          })
          .where('id', '=', next.id)
          .where('workspace_id', '=', next.workspaceId)
          .where('state', '=', expected.state)
          .where('due_at', '=', expected.dueAt)
          .returning('id')
          .executeTakeFirst();
        if (!updated) return false;
        await enqueueMessages(trx, messages(next));
        return true;
      });
    },

    async findDueSteps(now, limit) {
      const rows = await db
        .selectFrom('promises')
        .selectAll()
        .where('next_reminder_at', '<=', now)
        .orderBy('next_reminder_at')
        .limit(limit)
        .execute();
      return rows.flatMap((row) =>
        row.next_reminder_at && row.next_reminder_kind
          ? [
              {
                promise: toTrustPromise(row),
                step: { kind: row.next_reminder_kind, at: row.next_reminder_at },
              },
            ]
          : [],
      );
    },

    async advance({ promise, from, next, state, messages }) {
      return db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('promises')
          .set({
            state,
            next_reminder_at: next?.at ?? null,
            next_reminder_kind: next?.kind ?? null,
            updated_at: sql`now()`,
          })
          .where('id', '=', promise.id)
          .where('state', '=', promise.state)
          .where('due_at', '=', promise.dueAt)
          .where('next_reminder_at', '=', from.at)
          .where('next_reminder_kind', '=', from.kind)
          // Messages name the recipient as read: not once they were forgotten since (forget-me).
          .where((eb) =>
            promise.recipientId === null
              ? eb('recipient_id', 'is', null)
              : eb('recipient_id', '=', promise.recipientId),
          )
          .returning('id')
          .executeTakeFirst();
        if (!updated) return false;
        await enqueueMessages(trx, messages);
        return true;
      });
    },
  };
}
