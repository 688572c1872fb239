// The trust index over the digest's weeks as an SVG line chart. Labels are drawn as strokes of
// our own, not text, so the picture is the same on every machine whatever fonts it has.

export interface ChartPoint {
  /** "2026-W47". */
  label: string;
  index: number | null;
}

export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 320;
export const CHART_COLORS = {
  background: '#ffffff',
  grid: '#e5e7eb',
  axis: '#6b7280',
  line: '#1d3557',
} as const;

/** The plot area inside the axes. */
export const PLOT = { left: 56, right: CHART_WIDTH - 24, top: 24, bottom: CHART_HEIGHT - 48 } as const;

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

const round = (n: number) => Math.round(n * 10) / 10;

export function buildTrendChartSvg(points: readonly ChartPoint[]): string {
  const g = chartGeometry(points);
  const parts: string[] = [
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="${CHART_COLORS.background}"/>`,
  ];
  for (let v = g.low; v <= g.high; v += g.step) {
    const y = round(g.y(v));
    parts.push(
      `<path d="M${PLOT.left} ${y}H${PLOT.right}" stroke="${CHART_COLORS.grid}" stroke-width="1"/>`,
      strokeText(String(v), PLOT.left - 10, y, 'end'),
    );
  }
  parts.push(
    `<path d="M${PLOT.left} ${PLOT.top}V${PLOT.bottom}H${PLOT.right}" fill="none" stroke="${CHART_COLORS.axis}" stroke-width="1.5"/>`,
  );
  points.forEach((p, i) => {
    const x = round(g.x(i));
    parts.push(`<path d="M${x} ${PLOT.bottom}v5" stroke="${CHART_COLORS.axis}" stroke-width="1.5"/>`);
    parts.push(strokeText(weekNumberOf(p.label), x, PLOT.bottom + 20, 'middle'));
  });
  // A gap breaks the line: each run of consecutive weeks with a value is its own path.
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1)
      parts.push(
        `<path d="M${run.join('L')}" fill="none" stroke="${CHART_COLORS.line}" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>`,
      );
    run = [];
  };
  points.forEach((p, i) => {
    if (p.index === null) return flush();
    run.push(`${round(g.x(i))} ${round(g.y(p.index))}`);
  });
  flush();
  points.forEach((p, i) => {
    if (p.index === null) return;
    parts.push(
      `<circle cx="${round(g.x(i))}" cy="${round(g.y(p.index))}" r="5" fill="${CHART_COLORS.line}"/>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">${parts.join('')}</svg>`;
}

function weekNumberOf(label: string): string {
  return String(Number(/W(\d{2})$/.exec(label)?.[1] ?? '0'));
}

// Seven-segment digits on a 4 × 6 grid.
const DIGITS: Record<string, string> = {
  '0': 'M0 0H4V6H0Z',
  '1': 'M1 1L2 0V6',
  '2': 'M0 0H4V3H0V6H4',
  '3': 'M0 0H4V6H0M0 3H4',
  '4': 'M0 0V3H4M4 0V6',
  '5': 'M4 0H0V3H4V6H0',
  '6': 'M4 0H0V6H4V3H0',
  '7': 'M0 0H4V6',
  '8': 'M0 0H4V6H0ZM0 3H4',
  '9': 'M4 3H0V0H4V6H0',
};
const SCALE = 1.75;
const ADVANCE = 6 * SCALE;
const GLYPH_WIDTH = 4 * SCALE;
const GLYPH_HEIGHT = 6 * SCALE;

/** Digits centred vertically on `y`, anchored at `x`. */
function strokeText(text: string, x: number, y: number, anchor: 'end' | 'middle'): string {
  const width = text.length * ADVANCE - (ADVANCE - GLYPH_WIDTH);
  const left = anchor === 'end' ? x - width : x - width / 2;
  const top = y - GLYPH_HEIGHT / 2;
  const glyphs = [...text]
    .map((ch, i) => {
      const d = DIGITS[ch];
      return d
        ? `<path transform="translate(${round(left + i * ADVANCE)} ${round(top)}) scale(${SCALE})" d="${d}"/>`
        : '';
    })
    .join('');
  return `<g fill="none" stroke="${CHART_COLORS.axis}" stroke-width="${round(1.6 / SCALE)}" stroke-linecap="round" stroke-linejoin="round">${glyphs}</g>`;
}
