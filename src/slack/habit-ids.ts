// Slack ids of the habit surfaces.

/** One action id per answer: action ids must be unique within the reflection's actions block. */
export const habitActionIds = {
  reflectOften: 'habit_reflect_often',
  reflectSometimes: 'habit_reflect_sometimes',
  reflectNotYet: 'habit_reflect_not_yet',
  /** Turns the mid-week nudge on or off (the value says which). */
  nudges: 'habit_nudges',
} as const;

export const habitBlockIds = {
  reflection: 'habit_reflection',
  reflectionStatus: 'habit_reflection_status',
  nudges: 'habit_nudges',
  /** Why this week's habit: the team's pulse chose it. */
  focusReason: 'habit_focus_reason',
} as const;
