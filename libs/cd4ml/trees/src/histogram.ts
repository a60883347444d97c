// Histogram tasks, run by the main thread and by worker threads on one shared memory. A thread always
// handles whole features, so each feature's sums are added in row order whatever the thread count:
// the model is the same with 1 or 8 threads. The row loops are WebAssembly (kernels.wat).
import type { Kernels } from './wasm.ts';

/** Byte offsets of the training buffers in the memory (the codes sit at 0). */
export interface Layout {
  rows: number;
  scratch: number;
  grad: number;
  hists: number;
  counts: number;
  sub: number;
  desc: number;
  /** Predictions (f64 per row), targets (f64 per row), the rows a tree was not grown on (u32 per row). */
  pred: number;
  y: number;
  rest: number;
  /** The tree being applied: 16 bytes per node (feature, bin, left, right), then an f64 value per node. */
  nodes: number;
  vals: number;
}

/** One thread's view of the training buffers. */
export interface HistSpace {
  k: Kernels;
  /** Byte offsets of the buffers in the memory; feature f's codes are at `f * nRows`. */
  ptr: Layout;
  nRows: number;
  nBins: Int32Array;
  /** Per feature: its first bin in a histogram of `totalBins` bins. */
  offsets: Int32Array;
  totalBins: number;
  /** Row indices, partitioned in place node by node. */
  rows: Uint32Array;
  /** Gradient per row: float32 as in LightGBM and scikit-learn, half the bytes of float64 (not timed on its own). */
  grad: Float32Array;
  /** Predictions and targets per row (f64), and the rows the current tree is not grown on. */
  pred: Float64Array;
  y: Float64Array;
  rest: Uint32Array;
  /** Histogram slots: bin b of feature f in slot s is (sum, count) at `2 * (s * totalBins + offsets[f] + b)`. */
  hists: Float64Array;
  /** The whole memory as uint32, for the kernels' feature descriptions. */
  mem32: Uint32Array;
  /** Per feature, 1 once its bin counts over all rows are in `ptr.counts`. */
  counted: Int32Array;
  /** Features of the current tree that can split (sampled, more than one bin), ascending. */
  features: Int32Array;
  /** The current task, see {@link T}. */
  task: Float64Array;
  /** Per thread, the best split found for node A then node B, see {@link R}. */
  results: Float64Array;
}

/** Task fields: build slot `small` from rows[start, end), then make slot `parent` (if >= 0) the sibling. */
export const T = { small: 0, start: 1, end: 2, parent: 3, gA: 4, cA: 5, splitA: 6, gB: 7, cB: 8, splitB: 9, minLeaf: 10, lambda: 11, identity: 12, kind: 13, feature: 14, bin: 15 } as const;
export const TASK_LEN = 16;
/** Task kinds: build histograms and find splits, or partition a share of a node's rows (feature, bin). */
export const HIST = 0;
export const PARTITION = 1;
/** Result fields per node: gain, feature (-1: none), bin, left gradient sum, left count. */
export const R = { gain: 0, feature: 1, bin: 2, gl: 3, cl: 4 } as const;
export const RESULT_LEN = 5;

/** Best split of one feature's histogram into `res[ro..]` if its gain beats the gain already there. */
function bestSplit(
  h: Float64Array, o: number, nb: number, f: number, G: number, C: number,
  lambda: number, minLeaf: number, res: Float64Array, ro: number,
): void {
  const parentScore = (G * G) / (C + lambda);
  let best = res[ro + R.gain]!;
  let gl = 0;
  let cl = 0;
  for (let b = 0; b < nb - 1; b++) {
    gl += h[o + 2 * b]!;
    cl += h[o + 2 * b + 1]!;
    if (cl < minLeaf) continue;
    const cr = C - cl;
    if (cr < minLeaf) break;
    const gr = G - gl;
    const gain = (gl * gl) / (cl + lambda) + (gr * gr) / (cr + lambda) - parentScore;
    if (gain > best) {
      best = gain;
      res[ro + R.gain] = gain;
      res[ro + R.feature] = f;
      res[ro + R.bin] = b;
      res[ro + R.gl] = gl;
      res[ro + R.cl] = cl;
    }
  }
}

/** Gain a split must beat: relative, so that float noise on a pure node never splits it. */
export function minGain(G: number, C: number, lambda: number): number {
  return 1e-12 * Math.max(1, (G * G) / (C + lambda));
}

/** Scratch bytes per thread: the 4 copies of a group's histograms (16 KB for one 256-bin feature). */
export const SUB_BYTES = 32_768;
/** At most this many features per pass over the rows, 32 bytes of description each. */
const GROUP = 8;
export const DESC_BYTES = GROUP * 32;

/**
 * Runs the current task on features[from, to) as thread `thread` (its scratch and results slots)
 * and writes its best splits at `results[2 * thread * RESULT_LEN..]`.
 */
export function runTask(s: HistSpace, from: number, to: number, thread: number): void {
  const { k, ptr, nRows, nBins, offsets, totalBins, hists, mem32, counted, features, task, results } = s;
  const sub = ptr.sub + thread * SUB_BYTES;
  const desc = ptr.desc + thread * DESC_BYTES;
  const ro = 2 * thread * RESULT_LEN;
  const small = task[T.small]! * totalBins;
  const parent = task[T.parent]!;
  const big = parent * totalBins;
  const start = task[T.start]!;
  const end = task[T.end]!;
  const lambda = task[T.lambda]!;
  const minLeaf = task[T.minLeaf]!;
  const identity = task[T.identity] === 1;
  const gA = task[T.gA]!;
  const cA = task[T.cA]!;
  const gB = task[T.gB]!;
  const cB = task[T.cB]!;
  const rB = ro + RESULT_LEN;
  results[ro + R.gain] = minGain(gA, cA, lambda);
  results[ro + R.feature] = -1;
  results[rB + R.gain] = minGain(gB, cB, lambda);
  results[rB + R.feature] = -1;
  for (let j0 = from; j0 < to; ) {
    // a group: features whose scratch copies fit in `sub` (a feature's sums do not depend on its group)
    let j1 = j0;
    let used = 0;
    for (; j1 < to && j1 - j0 < GROUP && (j1 === j0 || used + nBins[features[j1]!]! * 64 <= SUB_BYTES); j1++) {
      const f = features[j1]!;
      const d = (desc >>> 2) + 8 * (j1 - j0);
      mem32[d] = f * nRows;
      mem32[d + 1] = sub + used;
      mem32[d + 2] = ptr.hists + (small + offsets[f]!) * 16;
      mem32[d + 3] = nBins[f]!;
      mem32[d + 4] = ptr.counts + offsets[f]! * 8;
      used += nBins[f]! * 64;
      if (identity && counted[f] === 0) {
        // the root of a tree that sees every row: bin counts never change, count them once (1.5x)
        k.countBins(ptr.counts + offsets[f]! * 8, f * nRows, nRows, nBins[f]!);
        counted[f] = 1;
      }
    }
    if (identity) k.histRoot(desc, j1 - j0, ptr.grad, end);
    else k.histRows(desc, j1 - j0, ptr.rows, ptr.grad, start, end);
    for (let j = j0; j < j1; j++) {
      const f = features[j]!;
      const nb = nBins[f]!;
      const o = (small + offsets[f]!) * 2;
      const ob = (big + offsets[f]!) * 2;
      if (parent >= 0) for (let i = 0; i < nb * 2; i++) hists[ob + i]! -= hists[o + i]!;
      if (task[T.splitA] === 1) bestSplit(hists, o, nb, f, gA, cA, lambda, minLeaf, results, ro);
      if (task[T.splitB] === 1) bestSplit(hists, ob, nb, f, gB, cB, lambda, minLeaf, results, rB);
    }
    j0 = j1;
  }
}

/** Stable partition of rows[start, end) on feature `f` (kernel `partition`); returns the split index. */
export function partitionRows(s: HistSpace, f: number, bin: number, start: number, end: number): number {
  return s.k.partition(f * s.nRows, bin, s.ptr.rows, s.ptr.scratch + start * 4, start, end);
}
