import { ReferenceCdf } from './reference-cdf.ts';

/** Points of the probability grid the two quantile functions are compared on. */
const GRID = 1000;

/**
 * Wasserstein-1 (earth mover's) distance between a sample and a reference known by its quantiles:
 * ∫₀¹ |Q_sample(u) − Q_ref(u)| du on a grid of 1,000 probabilities, in the feature's own units.
 * Divide by the reference's standard deviation to compare features (see `scale`). Rounded to 4
 * significant decimals of the result.
 *
 * @param scale the result is divided by it (e.g. the reference's standard deviation) @default 1
 * @example wasserstein(profile.quantiles, liveValues, profile.std) // 0.42: moved by 0.42 sd
 */
export function wasserstein(referenceQuantiles: readonly number[], sample: ArrayLike<number>, scale = 1): number {
  const n = sample.length;
  if (n === 0) throw new RangeError('wasserstein needs at least one sample value');
  const cdf = new ReferenceCdf(referenceQuantiles);
  const sorted = Float64Array.from(sample).sort();
  let sum = 0;
  for (let g = 0; g < GRID; g += 1) {
    const u = (g + 0.5) / GRID;
    sum += Math.abs(sorted[Math.min(n - 1, Math.floor(u * n))]! - cdf.quantile(u));
  }
  const w = sum / GRID / (scale > 0 ? scale : 1);
  return Math.round(w * 1e4) / 1e4;
}
