import type { KnownBlock } from '@slack/types';
import type { DigestChart } from '../../domain/digest/ports.ts';
import type {
  Coaching,
  DigestPulse,
  ScoreWithChange,
  TeamWeekSummary,
} from '../../domain/digest/team-week-summary.ts';
import { habitById } from '../../domain/habits/catalogue.ts';
import { PULSE_ITEMS } from '../../domain/pulse/pulse.ts';
import type { TrendPoint } from '../../domain/pulse/trend.ts';
import type { Language } from '../../domain/users/language.ts';
import type { Messages } from '../../i18n/en.ts';
import { digestBlockIds } from '../ids.ts';
import { codeSpan } from './mrkdwn.ts';
import { context, divider, header, mrkdwnText, plainText, type SlackMessage, section } from './block-kit.ts';
import { channelMention } from './team.blocks.ts';

export interface DigestMessage extends SlackMessage {
  /** Data for the chart image, or null when there is no value to draw. */
  chart: DigestChart | null;
}

const locales: Record<Language, string> = { en: 'en-GB', nb: 'nb-NO' };

function formats(language: Language) {
  const whole = new Intl.NumberFormat(locales[language], { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locales[language], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return { count: (n: number) => whole.format(n), decimal: (n: number) => decimal.format(n) };
}

type Formats = ReturnType<typeof formats>;

/** " ▲ +0.4", " ▼ −0.2", " → ±0.0", or nothing when there is no earlier round to compare with. */
export function changeText(change: number | undefined, f: Formats): string {
  if (change === undefined) return '';
  if (change > 0) return ` ▲ +${f.decimal(change)}`;
  if (change < 0) return ` ▼ −${f.decimal(-change)}`;
  return ` → ±${f.decimal(0)}`;
}

const weekNumber = (label: string) => String(Number(label.slice(-2)));

/** The weekly channel digest in the team's language: team figures only, never a name. */
export function buildDigestMessage(
  m: Messages,
  language: Language,
  summary: TeamWeekSummary,
  minGroupSize: number,
): DigestMessage {
  const f = formats(language);
  const channel = channelMention(summary.channelId);
  const first = summary.trend[0]?.label ?? summary.roundWeek;
  const blocks: KnownBlock[] = [
    header(m.digest.title),
    context(m.digest.context(channel, summary.roundWeek)),
    ...pulseBlocks(m, f, summary.pulse),
    section(
      [
        m.digest.trendHeading(summary.trend.length),
        codeSpan(summary.sparkline),
        m.digest.trendRange(weekNumber(first), weekNumber(summary.roundWeek)),
      ].join('\n'),
      digestBlockIds.trend,
    ),
    ...(summary.coaching
      ? [section(buildCoachingText(m, language, summary.coaching), digestBlockIds.coaching)]
      : []),
    divider(),
    section(promisesText(m, f, summary)),
    section(focusText(m, language, summary)),
    section(reflectionsText(m, language, f, summary)),
    context(m.digest.footer(minGroupSize)),
  ];
  return {
    text: m.digest.notificationText(channel, summary.roundWeek),
    blocks,
    chart: buildTrendChart(m, language, summary.trend),
  };
}

function pulseBlocks(m: Messages, f: Formats, pulse: DigestPulse): KnownBlock[] {
  if (pulse.kind === 'too_few') {
    return [
      section(m.digest.notEnough(f.count(pulse.respondents), f.count(pulse.members), pulse.minGroupSize)),
    ];
  }
  const score = (s: ScoreWithChange) => `${f.decimal(s.value)}${changeText(s.change, f)}`;
  return [
    {
      ...section(m.digest.indexLine(f.decimal(pulse.index.value), changeText(pulse.index.change, f))),
      fields: PULSE_ITEMS.map((item) => mrkdwnText(`*${m.digest.parts[item]}*\n${score(pulse.parts[item])}`)),
    },
    section(m.digest.participation(f.count(pulse.respondents), f.count(pulse.members))),
  ];
}

/** The weakest part, why, and this week's practice (shared by the digest and the App Home). */
export function buildCoachingText(m: Messages, language: Language, coaching: Coaching): string {
  const c = m.coaching;
  return [
    c.heading(c.parts[coaching.part]),
    c.basis(coaching.rounds),
    c.practice(coaching.practice[language]),
  ].join('\n');
}

function promisesText(m: Messages, f: Formats, summary: TeamWeekSummary): string {
  const p = summary.promises;
  if (!p) return `${m.digest.promisesHeading}\n${m.digest.promisesTooFew}`;
  const counts = m.digest.promises(
    f.count(p.made),
    f.count(p.keptOnTime),
    f.count(p.renegotiated),
    f.count(p.overdue),
  );
  return `${m.digest.promisesHeading}\n${counts}`;
}

function focusText(m: Messages, language: Language, summary: TeamWeekSummary): string {
  const habit = habitById(summary.focus);
  return `${m.digest.focus(habit.name[language])}\n${habit.explanation[language]}`;
}

function reflectionsText(m: Messages, language: Language, f: Formats, summary: TeamWeekSummary): string {
  const heading = m.digest.reflectionsHeading(habitById(summary.reflections.habit).name[language]);
  const r = summary.reflections.summary;
  if (r.kind === 'too_few') return `${heading}\n${m.digest.reflectionsTooFew}`;
  const a = m.habits.answers;
  return `${heading}\n${a.often} ${f.count(r.counts.often)} · ${a.sometimes} ${f.count(r.counts.sometimes)} · ${a.not_yet} ${f.count(r.counts.notYet)}`;
}

/** The chart's data and its description for screen readers, or null when no week has a value. */
export function buildTrendChart(
  m: Messages,
  language: Language,
  trend: readonly TrendPoint[],
): DigestChart | null {
  if (trend.every((p) => p.index === undefined)) return null;
  const f = formats(language);
  const described = trend
    .map((p) =>
      p.index === undefined
        ? m.digest.chartGap(weekNumber(p.label))
        : m.digest.chartPoint(weekNumber(p.label), f.decimal(p.index)),
    )
    .join(', ');
  return {
    language,
    points: trend.map((p) => ({ label: p.label, index: p.index ?? null, parts: p.means ?? null })),
    altText: m.digest.chartAlt(trend.length, described),
    title: m.digest.chartTitle,
  };
}

/** The posted digest with its chart, right under the trend; the sparkline stays for text clients. */
export function withChartImage(
  blocks: readonly unknown[],
  chart: Pick<DigestChart, 'altText' | 'title'>,
  fileId: string,
): unknown[] {
  const image = {
    type: 'image',
    block_id: digestBlockIds.chart,
    slack_file: { id: fileId },
    alt_text: chart.altText.slice(0, 2_000),
    title: plainText(chart.title),
  };
  const at = blocks.findIndex(
    (b) =>
      typeof b === 'object' && b !== null && (b as { block_id?: unknown }).block_id === digestBlockIds.trend,
  );
  return at === -1 ? [...blocks, image] : [...blocks.slice(0, at + 1), image, ...blocks.slice(at + 1)];
}

/** `/trust digest preview`: the digest as the channel will see it, for the manager only. */
export function buildDigestPreview(m: Messages, digest: DigestMessage): SlackMessage {
  const notes = [m.digest.previewNote, ...(digest.chart ? [m.digest.previewChartNote] : [])];
  return {
    text: digest.text,
    blocks: [context(notes.join(' ')), ...digest.blocks],
  };
}
