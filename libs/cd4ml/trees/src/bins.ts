import type { SeededRandom } from '@cd4ml/random';
import type { Matrix } from './types.ts';
import { instantiate, newMemory, workArea, type Kernels, type WasmMemory } from './wasm.ts';

/** Rows drawn to place the bin bounds (as in LightGBM and scikit-learn: quantiles of a sample). */
export const BIN_SAMPLE_SIZE = 200_000;

/**
 * Histogram-binned matrix: one bin code (uint8) per cell, column-major, plus the float32 bounds
 * that turn a bin split back into a threshold. Build it with {@link binRows}, or let `trainGbt` /
 * `trainForest` bin a float {@link Matrix}; a binned matrix is trained on without its float copy.
 */
export interface BinnedMatrix {
  /** Column-major codes, `codes[c * nRows + r]`, at the start of `memory`. */
  codes: Uint8Array;
  /** The shared WebAssembly memory that holds the codes; training appends its buffers to it. */
  memory: WasmMemory;
  nRows: number;
  nCols: number;
  /** Per feature: strictly increasing float32 upper bounds of all bins but the last (+inf). */
  bounds: Float32Array[];
  /** Per feature: number of bins (`bounds[f].length + 1`); 1 means constant, never split. */
  nBins: Int32Array;
  /** Per feature: offset of its first bin in a concatenated histogram. */
  offsets: Int32Array;
  totalBins: number;
  /** `maxBins` and `seed` the bounds were drawn with; training checks them against its params. */
  maxBins: number;
  seed: number;
}

/** Float32 boundary `t` with `a <= t < b` for float32 values `a < b`, as close to the midpoint as possible. */
function boundBetween(a: number, b: number): number {
  const mid = Math.fround((a + b) / 2);
  return mid >= b || Number.isNaN(mid) ? a : mid;
}

/** The rows whose values place the bounds: all rows (null), or a seeded sorted sample of `sampleSize`. */
export function binSampleRows(nRows: number, rng: SeededRandom, sampleSize = BIN_SAMPLE_SIZE): Int32Array | null {
  return nRows > sampleSize ? rng.sampleSorted(nRows, sampleSize) : null;
}

/**
 * Bin upper bounds per feature from count-weighted quantiles of the distinct (float32) values of a
 * seeded row sample of `x` (at most `sampleSize` rows, see {@link binSampleRows}).
 */
export function computeBinBounds(x: Matrix, maxBins: number, rng: SeededRandom, sampleSize = BIN_SAMPLE_SIZE): Float32Array[] {
  const rows = binSampleRows(x.nRows, rng, sampleSize);
  return boundsOfSample(rows ? gatherRows(x, rows) : x, maxBins);
}

/**
 * Bin upper bounds per feature from count-weighted quantiles of the distinct (float32) values of
 * `sample`. Each feature gets at most `maxBins` bins; bounds are midpoints between adjacent
 * distinct values, rounded with `Math.fround`.
 * NaN values are ignored here (they are assigned to bin 0, i.e. always go left).
 */
export function boundsOfSample(sample: Matrix, maxBins: number): Float32Array[] {
  const { nRows: m, nCols, values } = sample;
  const buf = new Float32Array(m);
  const distinct = new Float32Array(m);
  const counts = new Int32Array(m);
  const out: Float32Array[] = [];
  for (let c = 0; c < nCols; c++) {
    let k = 0;
    for (let i = 0; i < m; i++) {
      const v = values[i * nCols + c]!;
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

/** An empty binned matrix (codes all 0) for `bounds`, ready to be filled by {@link binInto}. */
export function allocBinned(nRows: number, bounds: Float32Array[], maxBins: number, seed: number): BinnedMatrix {
  const nCols = bounds.length;
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
  const memory = newMemory(nRows * nCols);
  const codes = new Uint8Array(memory.buffer, 0, nRows * nCols);
  return { codes, memory, nRows, nCols, bounds, nBins, offsets, totalBins, maxBins, seed };
}

const kernelsOf = new WeakMap<WasmMemory, Kernels>();
/** Rows binned per kernel call: 64k rows of 21 features are a 5.5 MB block in the work area. */
const BLOCK_ROWS = 65_536;

/** Bins rows `from..from + x.nRows - 1` of `data` from the row-major float block `x` (in wasm, see bin_column). */
export function binInto(data: BinnedMatrix, x: Matrix, from: number): void {
  const { memory, nRows, nCols, bounds } = data;
  let k = kernelsOf.get(memory);
  if (!k) kernelsOf.set(memory, (k = instantiate(memory)));
  const blockRows = Math.min(BLOCK_ROWS, x.nRows);
  const at = workArea(memory, nCols * 1024 + blockRows * nCols * 4);
  const block = at + nCols * 1024;
  for (let c = 0; c < nCols; c++) new Float32Array(memory.buffer, at + c * 1024, bounds[c]!.length).set(bounds[c]!);
  const view = new Float32Array(memory.buffer, block, blockRows * nCols);
  for (let i0 = 0; i0 < x.nRows; i0 += blockRows) {
    const count = Math.min(blockRows, x.nRows - i0);
    view.set(x.values.subarray(i0 * nCols, (i0 + count) * nCols));
    for (let c = 0; c < nCols; c++) k.binColumn(block, nCols, c, count, at + c * 1024, bounds[c]!.length, c * nRows + from + i0);
  }
}

/** Rows `rows` of `x` as a new row-major matrix. */
export function gatherRows(x: Matrix, rows: Int32Array): Matrix {
  const { nCols, values } = x;
  const out = new Float32Array(rows.length * nCols);
  for (let i = 0; i < rows.length; i++) out.set(values.subarray(rows[i]! * nCols, (rows[i]! + 1) * nCols), i * nCols);
  return { values: out, nRows: rows.length, nCols };
}

/**
 * Bins every cell of `x` with `bounds`; `drawn` records how the bounds were drawn, which training
 * checks against its params.
 */
export function binMatrix(x: Matrix, bounds: Float32Array[], drawn = { maxBins: 255, seed: 0 }): BinnedMatrix {
  const data = allocBinned(x.nRows, bounds, drawn.maxBins, drawn.seed);
  binInto(data, x, 0);
  return data;
}

/** True for a {@link BinnedMatrix}, false for a float {@link Matrix}. */
export function isBinned(x: Matrix | BinnedMatrix): x is BinnedMatrix {
  return 'codes' in x;
}

/**
 * The binned matrix training works on: `x` binned with bounds drawn from `rng`, or `x` itself when it
 * is already binned, in which case the same draw is replayed so that `rng` ends in the same state
 * (the model is then identical to that of the float matrix).
 */
export function binForTraining(x: Matrix | BinnedMatrix, maxBins: number, seed: number, rng: SeededRandom): BinnedMatrix {
  if (!isBinned(x)) return binMatrix(x, computeBinBounds(x, maxBins, rng), { maxBins, seed });
  if (x.maxBins !== maxBins || x.seed !== seed) {
    throw new Error(`train: the binned matrix was drawn with maxBins ${x.maxBins} and seed ${x.seed}, the params say ${maxBins} and ${seed}; bin it with the training params`);
  }
  binSampleRows(x.nRows, rng);
  return x;
}
