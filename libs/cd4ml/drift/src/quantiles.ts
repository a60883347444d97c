/**
 * Quantiles of `values` at `count` evenly spaced probabilities from 0 to 1 (the minimum first,
 * the maximum last), with linear interpolation between order statistics (Hyndman and Fan's
 * type 7, the default of R and NumPy).
 *
 * @example quantiles([3, 1, 2], 3) // [1, 2, 3]
 */
export function quantiles(values: ArrayLike<number>, count: number): number[] {
  if (values.length === 0) throw new RangeError('quantiles need at least one value');
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`count must be an integer of at least 2, got ${count}`);
  const sorted = Float64Array.from(values).sort();
  const last = sorted.length - 1;
  return Array.from({ length: count }, (_, k) => {
    const pos = (k / (count - 1)) * last;
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, last);
    return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
  });
}
