// The digest's trend as an SVG: the trust index over the weeks, with a title and axis labels in
// the reader's language, weeks without a result shaded as gaps, and the four parts of the Trust
// Equation as small charts underneath. Text is set in Inter, loaded from its npm package by
// `chart-png.ts` (never a system font), so the picture is the same on every machine.

import { PULSE_ITEMS, type PulseItem } from '../../domain/pulse/pulse.ts';

export interface ChartPoint {
  /** "2026-W47". */
  label: string;
  index: number | null;
  /** The four parts' means that week (absent in charts stored before they were drawn). */
  parts?: Record<PulseItem, number> | null;
}

/** Every word on the chart, in the reader's language. */
export interface ChartText {
  title: string;
  subtitle: string;
  yAxis: string;
  xAxis: string;
  partsTitle: string;
  parts: Record<PulseItem, string>;
  /** Formats a value with one decimal in the reader's locale. */
  decimal(value: number): string;
}

export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 500;
export const CHART_FONT_FAMILY = 'Inter';
export const CHART_COLORS = {
  background: '#ffffff',
  grid: '#e5e7eb',
  axis: '#6b7280',
  text: '#111827',
  muted: '#4b5563',
  gap: '#f1f3f6',
  line: '#1d3557',
  part: '#2a9d8f',
} as const;

/** The main plot area inside the axes. */
export const PLOT = { left: 64, right: CHART_WIDTH - 24, top: 88, bottom: 300 } as const;
/** The title band at the top. */
export const TITLE_AREA = { top: 0, bottom: 64 } as const;
/** The second panel: the four parts side by side. */
export const PARTS_PANEL = {
  left: 24,
  right: CHART_WIDTH - 24,
  top: 364,
  bottom: CHART_HEIGHT - 20,
} as const;
const PART_GAP = 20;
const PART_PLOT = { top: PARTS_PANEL.top + 34, bottom: PARTS_PANEL.bottom - 8 } as const;

/** Space between the y axis and the first week, and after the last. */
const INSET = 20;
/** The index's full range is 0.6–15. */
const INDEX_MAX = 15;

export interface ChartGeometry {
  low: number;
  high: number;
  step: number;
  x(i: number): number;
  y(value: number): number;
}

/** Y range: whole numbers around the data, at least 2 apart, within 0–15. */
export function chartGeometry(points: readonly ChartPoint[]): ChartGeometry {
  const values = points.map((p) => p.index).filter((v): v is number => v !== null);
  // Half a point of air above and below, so no value sits on an axis.
  let low = values.length > 0 ? Math.max(0, Math.floor(Math.min(...values) - 0.5)) : 0;
  let high = values.length > 0 ? Math.min(INDEX_MAX, Math.ceil(Math.max(...values) + 0.5)) : INDEX_MAX;
  if (high - low < 2) {
    high = Math.min(INDEX_MAX, high + 1);
    low = Math.max(0, high - 2);
  }
  const step = high - low <= 6 ? 1 : high - low <= 10 ? 2 : 5;
  low = Math.floor(low / step) * step;
  high = Math.ceil(high / step) * step;
  const n = Math.max(1, points.length - 1);
  return {
    low,
    high,
    step,
    x: (i) => PLOT.left + INSET + (PLOT.right - PLOT.left - 2 * INSET) * (points.length === 1 ? 0.5 : i / n),
    y: (value) => PLOT.bottom - ((value - low) / (high - low)) * (PLOT.bottom - PLOT.top),
  };
}

/** Where part `k` (0…3) of the second panel sits, and its scale (1–5). */
export function partGeometry(points: readonly ChartPoint[], k: number) {
  const width =
    (PARTS_PANEL.right - PARTS_PANEL.left - PART_GAP * (PULSE_ITEMS.length - 1)) / PULSE_ITEMS.length;
  const left = PARTS_PANEL.left + k * (width + PART_GAP);
  const inner = { left: left + 6, right: left + width - 6 };
  const n = Math.max(1, points.length - 1);
  return {
    left,
    width,
    x: (i: number) => inner.left + (inner.right - inner.left) * (points.length === 1 ? 0.5 : i / n),
    y: (value: number) => PART_PLOT.bottom - ((value - 1) / 4) * (PART_PLOT.bottom - PART_PLOT.top),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function text(
  content: string,
  x: number,
  y: number,
  options: {
    size: number;
    weight?: 400 | 600;
    fill?: string;
    anchor?: 'start' | 'middle' | 'end';
    rotate?: boolean;
  },
): string {
  const anchor = options.anchor && options.anchor !== 'start' ? ` text-anchor="${options.anchor}"` : '';
  const rotate = options.rotate ? ` transform="rotate(-90 ${round(x)} ${round(y)})"` : '';
  return `<text x="${round(x)}" y="${round(y)}" font-family="${CHART_FONT_FAMILY}" font-size="${options.size}" font-weight="${options.weight ?? 400}" fill="${options.fill ?? CHART_COLORS.text}"${anchor}${rotate}>${escapeXml(content)}</text>`;
}

/** A polyline per run of consecutive weeks with a value: a gap always breaks the line. */
function runs(
  values: ReadonlyArray<number | null>,
  x: (i: number) => number,
  y: (v: number) => number,
  color: string,
  width: number,
): string[] {
  const paths: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1)
      paths.push(
        `<path d="M${run.join('L')}" fill="none" stroke="${color}" stroke-width="${width}" stroke-linejoin="round" stroke-linecap="round"/>`,
      );
    run = [];
  };
  values.forEach((v, i) => {
    if (v === null) return flush();
    run.push(`${round(x(i))} ${round(y(v))}`);
  });
  flush();
  return paths;
}

export function buildTrendChartSvg(points: readonly ChartPoint[], words: ChartText): string {
  const g = chartGeometry(points);
  const half = points.length > 1 ? (g.x(1) - g.x(0)) / 2 : INSET;
  const parts: string[] = [
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="${CHART_COLORS.background}"/>`,
    text(words.title, 24, 34, { size: 20, weight: 600 }),
    text(words.subtitle, 24, 56, { size: 12.5, fill: CHART_COLORS.muted }),
  ];
  // Weeks without a result: a shaded column, so the gap is seen rather than inferred; the columns
  // of neighbouring gap weeks join up.
  points.forEach((p, i) => {
    if (p.index !== null) return;
    const from = Math.max(PLOT.left + 1, g.x(i) - half);
    const to = Math.min(PLOT.right, g.x(i) + half);
    parts.push(
      `<rect x="${round(from)}" y="${PLOT.top}" width="${round(to - from)}" height="${PLOT.bottom - PLOT.top}" fill="${CHART_COLORS.gap}"/>`,
    );
  });
  for (let v = g.low; v <= g.high; v += g.step) {
    const y = round(g.y(v));
    parts.push(
      `<path d="M${PLOT.left} ${y}H${PLOT.right}" stroke="${CHART_COLORS.grid}" stroke-width="1"/>`,
      text(String(v), PLOT.left - 10, y + 4, { size: 12, fill: CHART_COLORS.muted, anchor: 'end' }),
    );
  }
  parts.push(
    `<path d="M${PLOT.left} ${PLOT.top}V${PLOT.bottom}H${PLOT.right}" fill="none" stroke="${CHART_COLORS.axis}" stroke-width="1.5"/>`,
    text(words.yAxis, 20, (PLOT.top + PLOT.bottom) / 2, {
      size: 12.5,
      fill: CHART_COLORS.muted,
      anchor: 'middle',
      rotate: true,
    }),
    text(words.xAxis, (PLOT.left + PLOT.right) / 2, PLOT.bottom + 42, {
      size: 12.5,
      fill: CHART_COLORS.muted,
      anchor: 'middle',
    }),
  );
  points.forEach((p, i) => {
    const x = round(g.x(i));
    parts.push(`<path d="M${x} ${PLOT.bottom}v5" stroke="${CHART_COLORS.axis}" stroke-width="1.5"/>`);
    parts.push(
      text(weekNumberOf(p.label), x, PLOT.bottom + 20, {
        size: 12,
        fill: CHART_COLORS.muted,
        anchor: 'middle',
      }),
    );
  });
  parts.push(
    ...runs(
      points.map((p) => p.index),
      g.x,
      g.y,
      CHART_COLORS.line,
      3,
    ),
  );
  points.forEach((p, i) => {
    if (p.index === null) return;
    parts.push(
      `<circle cx="${round(g.x(i))}" cy="${round(g.y(p.index))}" r="5" fill="${CHART_COLORS.line}"/>`,
    );
  });
  // The newest value, written next to its dot.
  const lastAt = points.findLastIndex((p) => p.index !== null);
  const last = points[lastAt]?.index;
  if (last !== undefined && last !== null) {
    // Above the dot, unless the line comes down into it (or there is no room): then below.
    const before = points[lastAt - 1]?.index;
    const fromAbove = before !== undefined && before !== null && before > last;
    const y = fromAbove || g.y(last) - 12 < PLOT.top + 10 ? g.y(last) + 22 : g.y(last) - 12;
    parts.push(
      text(words.decimal(last), g.x(lastAt), y, {
        size: 13,
        weight: 600,
        fill: CHART_COLORS.line,
        anchor: 'middle',
      }),
    );
  }
  parts.push(...partsPanel(points, words));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">${parts.join('')}</svg>`;
}

/** The four parts, each on its own 1–5 scale, with its newest value. */
function partsPanel(points: readonly ChartPoint[], words: ChartText): string[] {
  const out: string[] = [
    `<path d="M${PARTS_PANEL.left} ${PARTS_PANEL.top - 18}H${PARTS_PANEL.right}" stroke="${CHART_COLORS.grid}" stroke-width="1"/>`,
    text(words.partsTitle, PARTS_PANEL.left, PARTS_PANEL.top + 4, { size: 13, weight: 600 }),
  ];
  PULSE_ITEMS.forEach((item, k) => {
    const p = partGeometry(points, k);
    const values = points.map((pt) => pt.parts?.[item] ?? null);
    out.push(text(words.parts[item], p.left, PARTS_PANEL.top + 24, { size: 12, fill: CHART_COLORS.muted }));
    const newest = values.findLast((v) => v !== null);
    if (newest !== undefined && newest !== null)
      out.push(
        text(words.decimal(newest), p.left + p.width, PARTS_PANEL.top + 24, {
          size: 12,
          weight: 600,
          anchor: 'end',
        }),
      );
    const halfStep = points.length > 1 ? (p.x(1) - p.x(0)) / 2 : 4;
    points.forEach((pt, i) => {
      if (pt.index !== null) return;
      const from = Math.max(p.left, p.x(i) - halfStep);
      const to = Math.min(p.left + p.width, p.x(i) + halfStep);
      out.push(
        `<rect x="${round(from)}" y="${PART_PLOT.top}" width="${round(to - from)}" height="${PART_PLOT.bottom - PART_PLOT.top}" fill="${CHART_COLORS.gap}"/>`,
      );
    });
    for (const v of [1, 3, 5]) {
      out.push(
        `<path d="M${round(p.left)} ${round(p.y(v))}H${round(p.left + p.width)}" stroke="${CHART_COLORS.grid}" stroke-width="1"/>`,
      );
    }
    out.push(...runs(values, p.x, p.y, CHART_COLORS.part, 2));
    values.forEach((v, i) => {
      if (v !== null)
        out.push(`<circle cx="${round(p.x(i))}" cy="${round(p.y(v))}" r="2.5" fill="${CHART_COLORS.part}"/>`);
    });
  });
  return out;
}

function weekNumberOf(label: string): string {
  return String(Number(/W(\d{2})$/.exec(label)?.[1] ?? '0'));
}
