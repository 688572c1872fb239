import type { ActionsBlock, Button, ContextBlock, KnownBlock } from '@slack/types';
import { habits, type Habit, habitById } from '../../domain/habits/catalogue.ts';
import type { HabitWeek } from '../../domain/habits/habit.service.ts';
import type { FocusReason } from '../../domain/habits/team-focus.ts';
import type { ReflectionAnswer } from '../../domain/habits/reflection.ts';
import type { Language } from '../../domain/users/language.ts';
import type { Messages } from '../../i18n/en.ts';
import { habitActionIds, habitBlockIds } from '../ids.ts';
import { button, context, divider, header, type SlackMessage, section } from './block-kit.ts';

export const reflectionActionIds: Record<ReflectionAnswer, string> = {
  often: habitActionIds.reflectOften,
  sometimes: habitActionIds.reflectSometimes,
  not_yet: habitActionIds.reflectNotYet,
};

/** Button values carry the week the answer belongs to, so an old message cannot answer another week. */
export function encodeReflectionValue(week: string): string {
  return JSON.stringify({ w: week });
}

export function encodeNudgesValue(enabled: boolean): string {
  return JSON.stringify({ on: enabled });
}

/** Why this week's habit was chosen, when the team's pulse chose it; nothing for the plain rotation. */
export function focusReasonText(m: Messages, language: Language, reason: FocusReason): string | undefined {
  if (reason.kind === 'rotation') return undefined;
  const part = m.habits.reasonParts[reason.part];
  if (reason.kind === 'weakest_part') return m.habits.reasonWeakest(part);
  return m.habits.reasonRest(part, habitById(reason.rested).name[language]);
}

function reasonBlocks(m: Messages, language: Language, reason: FocusReason): KnownBlock[] {
  const text = focusReasonText(m, language, reason);
  return text ? [context(text, habitBlockIds.focusReason)] : [];
}

/** The check-in's habit part: this week's focus (and why), its tip, then the reflection on last week's. */
export function buildHabitCheckinSection(m: Messages, language: Language, week: HabitWeek): KnownBlock[] {
  return [
    section(`${m.habits.focusHeading(week.focus.name[language])}\n${week.focus.explanation[language]}`),
    ...reasonBlocks(m, language, week.reason),
    context(m.habits.tip(week.tip)),
    section(m.habits.reflectPrompt(week.lastWeek.habit.name[language])),
    ...buildReflectionBlocks(m, week.week, week.reflection?.answer, week.streak),
  ];
}

/** The reflection's buttons and status line; replaced in place when the person answers. */
export function buildReflectionBlocks(
  m: Messages,
  week: string,
  answer: ReflectionAnswer | undefined,
  streak: number,
): [ActionsBlock, ContextBlock] {
  const buttons: Button[] = (['often', 'sometimes', 'not_yet'] as const).map((choice) =>
    button(
      m.habits.answers[choice],
      reflectionActionIds[choice],
      encodeReflectionValue(week),
      choice === answer ? 'primary' : undefined,
    ),
  );
  const status = answer ? m.habits.answered(m.habits.answers[answer]) : m.habits.private;
  return [
    { type: 'actions', block_id: habitBlockIds.reflection, elements: buttons },
    context(`${status}\n${m.habits.streak(streak)}`, habitBlockIds.reflectionStatus),
  ];
}

/**
 * The same message with the blocks carrying `ids` swapped for `replacement`, where the first of
 * them stood (the check-in DM keeps every other section as it was sent); appended when absent.
 */
export function swapBlocks(original: KnownBlock[], ids: string[], replacement: KnownBlock[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let replaced = false;
  for (const block of original) {
    if (!block.block_id || !ids.includes(block.block_id)) blocks.push(block);
    else if (!replaced) {
      blocks.push(...replacement);
      replaced = true;
    }
  }
  return replaced ? blocks : [...blocks, ...replacement];
}

export const reflectionBlockIds = [habitBlockIds.reflection, habitBlockIds.reflectionStatus];

function habitLine(habit: Habit, language: Language, focus: boolean, m: Messages): string {
  const name = focus ? `*${habit.name[language]}* (${m.habits.thisWeek})` : `*${habit.name[language]}*`;
  return `${name}\n${habit.explanation[language]}`;
}

/** `/trust habits`: the four habits, this week's focus and tip, my streak, and the nudge switch. */
export function buildHabitsMessage(
  m: Messages,
  language: Language,
  week: HabitWeek,
  nudgesEnabled: boolean,
  /** In a keep-promises week: the person's open promises, already formatted ("text — due"). */
  openPromises?: string[],
): SlackMessage {
  const blocks: KnownBlock[] = [
    header(m.habits.title),
    section(m.habits.focusHeading(week.focus.name[language])),
    ...reasonBlocks(m, language, week.reason),
    context(m.habits.tip(week.tip)),
    ...(openPromises ? [buildOpenPromises(m, openPromises)] : []),
    context(m.habits.streak(week.streak)),
    divider(),
    section(`${m.habits.allHeading}\n${m.habits.intro}`),
    ...habits.map((habit) => section(habitLine(habit, language, habit.id === week.focus.id, m))),
    divider(),
    buildNudgesSwitch(m, nudgesEnabled),
  ];
  return { text: `${m.habits.title}: ${m.habits.focusHeading(week.focus.name[language])}`, blocks };
}

const MAX_PROMISES_SHOWN = 5;

function buildOpenPromises(m: Messages, lines: string[]): KnownBlock {
  if (lines.length === 0) return section(m.habits.noOpenPromises);
  const shown = lines.slice(0, MAX_PROMISES_SHOWN).map((line) => `• ${line}`);
  if (lines.length > MAX_PROMISES_SHOWN) shown.push('• …');
  return section(`${m.habits.openPromises}\n${shown.join('\n')}`);
}

export function buildNudgesSwitch(m: Messages, enabled: boolean): KnownBlock {
  return {
    ...section(enabled ? m.habits.nudgesOn : m.habits.nudgesOff, habitBlockIds.nudges),
    accessory: button(
      enabled ? m.habits.turnNudgesOff : m.habits.turnNudgesOn,
      habitActionIds.nudges,
      encodeNudgesValue(!enabled),
    ),
  };
}

/** The mid-week nudge DM: the focus habit and a tip other than the check-in's. */
export function buildNudgeMessage(
  m: Messages,
  language: Language,
  habit: Habit,
  tip: string,
  reason: FocusReason = { kind: 'rotation' },
): SlackMessage {
  return {
    text: m.habits.nudgeText(habit.name[language]),
    blocks: [
      section(`${m.habits.nudgeHeading(habit.name[language])}\n${habit.explanation[language]}`),
      ...reasonBlocks(m, language, reason),
      context(m.habits.tip(tip)),
      buildNudgesSwitch(m, true),
    ],
  };
}

/** The App Home's habit part: this week's focus, its tip and the person's streak. */
export function buildHabitHomeSection(m: Messages, language: Language, week: HabitWeek): KnownBlock[] {
  return [
    section(`${m.habits.focusHeading(week.focus.name[language])}\n${week.focus.explanation[language]}`),
    ...reasonBlocks(m, language, week.reason),
    context(m.habits.tip(week.tip)),
    context(m.habits.streak(week.streak)),
  ];
}
