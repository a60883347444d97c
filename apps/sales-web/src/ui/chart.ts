// A small inline SVG chart of an item's recent actuals against its forecast. Hand-written on
// purpose: the UI must work offline, with no CDN, and a chart library would outweigh the page.
const SVG = 'http://www.w3.org/2000/svg';
const W = 480;
const H = 170;
const PAD = { left: 36, right: 12, top: 12, bottom: 24 };

/** One point of the chart: a day and its units. */
export interface Point {
  date: string;
  unit_sales: number;
}

function el(name: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * Draws `actuals` (oldest first) and `forecast` into `svg`.
 * @returns the number of points drawn
 */
export function drawChart(svg: SVGSVGElement, actuals: readonly Point[], forecast: Point): number {
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const first = actuals[0] ?? forecast;
  const x0 = day(first.date);
  const x1 = Math.max(day(forecast.date), x0 + 1);
  // A loop, not Math.max(...values): a spread of a long series overflows the call stack.
  let top = Math.max(1, forecast.unit_sales);
  for (const p of actuals) top = Math.max(top, p.unit_sales);
  const yMax = top * 1.1;
  const x = (iso: string) => PAD.left + ((day(iso) - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / yMax) * (H - PAD.top - PAD.bottom);
  svg.append(el('line', { x1: PAD.left, y1: y(0), x2: W - PAD.right, y2: y(0), class: 'axis' }));
  svg.append(el('text', { x: PAD.left - 4, y: y(0), class: 'tick', 'text-anchor': 'end' }, '0'));
  svg.append(el('text', { x: PAD.left - 4, y: y(top) + 4, class: 'tick', 'text-anchor': 'end' }, String(Math.round(top))));
  const last = actuals.at(-1);
  if (last) {
    svg.append(el('polyline', { class: 'actuals', points: actuals.map((p) => `${x(p.date)},${y(p.unit_sales)}`).join(' ') }));
    svg.append(el('text', { x: PAD.left, y: H - 6, class: 'tick' }, first.date));
    svg.append(el('line', { class: 'bridge', x1: x(last.date), y1: y(last.unit_sales), x2: x(forecast.date), y2: y(forecast.unit_sales) }));
  }
  svg.append(el('circle', { class: 'forecast', cx: x(forecast.date), cy: y(forecast.unit_sales), r: 5 }));
  svg.append(el('text', { x: W - PAD.right, y: H - 6, class: 'tick', 'text-anchor': 'end' }, forecast.date));
  svg.setAttribute('aria-label', `${actuals.length} days of actual sales and the forecast of ${forecast.unit_sales} units on ${forecast.date}`);
  return actuals.length + 1;
}
