import { describe, expect, it } from 'vitest';
import { regressionMetrics, type MetricPolicy } from './metrics.ts';

import { sliceMetrics } from './slices.ts';

const policy: MetricPolicy = { primary: 'wrmsle', base: 'rmsle', description: 'RMSLE' };

describe('sliceMetrics', () => {
  const pred = [1, 2, 3, 4, 10];
  const actual = [1, 2, 5, 4, 0];
  const group = ['b', 'a', 'b', 'a', '10'];
  const slices = sliceMetrics(pred, actual, undefined, [
    { name: 'g', key: (i) => group[i]! },
    { name: 'all', key: () => 'all' },
  ], policy);

  it('computes every metric on exactly the rows of each slice', () => {
    const b = slices.find((s) => s.slice === 'b')!;
    expect(b.metrics).toEqual(regressionMetrics([1, 3], [1, 5], policy));
    expect(slices.find((s) => s.slice === 'a')!.metrics['wrmsle']).toBe(0);
  });

  it('keeps dimensions in order and sorts slices, numbers numerically', () => {
    expect(slices.map((s) => `${s.dimension}:${s.slice}:${s.metrics['rows']}`)).toEqual(['g:10:1', 'g:a:2', 'g:b:2', 'all:all:5']);
  });
});
