import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import type { Language } from '../../domain/users/language.ts';
import { messages } from '../../i18n/index.ts';
import { buildTrendChartSvg, type ChartPoint, type ChartText } from './trend-chart.svg.ts';

const require = createRequire(import.meta.url);

/**
 * Inter (SIL Open Font License 1.1) from its npm package, regular and semibold: resvg reads TTF
 * files, and loads no system font, so every machine draws the same picture.
 */
export const CHART_FONT_FILES = [
  require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  require.resolve('@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf'),
];

const locales: Record<Language, string> = { en: 'en-GB', nb: 'nb-NO' };

/** The chart's words in `language`. */
export function chartText(language: Language, weeks: number): ChartText {
  const c = messages(language).digest.chart;
  const decimal = new Intl.NumberFormat(locales[language], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return {
    title: c.title(weeks),
    subtitle: c.subtitle,
    yAxis: c.yAxis,
    xAxis: c.xAxis,
    partsTitle: c.partsTitle,
    parts: c.parts,
    decimal: (value) => decimal.format(value),
  };
}

/** The trend chart as PNG bytes, rasterised in-process (resvg: a prebuilt native addon from npm). */
export function renderTrendChartPng(points: readonly ChartPoint[], language: Language = 'en'): Buffer {
  const resvg = new Resvg(buildTrendChartSvg(points, chartText(language, points.length)), {
    fitTo: { mode: 'original' },
    font: { loadSystemFonts: false, fontFiles: CHART_FONT_FILES, defaultFontFamily: 'Inter' },
  });
  return resvg.render().asPng();
}
