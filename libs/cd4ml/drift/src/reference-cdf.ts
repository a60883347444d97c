/**
 * A reference distribution known only by its quantiles at evenly spaced probabilities
 * (`quantiles[k]` at probability k / (m − 1)), as a monitoring profile stores it: the raw training
 * values are not kept. Between two distinct quantiles the distribution function is linear; a run
 * of equal quantiles is a jump (a discrete value holding that much probability).
 */
export class ReferenceCdf {
  private readonly q: readonly number[];
  private readonly step: number;

  constructor(quantiles: readonly number[]) {
    if (quantiles.length < 2) throw new RangeError(`a reference needs at least 2 quantiles, got ${quantiles.length}`);
    for (let k = 1; k < quantiles.length; k += 1) {
      if (!(quantiles[k]! >= quantiles[k - 1]!)) throw new RangeError(`quantiles must be sorted: ${quantiles[k - 1]} before ${quantiles[k]} at ${k}`);
    }
    this.q = quantiles;
    this.step = 1 / (quantiles.length - 1);
  }

  /** Knots of the distribution function: the distinct quantiles. */
  knots(): number[] {
    return [...new Set(this.q)];
  }

  /** P(X ≤ x). */
  at(x: number): number {
    const q = this.q;
    const k = lastAtMost(q, x);
    if (k < 0) return 0;
    if (k === q.length - 1) return 1;
    return (k + (x - q[k]!) / (q[k + 1]! - q[k]!)) * this.step;
  }

  /** P(X < x): the left limit, lower than `at(x)` where x is a jump. */
  below(x: number): number {
    const q = this.q;
    const k = firstAtLeast(q, x);
    if (k === 0) return 0;
    if (k === q.length) return 1;
    return (k - 1 + (x - q[k - 1]!) / (q[k]! - q[k - 1]!)) * this.step;
  }

  /** The quantile function at probability u in [0, 1]. */
  quantile(u: number): number {
    const pos = Math.min(Math.max(u, 0), 1) * (this.q.length - 1);
    const k = Math.min(Math.floor(pos), this.q.length - 2);
    return this.q[k]! + (pos - k) * (this.q[k + 1]! - this.q[k]!);
  }
}

/** Index of the last value ≤ x in a sorted list; −1 when none. */
function lastAtMost(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the first value ≥ x in a sorted list; its length when none. */
function firstAtLeast(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
