import { ReferenceCdf } from './reference-cdf.ts';

/** A Kolmogorov–Smirnov comparison of a sample with a reference. */
export interface KsResult {
  /** The largest gap between the two distribution functions, in [0, 1]. */
  statistic: number;
  /** Asymptotic p-value of that gap under "same distribution"; conservative for discrete values. */
  pValue: number;
  /** Sample size. */
  n: number;
}

/**
 * Kolmogorov–Smirnov statistic of a sample against a reference known by its quantiles (see
 * {@link ReferenceCdf}), with the asymptotic p-value. With `referenceRows`, the p-value is the
 * two-sample one (effective size n·N/(n+N)); without it, the reference counts as exact.
 * The statistic is checked at every sample value and every knot of the reference, on both sides
 * of each jump, so ties (discrete features) are handled exactly. Rounded to 4 decimals.
 *
 * @param referenceQuantiles quantiles at evenly spaced probabilities, e.g. 101 percentiles
 * @param sample the values being checked (need not be sorted)
 * @example ks(profile.quantiles, liveValues, profile.count).statistic // 0.0312
 */
export function ks(referenceQuantiles: readonly number[], sample: ArrayLike<number>, referenceRows?: number): KsResult {
  const n = sample.length;
  if (n === 0) throw new RangeError('ks needs at least one sample value');
  const cdf = new ReferenceCdf(referenceQuantiles);
  const sorted = Float64Array.from(sample).sort();
  let d = 0;
  // Sample jumps: at each distinct value v, compare both the left limits and the values.
  for (let i = 0; i < n; ) {
    const v = sorted[i]!;
    let j = i;
    while (j < n && sorted[j] === v) j += 1;
    d = Math.max(d, Math.abs(i / n - cdf.below(v)), Math.abs(j / n - cdf.at(v)));
    i = j;
  }
  // Reference knots: between them the reference is linear and the sample's function flat.
  for (const x of cdf.knots()) {
    const below = countBelow(sorted, x);
    const atMost = countAtMost(sorted, x);
    d = Math.max(d, Math.abs(below / n - cdf.below(x)), Math.abs(atMost / n - cdf.at(x)));
  }
  const ne = referenceRows ? (n * referenceRows) / (n + referenceRows) : n;
  return { statistic: round4(d), pValue: kolmogorovPValue(d, ne), n };
}

/**
 * P(D > d) for the Kolmogorov distribution at effective sample size `ne`, with the small-sample
 * correction of Stephens (1970): λ = (√ne + 0.12 + 0.11/√ne)·d.
 */
export function kolmogorovPValue(d: number, ne: number): number {
  const root = Math.sqrt(ne);
  const lambda = (root + 0.12 + 0.11 / root) * d;
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let j = 1; j <= 100; j += 1) {
    const term = (j % 2 === 1 ? 2 : -2) * Math.exp(-2 * j * j * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}

function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;
