import { describe, expect, it } from 'vitest';
import type { TeamWeekSummary } from '../../../../src/domain/digest/team-week-summary.ts';
import { en } from '../../../../src/i18n/en.ts';
import { nb } from '../../../../src/i18n/nb.ts';
import { digestBlockIds } from '../../../../src/slack/ids.ts';
import {
  buildDigestMessage,
  buildDigestPreview,
  withChartImage,
} from '../../../../src/slack/blocks/digest.blocks.ts';
import { validateMessage } from '../../../support/slack-emulator/block-kit.ts';
import { renderBlocks } from '../../../support/slack-emulator/render.ts';

const values = [6.2, 6.8, undefined, 7.1, 7.4, 6.9, undefined, undefined, 8.2, 8, 8.9, 9.3];
const trend = values.map((index, i) => ({
  week: { weekYear: 2026, weekNumber: 36 + i },
  label: `2026-W${36 + i}`,
  index,
}));

const summary: TeamWeekSummary = {
  teamId: 'team-1',
  workspaceId: 'T1',
  channelId: 'C0TEAMCH1',
  week: '2026-W48',
  roundWeek: '2026-W47',
  pulse: {
    kind: 'scores',
    index: { value: 9.3, change: 0.4 },
    parts: {
      credibility: { value: 4.2, change: 0.1 },
      reliability: { value: 4, change: 0 },
      intimacy: { value: 3.8, change: -0.3 },
      selfOrientation: { value: 1.3, change: undefined },
    },
    respondents: 6,
    members: 8,
  },
  trend,
  sparkline: '▁▂·▃▃▂··▅▄▆█',
  promises: { made: 12, keptOnTime: 9, renegotiated: 2, overdue: 1 },
  focus: 'stand_up',
  reflections: {
    habit: 'assume_best',
    summary: { kind: 'counts', respondents: 7, counts: { often: 4, sometimes: 2, notYet: 1 } },
  },
  coaching: {
    part: 'intimacy',
    rounds: 4,
    practice: {
      en: 'Start one meeting with a quick round.',
      nb: 'Start ett møte med en kort runde.',
    },
  },
};

const tooFew: TeamWeekSummary = {
  ...summary,
  pulse: { kind: 'too_few', respondents: 3, members: 8, minGroupSize: 5 },
  reflections: { habit: 'assume_best', summary: { kind: 'too_few', minGroupSize: 5 } },
};

describe('the channel digest', () => {
  it('reads well in English, with arrows and deltas', () => {
    const message = buildDigestMessage(en, 'en', summary, 5);
    expect(message.text).toBe('Weekly trust digest for <#C0TEAMCH1>, week 2026-W47');
    expect(renderBlocks(message.blocks)).toMatchInlineSnapshot(`
      "WEEKLY TRUST DIGEST
      ===================
      ‹ #C0TEAMCH1 · week 2026-W47 ›
      *Trust index: 9.3* ▲ +0.4
      *Credibility*                   *Reliability*
      4.2 ▲ +0.1                      4.0 → ±0.0
      *Intimacy*                      *Self-orientation (lower is better)*
      3.8 ▼ −0.3                      1.3
      *Participation:* 6 of 8 rated
      *Trust index, last 12 weeks*
      \`▁▂·▃▃▂··▅▄▆█\`
      Weeks 36–47. A dot is a week without a result.
      :seedling: *Part to work on: intimacy*
      The lowest part of the Trust Equation over the last 4 rounds with results.
      *Try as a team this week:* Start one meeting with a quick round.
      ────────────────────────────────────────────────────────────
      *Promises last week*
      12 made · 9 kept on time · 2 renegotiated · 1 overdue
      *This week’s habit:* Stand up for others when they are right
      When a colleague is right — in a meeting, a thread or a decision — say so where it counts, even if they are not the loudest voice. Backing people when they are right shows that here, the argument matters more than rank or volume.
      *Last week’s reflections* on Assume the best
      Often 4 · Sometimes 2 · Not yet 1
      ‹ Anonymous: scores appear only when at least 5 people rated. Never a name. ›"
    `);
  });

  it('reads well in Norwegian Bokmål, with decimal commas', () => {
    const message = buildDigestMessage(nb, 'nb', summary, 5);
    expect(renderBlocks(message.blocks)).toMatchInlineSnapshot(`
      "UKENTLIG TILLITSOPPSUMMERING
      ============================
      ‹ #C0TEAMCH1 · uke 2026-W47 ›
      *Tillitsindeks: 9,3* ▲ +0,4
      *Troverdighet*                  *Pålitelighet*
      4,2 ▲ +0,1                      4,0 → ±0,0
      *Nærhet*                        *Selvorientering (lavere er bedre)*
      3,8 ▼ −0,3                      1,3
      *Deltakelse:* 6 av 8 svarte
      *Tillitsindeksen de siste 12 ukene*
      \`▁▂·▃▃▂··▅▄▆█\`
      Uke 36–47. En prikk er en uke uten resultat.
      :seedling: *Dette bør teamet jobbe med: nærhet*
      Den svakeste delen av tillitsligningen de siste 4 rundene med resultater.
      *Prøv sammen denne uken:* Start ett møte med en kort runde.
      ────────────────────────────────────────────────────────────
      *Løfter forrige uke*
      12 gitt · 9 holdt i tide · 2 fikk ny frist · 1 forfalt
      *Ukens vane:* Støtt andre når de har rett
      Når en kollega har rett – i et møte, en tråd eller en beslutning – si det der det teller, også når det ikke er de som snakker høyest. Å stille seg bak folk som har rett viser at det er saken som avgjør her, ikke rang eller stemmevolum.
      *Forrige ukes refleksjoner* om Tro det beste om andre
      Ofte 4 · Av og til 2 · Ikke ennå 1
      ‹ Anonymt: resultater vises bare når minst 5 har svart. Aldri navn. ›"
    `);
  });

  it('says there were not enough responses below k, with no score at all', () => {
    for (const [m, language] of [
      [en, 'en'],
      [nb, 'nb'],
    ] as const) {
      const message = buildDigestMessage(m, language, tooFew, 5);
      const shown = renderBlocks(message.blocks);
      expect(shown).toContain(
        language === 'en' ? 'Not enough responses this week' : 'For få svar denne uken',
      );
      expect(shown).not.toContain(m.digest.parts.credibility);
      expect(shown).not.toMatch(/9[.,]3|4[.,]2/);
    }
    expect(renderBlocks(buildDigestMessage(en, 'en', tooFew, 5).blocks)).toMatchInlineSnapshot(`
      "WEEKLY TRUST DIGEST
      ===================
      ‹ #C0TEAMCH1 · week 2026-W47 ›
      *Not enough responses this week* (3 of 8; at least 5 are needed), so no scores are shown.
      *Trust index, last 12 weeks*
      \`▁▂·▃▃▂··▅▄▆█\`
      Weeks 36–47. A dot is a week without a result.
      :seedling: *Part to work on: intimacy*
      The lowest part of the Trust Equation over the last 4 rounds with results.
      *Try as a team this week:* Start one meeting with a quick round.
      ────────────────────────────────────────────────────────────
      *Promises last week*
      12 made · 9 kept on time · 2 renegotiated · 1 overdue
      *This week’s habit:* Stand up for others when they are right
      When a colleague is right — in a meeting, a thread or a decision — say so where it counts, even if they are not the loudest voice. Backing people when they are right shows that here, the argument matters more than rank or volume.
      *Last week’s reflections* on Assume the best
      Too few answers to show.
      ‹ Anonymous: scores appear only when at least 5 people rated. Never a name. ›"
    `);
  });

  it('withholds promise counts when the team is smaller than k', () => {
    const shown = renderBlocks(buildDigestMessage(nb, 'nb', { ...tooFew, promises: undefined }, 5).blocks);
    expect(shown).toContain('Teamet er for lite til å vise antall løfter');
    expect(shown).not.toContain('holdt i tide');
  });

  it('draws a chart only when there is a value to draw, with the gaps as nulls', () => {
    const message = buildDigestMessage(en, 'en', summary, 5);
    expect(message.chart?.points.map((p) => p.index)).toEqual(values.map((v) => v ?? null));
    expect(message.chart?.altText).toContain('week 38 no result');
    const empty = {
      ...tooFew,
      trend: trend.map((p) => ({ ...p, index: undefined })),
      sparkline: '············',
    };
    expect(buildDigestMessage(en, 'en', empty, 5).chart).toBeNull();
  });

  it('puts the chart right under the trend', () => {
    const message = buildDigestMessage(en, 'en', summary, 5);
    const chart = message.chart;
    if (!chart) throw new Error('no chart');
    const blocks = withChartImage(message.blocks, chart, 'F0CHART1') as Array<{
      block_id?: string;
      type: string;
    }>;
    const at = blocks.findIndex((b) => b.block_id === digestBlockIds.trend);
    expect(blocks[at + 1]).toMatchObject({ type: 'image', slack_file: { id: 'F0CHART1' } });
    expect(validateMessage({ text: message.text, blocks }).errors).toEqual([]);
  });

  it('stays within Block Kit limits at the largest sizes', () => {
    const huge = 2_000_000_000;
    const big: TeamWeekSummary = {
      ...summary,
      channelId: `C${'Z'.repeat(200)}`,
      pulse: {
        kind: 'scores',
        index: { value: 15, change: -14.4 },
        parts: {
          credibility: { value: 5, change: 4 },
          reliability: { value: 5, change: -4 },
          intimacy: { value: 5, change: 4 },
          selfOrientation: { value: 1, change: -4 },
        },
        respondents: huge,
        members: huge,
      },
      promises: { made: huge, keptOnTime: huge, renegotiated: huge, overdue: huge },
      reflections: {
        habit: 'keep_promises',
        summary: {
          kind: 'counts',
          respondents: huge,
          counts: { often: huge, sometimes: huge, notYet: huge },
        },
      },
    };
    for (const [m, language] of [
      [en, 'en'],
      [nb, 'nb'],
    ] as const) {
      const message = buildDigestMessage(m, language, big, 1_000);
      const chart = message.chart;
      if (!chart) throw new Error('no chart');
      expect(validateMessage(message).errors).toEqual([]);
      expect(
        validateMessage({ text: message.text, blocks: withChartImage(message.blocks, chart, 'F1') }).errors,
      ).toEqual([]);
      expect(validateMessage(buildDigestPreview(m, message)).errors).toEqual([]);
      expect(renderBlocks(message.blocks)).toMatch(language === 'en' ? /2,000,000,000/ : /2\s000\s000\s000/);
    }
  });

  it('never names anyone', () => {
    const shown = JSON.stringify(buildDigestMessage(en, 'en', summary, 5));
    expect(shown).not.toMatch(/<@[UW]/);
  });
});
