/** Shares below this floor count as this floor, so an empty bin on one side does not make PSI infinite. */
const FLOOR = 1e-4;

/**
 * Population stability index of two distributions given as shares per bin (or per category), in
 * the same order: Σ (a − b) · ln(a / b). Under 0.1 is usually read as stable, 0.1 to 0.2 as a
 * moderate shift and above 0.2 as a significant one. Bins missing on one side count as empty.
 * Rounded to 4 decimals, so reports and gates agree on the figure they print.
 *
 * @param before shares of the reference (e.g. the training data), summing to about 1
 * @param after shares of the data being checked
 * @example psi([0.5, 0.5], [0.4, 0.6]) // 0.0405
 */
export function psi(before: readonly number[], after: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < Math.max(before.length, after.length); i += 1) {
    const b = Math.max(FLOOR, before[i] ?? 0);
    const a = Math.max(FLOOR, after[i] ?? 0);
    sum += (a - b) * Math.log(a / b);
  }
  return Math.round(sum * 1e4) / 1e4;
}
