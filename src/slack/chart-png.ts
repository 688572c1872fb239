import { Resvg } from '@resvg/resvg-js';
import { buildTrendChartSvg, type ChartPoint } from './views/trend-chart.view.ts';

/**
 * The trend chart as PNG bytes, rasterised in-process (resvg: a prebuilt native addon from npm,
 * no download at install). The SVG draws its labels as strokes, so no fonts are loaded.
 */
export function renderTrendChartPng(points: readonly ChartPoint[]): Buffer {
  const resvg = new Resvg(buildTrendChartSvg(points), {
    fitTo: { mode: 'original' },
    font: { loadSystemFonts: false },
  });
  return resvg.render().asPng();
}
