// Slack ids of the promise surfaces; to be merged into ids.ts.

export const promiseActionIds = {
  kept: 'promise_kept',
  newDate: 'promise_new_date',
  release: 'promise_release',
  /** "New promise" on the App Home: opens the create modal. */
  create: 'promise_create',
  /** The two dates a due date could mean (Slack wants distinct action ids in one block). */
  pickDueFirst: 'promise_pick_due_first',
  pickDueSecond: 'promise_pick_due_second',
} as const;

export const promiseCallbackIds = {
  create: 'promise_create',
  newDate: 'promise_new_date',
  release: 'promise_release',
} as const;

/** Input blocks of the promise modals; each input's action_id is its block_id. */
export const promiseBlockIds = {
  recipient: 'promise_recipient',
  text: 'promise_text',
  dueDate: 'promise_due_date',
  dueTime: 'promise_due_time',
  note: 'promise_note',
} as const;

/** The block holding a promise's buttons; one per promise, so a list of several stays unique. */
export function promiseButtonsBlockId(promiseId: string): string {
  return `promise_buttons:${promiseId}`;
}

/** The block holding the two dates of one due-date question. */
export function dueChoiceBlockId(choiceId: string): string {
  return `promise_due_choice:${choiceId}`;
}
