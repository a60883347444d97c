import { SeededRandom } from '@cd4ml/random';
import { describe, expect, it } from 'vitest';
import { quantiles } from './quantiles.ts';
import { wasserstein } from './wasserstein.ts';

describe('wasserstein', () => {
  const rng = new SeededRandom(7);
  const ref = Float64Array.from({ length: 20_000 }, () => rng.normal() * 2 + 10);
  const q = quantiles(ref, 101);

  it('is about 0 for a sample of the same distribution and about the shift for a shifted one', () => {
    const same = Float64Array.from({ length: 5000 }, () => rng.normal() * 2 + 10);
    const shifted = Float64Array.from({ length: 5000 }, () => rng.normal() * 2 + 13);
    expect(wasserstein(q, same)).toBeLessThan(0.15);
    expect(wasserstein(q, shifted)).toBeCloseTo(3, 0);
  });

  it('in standard deviations when scaled by the reference sd', () => {
    const shifted = Float64Array.from({ length: 5000 }, () => rng.normal() * 2 + 11);
    expect(wasserstein(q, shifted, 2)).toBeCloseTo(0.5, 1);
  });
});
