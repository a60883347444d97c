import type { Matrix } from './types.ts';
import type { Rng } from './rng.ts';

/** Histogram-binned copy of a matrix plus the bin boundaries used. */
export interface BinnedMatrix {
  /** Row-major bin codes, `codes[r * nCols + c]`. */
  codes: Uint8Array;
  nRows: number;
  nCols: number;
  /** Per feature: strictly increasing float32 upper bounds of all bins but the last (+inf). */
  bounds: Float32Array[];
  /** Per feature: number of bins (`bounds[f].length + 1`). */
  nBins: Int32Array;
  /** Per feature: offset of its first bin in a concatenated histogram. */
  offsets: Int32Array;
  totalBins: number;
}

/** Float32 boundary `t` with `a <= t < b` for float32 values `a < b`, as close to the midpoint as possible. */
function boundBetween(a: number, b: number): number {
  const mid = Math.fround((a + b) / 2);
  return mid >= b || Number.isNaN(mid) ? a : mid;
}

/**
 * Bin upper bounds per feature from count-weighted quantiles of the distinct (float32) values
 * of a seeded row sample (at most `sampleSize` rows). Each feature gets at most `maxBins` bins;
 * bounds are midpoints between adjacent distinct values, rounded with `Math.fround`.
 * NaN values are ignored here (they are assigned to bin 0, i.e. always go left).
 */
export function computeBinBounds(x: Matrix, maxBins: number, rng: Rng, sampleSize = 200_000): Float32Array[] {
  const { nRows, nCols, values } = x;
  const rows = nRows > sampleSize ? rng.sampleSorted(nRows, sampleSize) : null;
  const m = rows ? rows.length : nRows;
  const buf = new Float32Array(m);
  const distinct = new Float32Array(m);
  const counts = new Int32Array(m);
  const out: Float32Array[] = [];
  for (let c = 0; c < nCols; c++) {
    let k = 0;
    for (let i = 0; i < m; i++) {
      const v = values[(rows ? rows[i]! : i) * nCols + c]!;
      if (v === v) buf[k++] = v;
    }
    const sorted = buf.subarray(0, k).sort();
    let nd = 0;
    for (let i = 0; i < k; i++) {
      const v = sorted[i]!;
      if (nd > 0 && distinct[nd - 1] === v) counts[nd - 1]!++;
      else {
        distinct[nd] = v;
        counts[nd++] = 1;
      }
    }
    const bounds: number[] = [];
    if (nd <= maxBins) {
      for (let i = 0; i + 1 < nd; i++) bounds.push(boundBetween(distinct[i]!, distinct[i + 1]!));
    } else {
      // Greedy equal-frequency cuts; the target share is recomputed after each cut so that
      // heavy single values do not use up the bin budget.
      let cum = 0;
      let lastCum = 0;
      for (let i = 0; i + 1 < nd && bounds.length < maxBins - 1; i++) {
        cum += counts[i]!;
        const binsLeft = maxBins - bounds.length;
        if (cum - lastCum >= (k - lastCum) / binsLeft) {
          bounds.push(boundBetween(distinct[i]!, distinct[i + 1]!));
          lastCum = cum;
        }
      }
    }
    out.push(Float32Array.from(bounds));
  }
  return out;
}

/** Bin of value `v`: the first `b` with `Math.fround(v) <= bounds[b]`, else the last bin; NaN -> 0. */
export function binIndex(bounds: Float32Array, v: number): number {
  if (v !== v) return 0;
  const f = Math.fround(v);
  let lo = 0;
  let hi = bounds.length; // answer in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (f <= bounds[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Bins every cell of `x` with the given per-feature bounds. */
export function binMatrix(x: Matrix, bounds: Float32Array[]): BinnedMatrix {
  const { nRows, nCols, values } = x;
  if (bounds.length !== nCols) throw new Error(`binMatrix: ${bounds.length} bound sets for ${nCols} columns`);
  const nBins = new Int32Array(nCols);
  const offsets = new Int32Array(nCols);
  let totalBins = 0;
  for (let c = 0; c < nCols; c++) {
    const nb = bounds[c]!.length + 1;
    if (nb > 256) throw new Error('binMatrix: more than 256 bins');
    nBins[c] = nb;
    offsets[c] = totalBins;
    totalBins += nb;
  }
  const codes = new Uint8Array(nRows * nCols);
  for (let c = 0; c < nCols; c++) {
    const b = bounds[c]!;
    for (let r = 0, i = c; r < nRows; r++, i += nCols) codes[i] = binIndex(b, values[i]!);
  }
  return { codes, nRows, nCols, bounds, nBins, offsets, totalBins };
}
