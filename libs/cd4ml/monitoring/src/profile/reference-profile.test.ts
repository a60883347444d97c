import { describe, expect, it } from 'vitest';
import { binShares, buildProfile, categoricalProfile, MAX_CATEGORIES, numericProfile, OTHER_CATEGORY, referenceProfileSchema } from './reference-profile.ts';

describe('buildProfile', () => {
  const matrix = Float64Array.from({ length: 1000 * 2 }, (_, i) => (i % 2 === 0 ? Math.floor(i / 2) : (i >> 1) % 3));
  const profile = buildProfile({ featureNames: ['size', 'colour'], matrix, categorical: new Set(['colour']), prediction: { name: 'y', values: Float64Array.from({ length: 1000 }, (_, i) => i / 10) }, source: 'test rows' });

  it('profiles numbers by percentiles and decile bins, codes by shares, and the predictions', () => {
    expect(referenceProfileSchema.parse(profile)).toEqual(profile);
    const size = profile.features['size']!;
    if (size.kind !== 'numeric') throw new Error('size is numeric');
    expect(size.quantiles[0]).toBe(0);
    expect(size.quantiles[50]).toBeCloseTo(499.5);
    expect(size.quantiles[100]).toBe(999);
    expect(size.edges).toHaveLength(9);
    expect(size.shares.every((s) => Math.abs(s - 0.1) < 0.002)).toBe(true);
    expect(profile.features['colour']).toEqual({ kind: 'categorical', count: 1000, shares: { '0': 0.334, '1': 0.333, '2': 0.333 } });
    expect(profile.prediction.name).toBe('y');
    expect(profile.rows).toBe(1000);
  });

  it('refuses a matrix of the wrong size and an unknown categorical feature', () => {
    const base = { featureNames: ['a'], categorical: new Set<string>(), prediction: { name: 'y', values: [1, 2] }, source: 's' };
    expect(() => buildProfile({ ...base, matrix: [1, 2, 3] })).toThrow(/expected 2 rows × 1 features/);
    expect(() => buildProfile({ ...base, matrix: [1, 2], categorical: new Set(['b']) })).toThrow(/"b" is not one of/);
  });
});

describe('numericProfile', () => {
  it('gives a discrete column fewer, wider bins (each edge once)', () => {
    const flags = Float64Array.from({ length: 100 }, (_, i) => (i < 80 ? 0 : 1));
    const p = numericProfile(flags);
    // Deciles 10 to 70 are all 0; the 80th falls between the two values (interpolated), the 90th is the maximum.
    expect(p.edges).toEqual([0, 0.2]);
    expect(p.shares).toEqual([0.8, 0, 0.2]);
  });
});

describe('binShares', () => {
  it.each([
    [[1, 2], [0, 1, 1.5, 2, 3], [0.4, 0.4, 0.2]],
    [[], [5, 6], [1]],
  ])('edges %j over %j', (edges, values, expected) => {
    expect(binShares(edges, values)).toEqual(expected);
  });
});

describe('categoricalProfile', () => {
  it(`keeps the ${MAX_CATEGORIES} most frequent values and pools the rest`, () => {
    const values = Array.from({ length: 600 }, (_, i) => (i < 500 ? i % 50 : 1000 + i));
    const p = categoricalProfile(values);
    expect(Object.keys(p.shares)).toHaveLength(MAX_CATEGORIES + 1);
    expect(p.shares[OTHER_CATEGORY]).toBeCloseTo(100 / 600, 5);
  });
});
