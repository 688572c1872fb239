import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderTrendChartPng } from '../../../src/slack/chart-png.ts';
import {
  CHART_COLORS,
  CHART_HEIGHT,
  CHART_WIDTH,
  type ChartPoint,
  chartGeometry,
  PLOT,
} from '../../../src/slack/views/trend-chart.view.ts';

const values = [6.2, 6.8, null, 7.1, 7.4, 6.9, null, null, 8.2, 8, 8.9, 9.3];
const points: ChartPoint[] = values.map((index, i) => ({ label: `2026-W${36 + i}`, index }));

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

/** How many pixels are (nearly) the line's colour. */
function lineColoured(image: PNG): number {
  const [r, g, b] = hex(CHART_COLORS.line);
  let n = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    if (
      Math.abs((image.data[i] ?? 0) - r) < 8 &&
      Math.abs((image.data[i + 1] ?? 0) - g) < 8 &&
      Math.abs((image.data[i + 2] ?? 0) - b) < 8
    )
      n += 1;
  }
  return n;
}

describe('the trend chart PNG', () => {
  const png = renderTrendChartPng(points);
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
