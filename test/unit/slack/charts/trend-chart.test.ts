import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { chartText, renderTrendChartPng } from '../../../../src/slack/charts/chart-png.ts';
import {
  CHART_COLORS,
  CHART_HEIGHT,
  CHART_WIDTH,
  type ChartPoint,
  chartGeometry,
  buildTrendChartSvg,
  PARTS_PANEL,
  PLOT,
  partGeometry,
  TITLE_AREA,
} from '../../../../src/slack/charts/trend-chart.svg.ts';

const values = [6.2, 6.8, null, 7.1, 7.4, 6.9, null, null, 8.2, 8, 8.9, 9.3];
const points: ChartPoint[] = values.map((index, i) => ({
  label: `2026-W${36 + i}`,
  index,
  parts:
    index === null
      ? null
      : { credibility: 4.2, reliability: 3 + i / 10, intimacy: 3.6, selfOrientation: 1.8 },
}));

function hex(color: string): [number, number, number] {
  return [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16)) as [number, number, number];
}

function decode(png: Buffer) {
  const image = PNG.sync.read(png);
  const at = (x: number, y: number): [number, number, number] => {
    const i = (Math.round(y) * image.width + Math.round(x)) * 4;
    return [image.data[i] ?? -1, image.data[i + 1] ?? -1, image.data[i + 2] ?? -1];
  };
  return { image, at };
}

/** How many pixels (in the rows from `top` to `bottom`) are (nearly) `color`. */
function coloured(image: PNG, color: string, top = 0, bottom = image.height): number {
  const [r, g, b] = hex(color);
  let n = 0;
  for (let i = top * image.width * 4; i < bottom * image.width * 4; i += 4) {
    if (
      Math.abs((image.data[i] ?? 0) - r) < 8 &&
      Math.abs((image.data[i + 1] ?? 0) - g) < 8 &&
      Math.abs((image.data[i + 2] ?? 0) - b) < 8
    )
      n += 1;
  }
  return n;
}

const lineColoured = (image: PNG) => coloured(image, CHART_COLORS.line);

/** Pixels in a box that are dark, as text is (the background and grid are light). */
function darkPixels(
  at: (x: number, y: number) => [number, number, number],
  box: { x0: number; x1: number; y0: number; y1: number },
) {
  let n = 0;
  for (let x = box.x0; x < box.x1; x += 1)
    for (let y = box.y0; y < box.y1; y += 1) if (Math.max(...at(x, y)) < 130) n += 1;
  return n;
}

describe('the trend chart PNG', () => {
  const png = renderTrendChartPng(points, 'en');
  const { image, at } = decode(png);
  const g = chartGeometry(points);

  it('is a valid PNG of the chart’s size', () => {
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(image.width).toBe(CHART_WIDTH);
    expect(image.height).toBe(CHART_HEIGHT);
  });

  it('puts a dot of the line colour on every week with a value, where the value is', () => {
    for (const [i, value] of values.entries()) {
      if (value === null) continue;
      expect(at(g.x(i), g.y(value)), `week ${i}`).toEqual(hex(CHART_COLORS.line));
      // Well above and below the dot is background or grid, not line.
      expect(at(g.x(i), g.y(value) - 30)).not.toEqual(hex(CHART_COLORS.line));
    }
  });

  it('has a title in dark text in the title area', () => {
    const title = darkPixels(at, { x0: 0, x1: CHART_WIDTH, y0: TITLE_AREA.top, y1: TITLE_AREA.bottom });
    expect(title).toBeGreaterThan(400);
    // Nothing dark in the margin above the title.
    expect(darkPixels(at, { x0: 0, x1: CHART_WIDTH, y0: 0, y1: 8 })).toBe(0);
  });

  it('draws the four parts as a second panel under the main chart, with their names', () => {
    expect(coloured(image, CHART_COLORS.part, 0, PARTS_PANEL.top - 20)).toBe(0);
    expect(coloured(image, CHART_COLORS.part, PARTS_PANEL.top, PARTS_PANEL.bottom)).toBeGreaterThan(200);
    for (let k = 0; k < 4; k += 1) {
      const p = partGeometry(points, k);
      // Reliability rises week by week: its dot for the last week sits where 4.1 is on a 1–5 scale.
      if (k === 1) expect(at(p.x(11), p.y(4.1))).toEqual(hex(CHART_COLORS.part));
      const name = darkPixels(at, {
        x0: Math.round(p.left),
        x1: Math.round(p.left + p.width),
        y0: PARTS_PANEL.top + 10,
        y1: PARTS_PANEL.top + 30,
      });
      expect(name, `part ${k}`).toBeGreaterThan(40);
    }
  });

  it('shades weeks without a result, so a gap is visible', () => {
    for (const i of [2, 6, 7]) expect(at(g.x(i), PLOT.top + 5)).toEqual(hex(CHART_COLORS.gap));
    expect(at(g.x(3), PLOT.top + 5)).toEqual(hex(CHART_COLORS.background));
  });

  it('speaks the reader’s language, æøå included, and gives the same bytes for the same data', () => {
    const svg = buildTrendChartSvg(points, chartText('nb', points.length));
    expect(svg).toContain('Tillitsindeksen de siste 12 ukene');
    expect(svg).toContain('Pålitelighet');
    expect(svg).toContain('Nærhet');
    expect(svg).toContain('>Uke<');
    expect(svg).toContain('9,3');
    const nb = renderTrendChartPng(points, 'nb');
    expect(nb.equals(png)).toBe(false);
    expect(renderTrendChartPng(points, 'nb').equals(nb)).toBe(true);
    // "å" in "Pålitelighet" is drawn: the Norwegian title row holds as much ink as the English one, not a box.
    const norwegian = decode(nb);
    expect(
      darkPixels(norwegian.at, { x0: 0, x1: CHART_WIDTH, y0: TITLE_AREA.top, y1: TITLE_AREA.bottom }),
    ).toBeGreaterThan(400);
  });

  it('draws a chart stored before it had the parts, with an empty second panel', () => {
    const old = renderTrendChartPng(
      points.map(({ label, index }) => ({ label, index })),
      'en',
    );
    const decoded = decode(old);
    expect(coloured(decoded.image, CHART_COLORS.part)).toBe(0);
    expect(lineColoured(decoded.image)).toBeGreaterThan(1_000);
  });

  it('leaves a gap week empty: no line is drawn across it', () => {
    for (const i of [2, 6, 7]) {
      const x = g.x(i);
      for (let y = PLOT.top + 2; y < PLOT.bottom - 2; y += 1) {
        expect(at(x, y), `gap week ${i} at y=${y}`).not.toEqual(hex(CHART_COLORS.line));
      }
    }
    // Between two weeks with values the line runs through the middle.
    const mid = (g.y(8.2) + g.y(8)) / 2;
    expect(at((g.x(8) + g.x(9)) / 2, mid)).toEqual(hex(CHART_COLORS.line));
  });

  it('is not blank: background in the corner, the line and axis labels drawn', () => {
    expect(at(2, 2)).toEqual(hex(CHART_COLORS.background));
    expect(lineColoured(image)).toBeGreaterThan(1_000);
    // The y-axis labels are drawn left of the axis, in the axis colour.
    let labelled = 0;
    for (let x = 0; x < PLOT.left - 4; x += 1)
      for (let y = PLOT.top - 10; y < PLOT.bottom + 10; y += 1) if (at(x, y)[0] < 200) labelled += 1;
    expect(labelled).toBeGreaterThan(30);
  });

  it('scales the y axis to the data, so higher values sit higher', () => {
    expect(g.low).toBeLessThanOrEqual(6.2);
    expect(g.high).toBeGreaterThanOrEqual(9.3);
    expect(g.y(9.3)).toBeLessThan(g.y(6.2));
  });
});
