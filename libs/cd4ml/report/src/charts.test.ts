import { describe, expect, it } from 'vitest';
import { barChart, histogram, lineChart, scatterChart } from './charts.ts';
import { htmlReport, htmlTable } from './html-report.ts';

const coords = (svg: string, attr: string) => [...svg.matchAll(new RegExp(`${attr}="([\\d.-]+)"`, 'g'))].map((m) => Number(m[1]));

describe('charts', () => {
  it('line chart maps the data range onto the plot area, y growing upwards', () => {
    const svg = lineChart([{ name: 'train', points: [[0, 0], [10, 5]] }], { title: 'curve', width: 400, height: 200 });
    const [first, second] = /points="([^"]+)"/.exec(svg)![1]!.split(' ').map((p) => p.split(',').map(Number)) as [number[], number[]];
    expect(first[0]).toBeLessThan(second[0]!);
    expect(first[1]).toBeGreaterThan(second[1]!);
    expect(svg).toContain('<title>curve</title>');
  });

  it('scatter draws one dot per point and the diagonal when asked', () => {
    const svg = scatterChart([[1, 1], [2, 3], [3, 2]], { title: 's', diagonal: true });
    expect(svg.match(/<circle/g)).toHaveLength(3);
    expect(svg).toContain('stroke-dasharray');
  });

  it('bar lengths are proportional to the values and labels are escaped', () => {
    const svg = barChart([{ label: 'A&B', value: 1 }, { label: 'C', value: 2, highlight: true }], { title: 'bars' });
    const [a, b] = coords(svg, 'width').slice(1);
    expect(b! / a!).toBeCloseTo(2, 5);
    expect(svg).toContain('A&amp;B');
  });

  it('histogram counts every value once', () => {
    const svg = histogram([1, 1, 2, 3, 3, 3], { title: 'h', bins: 3 });
    expect(svg.match(/<rect /g)).toHaveLength(3);
  });

  it('draws a histogram and a line of 300,000 values (no spread into Math.min, which throws past about 125k)', () => {
    const many = Float64Array.from({ length: 300_000 }, (_, i) => i % 97);
    const svg = histogram(many, { title: 'many', bins: 4 });
    expect(svg.match(/<rect /g)).toHaveLength(4);
    const points = Array.from(many, (v, i) => [i, v] as const);
    expect(lineChart([{ name: 's', points }], { title: 'l' })).toContain('<polyline');
  });

  it('report pages are self-contained', () => {
    const html = htmlReport('T <x>', [{ heading: 'h', html: htmlTable(['a', 'b'], [['x', 1.23456], ['y', 2]]) }]);
    expect(html).toContain('T &lt;x&gt;');
    expect(html).toContain('<td class="num">1.2346</td>');
    expect(html).not.toMatch(/src="http|href="http/);
  });
});
