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

  it('refuses an empty window', () => {
    expect(() => columnDrift('x', codes, [])).toThrow(/no live values of x/);
  });
});
