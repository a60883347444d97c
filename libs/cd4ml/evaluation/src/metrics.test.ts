import { describe, expect, it } from 'vitest';
import { mae, meanLogBias, primaryOf, r2, regressionMetrics, rmse, rmsle, wape, type MetricPolicy } from './metrics.ts';

const policy: MetricPolicy = { primary: 'wrmsle', base: 'rmsle', description: 'RMSLE, weighted' };

describe('metrics', () => {
  it('weighted RMSLE matches a hand computation and weights perishables more', () => {
    const pred = [1, 3];
    const actual = [0, 3];
    expect(rmsle(pred, actual)).toBeCloseTo(Math.sqrt(Math.log(2) ** 2 / 2), 12);
    expect(rmsle(pred, actual, [1.25, 1])).toBeCloseTo(Math.sqrt((1.25 * Math.log(2) ** 2) / 2.25), 12);
  });

  it('clips negatives to zero before the logarithm', () => {
    expect(rmsle([-5], [0])).toBe(0);
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

  it('weighted mae, rmse and wape weigh rows', () => {
    expect(mae([1, 2], [2, 4], [3, 1])).toBeCloseTo((3 * 1 + 2) / 4, 12);
    expect(rmse([1, 2], [2, 4], [3, 1])).toBeCloseTo(Math.sqrt((3 + 4) / 4), 12);
    expect(wape([1, 2], [2, 4], [3, 1])).toBeCloseTo(5 / 10, 12);
    expect(Number.isNaN(wape([1], [0]))).toBe(true);
  });

  it('names the primary metric as the domain declares it, weighted, beside the unweighted set', () => {
    const m = regressionMetrics([1, 3], [0, 3], policy, [1.25, 1]);
    expect(Object.keys(m)).toEqual(['wrmsle', 'rmsle', 'rmse', 'mae', 'wape', 'bias', 'r2', 'rows']);
    expect(primaryOf(m, policy)).toBeCloseTo(rmsle([1, 3], [0, 3], [1.25, 1]), 12);
    expect(m['rmsle']).toBeCloseTo(rmsle([1, 3], [0, 3]), 12);
    expect(m['rows']).toBe(2);
    expect(() => primaryOf(m, { primary: 'nwrmsle' })).toThrow(/no metric "nwrmsle"/);
  });

  it('refuses a weighted primary metric named like an unweighted one', () => {
    expect(() => regressionMetrics([1], [1], { primary: 'rmsle', base: 'rmsle', description: '' }, [2])).toThrow(/name of an unweighted metric/);
    expect(regressionMetrics([1], [1], { primary: 'mae', base: 'mae', description: '' })['mae']).toBe(0);
  });

  it('refuses mismatched or empty inputs', () => {
    expect(() => regressionMetrics([1], [1, 2], policy)).toThrow(/length mismatch/);
    expect(() => regressionMetrics([], [], policy)).toThrow(/at least one/);
  });
});
