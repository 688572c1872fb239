// Reads the values of the promise modals (view.state.values). Slack enforces required inputs and
// the pickers' formats; anything else is a forged or broken payload and reads as undefined.
import { z } from 'zod';
import { promiseBlockIds as ids } from '../ids.ts';

const userInput = z.object({ selected_user: z.string().min(1).max(40).nullable().optional() });
const textInput = z.object({ value: z.string().max(3_000).nullable().optional() });
const dateInput = z.object({
  selected_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .optional(),
});
const timeInput = z.object({
  selected_time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .nullable()
    .optional(),
});

const createState = z.object({
  [ids.recipient]: z.object({ [ids.recipient]: userInput }),
  [ids.text]: z.object({ [ids.text]: textInput }),
  [ids.dueDate]: z.object({ [ids.dueDate]: dateInput }),
  [ids.dueTime]: z.object({ [ids.dueTime]: timeInput }),
});

const newDateState = z.object({
  [ids.dueDate]: z.object({ [ids.dueDate]: dateInput }),
  [ids.dueTime]: z.object({ [ids.dueTime]: timeInput }),
  [ids.note]: z.object({ [ids.note]: textInput }),
});

const releaseState = z.object({ [ids.note]: z.object({ [ids.note]: textInput }) });

export interface DuePicked {
  /** `YYYY-MM-DD`, or null when nothing was picked. */
  date: string | null;
  /** `HH:mm`, or null when nothing was picked. */
  time: string | null;
}

export function parseCreatePromiseState(
  values: unknown,
): ({ recipientId: string | null; text: string } & DuePicked) | undefined {
  const parsed = createState.safeParse(values);
  if (!parsed.success) return undefined;
  const v = parsed.data;
  return {
    recipientId: v[ids.recipient][ids.recipient].selected_user ?? null,
    text: v[ids.text][ids.text].value ?? '',
    date: v[ids.dueDate][ids.dueDate].selected_date ?? null,
    time: v[ids.dueTime][ids.dueTime].selected_time ?? null,
  };
}

export function parseNewDateState(values: unknown): (DuePicked & { note: string | null }) | undefined {
  const parsed = newDateState.safeParse(values);
  if (!parsed.success) return undefined;
  const v = parsed.data;
  return {
    date: v[ids.dueDate][ids.dueDate].selected_date ?? null,
    time: v[ids.dueTime][ids.dueTime].selected_time ?? null,
    note: v[ids.note][ids.note].value ?? null,
  };
}

export function parseReleaseState(values: unknown): { note: string | null } | undefined {
  const parsed = releaseState.safeParse(values);
  return parsed.success ? { note: parsed.data[ids.note][ids.note].value ?? null } : undefined;
}
