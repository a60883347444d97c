import { escapeHtml } from './escape-html.ts';

// Hand-written SVG: reports must open offline from a file, with no CDN and no browser-only
// chart library, and these four chart shapes are all the reports need.

export interface ChartOptions {
  title: string;
  xLabel?: string;
  yLabel?: string;
  width?: number;
  height?: number;
}

export interface Series {
  name: string;
  points: readonly (readonly [number, number])[];
}

const PALETTE = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#57606a'] as const;
const M = { top: 32, right: 16, bottom: 44, left: 60 };

function extent(values: ArrayLike<number>): [number, number] {
  // A loop, not Math.min(...values): a spread of more than about 125k values throws a RangeError.
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  return [lo, hi];
}

function ticks(lo: number, hi: number, count = 5): number[] {
  const step = (hi - lo) / count;
  return Array.from({ length: count + 1 }, (_, i) => lo + i * step);
}

const fmt = (v: number) => (Math.abs(v) >= 1000 || Number.isInteger(v) ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3));

type Scale = (v: number) => number;

function frame(o: ChartOptions, x: [number, number], y: [number, number], draw: (sx: Scale, sy: Scale) => string, legend: string[] = []): string {
  const w = o.width ?? 640;
  const h = o.height ?? 320;
  const sx: Scale = (v) => M.left + ((v - x[0]) / (x[1] - x[0])) * (w - M.left - M.right);
  const sy: Scale = (v) => h - M.bottom - ((v - y[0]) / (y[1] - y[0])) * (h - M.top - M.bottom);
  const yTicks = ticks(y[0], y[1])
    .map((t) => `<line x1="${M.left}" x2="${w - M.right}" y1="${sy(t)}" y2="${sy(t)}" stroke="#eaeef2"/><text x="${M.left - 6}" y="${sy(t) + 4}" text-anchor="end">${fmt(t)}</text>`)
    .join('');
  const xTicks = ticks(x[0], x[1])
    .map((t) => `<text x="${sx(t)}" y="${h - M.bottom + 16}" text-anchor="middle">${fmt(t)}</text>`)
    .join('');
  const legendSvg = legend
    .map((name, i) => `<rect x="${M.left + i * 140}" y="8" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${M.left + 14 + i * 140}" y="17">${escapeHtml(name)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escapeHtml(o.title)}" font-family="system-ui,sans-serif" font-size="11" fill="#24292f">
<title>${escapeHtml(o.title)}</title>${yTicks}${xTicks}${legendSvg}
<g>${draw(sx, sy)}</g>
<text x="${(w + M.left) / 2}" y="${h - 8}" text-anchor="middle">${escapeHtml(o.xLabel ?? '')}</text>
<text transform="translate(14 ${(h - M.bottom + M.top) / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(o.yLabel ?? '')}</text>
</svg>`;
}

/** Lines over a numeric x axis (learning curves, values over time as day numbers). */
export function lineChart(series: readonly Series[], o: ChartOptions): string {
  const all = series.flatMap((s) => s.points);
  const x = extent(all.map((p) => p[0]));
  const y = extent(all.map((p) => p[1]));
  const draw = (sx: Scale, sy: Scale) =>
    series
      .map((s, i) => `<polyline fill="none" stroke-width="1.5" stroke="${PALETTE[i % PALETTE.length]}" points="${s.points.map(([px, py]) => `${sx(px)},${sy(py)}`).join(' ')}"/>`)
      .join('');
  return frame(o, x, y, draw, series.map((s) => s.name));
}

/** Points, with an optional y = x diagonal (predicted against actual). */
export function scatterChart(points: readonly (readonly [number, number])[], o: ChartOptions & { diagonal?: boolean }): string {
  const x = extent(points.map((p) => p[0]));
  const y = extent(points.map((p) => p[1]));
  const lo = Math.max(x[0], y[0]);
  const hi = Math.min(x[1], y[1]);
  const draw = (sx: Scale, sy: Scale) =>
    (o.diagonal && lo < hi ? `<line x1="${sx(lo)}" y1="${sy(lo)}" x2="${sx(hi)}" y2="${sy(hi)}" stroke="#57606a" stroke-dasharray="4 3"/>` : '') +
    points.map(([px, py]) => `<circle cx="${sx(px)}" cy="${sy(py)}" r="2" fill="${PALETTE[0]}" fill-opacity="0.5"/>`).join('');
  return frame(o, x, y, draw);
}

/** Horizontal bars for named values (error by slice, feature importance), with an optional reference line. */
export function barChart(bars: readonly { label: string; value: number; highlight?: boolean }[], o: ChartOptions & { reference?: number }): string {
  const w = o.width ?? 640;
  const rowH = 18;
  const h = M.top + M.bottom + bars.length * rowH;
  const left = 180;
  const max = bars.reduce((m, b) => Math.max(m, b.value), Math.max(o.reference ?? 0, Number.EPSILON));
  const sx = (v: number) => left + (Math.max(0, v) / max) * (w - left - 60);
  const rows = bars
    .map(
      (b, i) =>
        `<text x="${left - 6}" y="${M.top + i * rowH + 13}" text-anchor="end">${escapeHtml(b.label)}</text>` +
        `<rect x="${left}" y="${M.top + i * rowH + 3}" width="${sx(b.value) - left}" height="${rowH - 6}" fill="${b.highlight ? PALETTE[1] : PALETTE[0]}"/>` +
        `<text x="${sx(b.value) + 4}" y="${M.top + i * rowH + 13}">${fmt(b.value)}</text>`,
    )
    .join('');
  const ref = o.reference === undefined ? '' : `<line x1="${sx(o.reference)}" x2="${sx(o.reference)}" y1="${M.top}" y2="${h - M.bottom}" stroke="#57606a" stroke-dasharray="4 3"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escapeHtml(o.title)}" font-family="system-ui,sans-serif" font-size="11" fill="#24292f"><title>${escapeHtml(o.title)}</title>${rows}${ref}<text x="${(w + left) / 2}" y="${h - 8}" text-anchor="middle">${escapeHtml(o.xLabel ?? '')}</text></svg>`;
}

/** Counts per bin (distributions in data reports). */
export function histogram(values: ArrayLike<number>, o: ChartOptions & { bins?: number }): string {
  const [lo, hi] = extent(values);
  const n = o.bins ?? 30;
  const counts = new Array<number>(n).fill(0);
  for (let i = 0; i < values.length; i++) counts[Math.min(n - 1, Math.floor(((values[i]! - lo) / (hi - lo)) * n))]! += 1;
  const width = (hi - lo) / n;
  const draw = (sx: Scale, sy: Scale) =>
    counts
      .map((c, i) => `<rect x="${sx(lo + i * width)}" y="${sy(c)}" width="${Math.max(1, sx(lo + width) - sx(lo) - 1)}" height="${sy(0) - sy(c)}" fill="${PALETTE[0]}"/>`)
      .join('');
  return frame(o, [lo, hi], [0, counts.reduce((m, c) => Math.max(m, c), 1)], draw);
}
