import { describe, expect, it } from 'vitest';
import { categoricalProfile, numericProfile } from '../profile/reference-profile.ts';
import { columnDrift } from './column-drift.ts';

describe('columnDrift', () => {
  const codes = categoricalProfile(Array.from({ length: 1000 }, (_, i) => i % 4));

  it('is about zero on the same category shares, and high on codes the profile never saw', () => {
    expect(columnDrift('store', codes, Array.from({ length: 400 }, (_, i) => i % 4)).psi).toBe(0);
    const unseen = columnDrift('store', codes, Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 9 : i % 4)));
    expect(unseen).toMatchObject({ name: 'store', kind: 'categorical', rows: 400 });
    expect(unseen.psi).toBeGreaterThan(2);
  });

  it('measures numbers with PSI, KS (and its p-value) and Wasserstein in standard deviations', () => {
    const ref = numericProfile(Float64Array.from({ length: 10_000 }, (_, i) => i / 100));
    const same = columnDrift('x', ref, Float64Array.from({ length: 1000 }, (_, i) => i / 10 + 0.05));
    expect(same.psi).toBeLessThan(0.01);
    expect(same.ks).toBeLessThan(0.01);
    const moved = columnDrift('x', ref, Float64Array.from({ length: 1000 }, (_, i) => i / 10 + 30));
    expect(moved.psi).toBeGreaterThan(1);
    expect(moved.ks).toBeCloseTo(0.3, 2);
    expect(moved.pValue).toBeLessThan(1e-10);
    expect(moved.wasserstein).toBeCloseTo(30 / 28.87, 1);
  });

  it('sees no drift in a column of few float32 values stored at six digits (a per-family mean), and still sees a shifted mix', () => {
    // Math.fround(2.3143019) is stored as 2.3143 in the profile: compared unrounded, every live
    // value sat past its edge and identical data showed KS 0.46 (found on the sales domain).
    const levels = [0.974572, 1.9651130437850952, 2.3143019676208496, 3.8910069465637207].map(Math.fround);
    const column = (n: number, weights: number[]) => Float32Array.from({ length: n }, (_, i) => levels[weights.findIndex((w) => i % 10 < w)]!);
    const ref = numericProfile(column(20_000, [1, 3, 9, 10]));
    const same = columnDrift('family_mean_log', ref, column(300, [1, 3, 9, 10]));
    expect(same.ks).toBeLessThanOrEqual(0.01); // the resolution of 101 stored quantiles
    expect(same.psi).toBeLessThan(0.01);
    const shifted = columnDrift('family_mean_log', ref, column(300, [4, 6, 9, 10]));
    expect(shifted.ks).toBeCloseTo(0.3, 1);
    expect(shifted.psi).toBeGreaterThan(0.2);
  });

  it('refuses an empty window', () => {
    expect(() => columnDrift('x', codes, [])).toThrow(/no live values of x/);
  });
});
