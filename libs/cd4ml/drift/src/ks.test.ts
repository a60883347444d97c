import { SeededRandom } from '@cd4ml/random';
import { describe, expect, it } from 'vitest';
import { kolmogorovPValue, ks } from './ks.ts';
import { quantiles } from './quantiles.ts';

const normals = (seed: number, n: number, shift = 0) => {
  const rng = new SeededRandom(seed);
  return Float64Array.from({ length: n }, () => rng.normal() + shift);
};
const reference = quantiles(normals(1, 50_000), 101);

describe('ks', () => {
  it('finds no difference between a sample and its own percentiles, up to their resolution', () => {
    // Linear interpolation between percentiles is off by at most about half a percent (in the tails).
    const sample = normals(1, 50_000);
    expect(ks(quantiles(sample, 101), sample).statistic).toBeLessThan(0.01);
  });

  it('stays small with a high p-value on a fresh sample of the same distribution', () => {
    const r = ks(reference, normals(2, 2000), 50_000);
    expect(r.statistic).toBeLessThan(0.04);
    expect(r.pValue).toBeGreaterThan(0.05);
    expect(r.n).toBe(2000);
  });

  it('measures a shift of half a standard deviation (the exact figure is 2Φ(0.25) − 1 = 0.197)', () => {
    const r = ks(reference, normals(3, 5000, 0.5), 50_000);
    expect(r.statistic).toBeGreaterThan(0.17);
    expect(r.statistic).toBeLessThan(0.23);
    expect(r.pValue).toBeLessThan(1e-6);
  });

  it('handles discrete values (ties) exactly: same shares, no gap; moved shares, the moved mass', () => {
    const ref = quantiles(Float64Array.from({ length: 1000 }, (_, i) => (i < 700 ? 0 : 1)), 101);
    expect(ks(ref, Float64Array.from({ length: 100 }, (_, i) => (i < 70 ? 0 : 1))).statistic).toBeLessThan(0.011);
    expect(ks(ref, Float64Array.from({ length: 100 }, (_, i) => (i < 40 ? 0 : 1))).statistic).toBeCloseTo(0.3, 1);
  });

  it('refuses an empty sample', () => {
    expect(() => ks(reference, [])).toThrow(/at least one/);
  });
});

describe('kolmogorovPValue', () => {
  it.each([
    [1.36 / Math.sqrt(10_000), 10_000, 0.05],
    [1.63 / Math.sqrt(10_000), 10_000, 0.01],
  ])('D %d at n %d has p about %d', (d, n, p) => {
    expect(kolmogorovPValue(d, n)).toBeCloseTo(p, 2);
  });

  it('is 1 for no gap and 0 for a total one', () => {
    expect(kolmogorovPValue(0, 100)).toBe(1);
    expect(kolmogorovPValue(1, 100)).toBeLessThan(1e-12);
  });
});
