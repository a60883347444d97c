import { describe, expect, it } from 'vitest';
import { mae, meanLogBias, r2, regressionMetrics, wape, weightedRmsle } from './metrics.ts';

describe('metrics', () => {
  it('weighted RMSLE matches a hand computation and weights perishables more', () => {
    const pred = [1, 3];
    const actual = [0, 3];
    expect(weightedRmsle(pred, actual)).toBeCloseTo(Math.sqrt(Math.log(2) ** 2 / 2), 12);
    expect(weightedRmsle(pred, actual, [1.25, 1])).toBeCloseTo(Math.sqrt((1.25 * Math.log(2) ** 2) / 2.25), 12);
  });

  it('clips negatives to zero before the logarithm', () => {
    expect(weightedRmsle([-5], [0])).toBe(0);
  });

  it.each([
    ['mae', mae([1, 2], [2, 4]), 1.5],
    ['wape', wape([1, 2], [2, 4]), 0.5],
    ['r2 perfect', r2([1, 2, 3], [1, 2, 3]), 1],
    ['r2 mean', r2([2, 2, 2], [1, 2, 3]), 0],
  ])('%s', (_, got, expected) => {
    expect(got).toBeCloseTo(expected, 12);
  });

  it('bias is negative when under-forecasting', () => {
    expect(meanLogBias([1, 1], [3, 3])).toBeLessThan(0);
    expect(meanLogBias([3, 3], [1, 1])).toBeGreaterThan(0);
  });

  it('refuses mismatched or empty inputs', () => {
    expect(() => regressionMetrics([1], [1, 2])).toThrow(/length mismatch/);
    expect(() => regressionMetrics([], [])).toThrow(/at least one/);
  });
});
