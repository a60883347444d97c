import type { BinnedMatrix } from './bins.ts';

/** Growth limits and leaf-value scaling for {@link growTree}. */
export interface GrowParams {
  maxDepth: number;
  maxLeaves: number;
  minSamplesLeaf: number;
  lambda: number;
  /** Leaf value = -G / (count + lambda) * scale. */
  scale: number;
}

/** A tree whose splits are expressed as bin indices ("code <= bin" goes left). */
export interface GrownTree {
  feature: number[];
  bin: number[];
  left: number[];
  right: number[];
  value: number[];
  gain: number[];
}

interface Leaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  sumG: number;
  hist: Float64Array | null;
  // best split, feature -1 when none
  feature: number;
  bin: number;
  gain: number;
}

// Hot loops live in top-level functions with everything in locals (closures over the context
// slow V8 down noticeably here).
function fillHistAll(
  hist: Float64Array, codes: Uint8Array, nCols: number, offsets: Int32Array,
  grad: Float64Array, rows: Uint32Array, start: number, end: number,
): void {
  for (let i = start; i < end; i++) {
    const r = rows[i]!;
    const g = grad[r]!;
    const base = r * nCols;
    for (let f = 0; f < nCols; f++) {
      const o = (offsets[f]! + codes[base + f]!) << 1;
      hist[o]! += g;
      hist[o + 1]! += 1;
    }
  }
}

function fillHistSome(
  hist: Float64Array, codes: Uint8Array, nCols: number, offsets: Int32Array, features: Int32Array,
  grad: Float64Array, rows: Uint32Array, start: number, end: number,
): void {
  const nFeat = features.length;
  for (let i = start; i < end; i++) {
    const r = rows[i]!;
    const g = grad[r]!;
    const base = r * nCols;
    for (let j = 0; j < nFeat; j++) {
      const f = features[j]!;
      const o = (offsets[f]! + codes[base + f]!) << 1;
      hist[o]! += g;
      hist[o + 1]! += 1;
    }
  }
}

/**
 * Grows one least-squares regression tree best-first (leaf-wise) on binned data.
 * Hessians are 1 (squared error), so the histogram holds (sum g, count) per bin.
 * `rows` (row indices, duplicates allowed for bootstrap) is partitioned in place per node;
 * histograms use the subtraction trick (build the smaller child, derive the larger).
 */
export function growTree(
  data: BinnedMatrix,
  grad: Float64Array,
  rows: Uint32Array,
  features: Int32Array,
  p: GrowParams,
): GrownTree {
  const { codes, nCols, nBins, offsets, totalBins } = data;
  const nFeat = features.length;
  const lambda = p.lambda;
  const minLeaf = Math.max(1, p.minSamplesLeaf);
  const pool: Float64Array[] = [];
  const scratch = new Uint32Array(rows.length);
  const t: GrownTree = { feature: [], bin: [], left: [], right: [], value: [], gain: [] };

  const newNode = (): number => {
    t.feature.push(-1);
    t.bin.push(0);
    t.left.push(-1);
    t.right.push(-1);
    t.value.push(0);
    t.gain.push(0);
    return t.feature.length - 1;
  };
  const takeHist = (): Float64Array => pool.pop() ?? new Float64Array(totalBins * 2);
  const release = (leaf: Leaf): void => {
    if (leaf.hist) pool.push(leaf.hist);
    leaf.hist = null;
  };

  const buildHist = (hist: Float64Array, start: number, end: number): void => {
    for (let j = 0; j < nFeat; j++) {
      const f = features[j]!;
      hist.fill(0, offsets[f]! * 2, (offsets[f]! + nBins[f]!) * 2);
    }
    if (nFeat === nCols) fillHistAll(hist, codes, nCols, offsets, grad, rows, start, end);
    else fillHistSome(hist, codes, nCols, offsets, features, grad, rows, start, end);
  };

  const subtractInto = (parent: Float64Array, child: Float64Array): void => {
    for (let j = 0; j < nFeat; j++) {
      const f = features[j]!;
      const end = (offsets[f]! + nBins[f]!) * 2;
      for (let k = offsets[f]! * 2; k < end; k++) parent[k]! -= child[k]!;
    }
  };

  const canSplit = (depth: number, count: number): boolean => depth < p.maxDepth && count >= 2 * minLeaf;

  const findSplit = (leaf: Leaf): void => {
    const hist = leaf.hist!;
    const G = leaf.sumG;
    const C = leaf.end - leaf.start;
    const parentScore = (G * G) / (C + lambda);
    let bestGain = 1e-12 * Math.max(1, parentScore);
    let bestF = -1;
    let bestB = 0;
    for (let j = 0; j < nFeat; j++) {
      const f = features[j]!;
      const nb = nBins[f]!;
      const off = offsets[f]! * 2;
      let gl = 0;
      let cl = 0;
      for (let b = 0; b < nb - 1; b++) {
        gl += hist[off + 2 * b]!;
        cl += hist[off + 2 * b + 1]!;
        if (cl < minLeaf) continue;
        const cr = C - cl;
        if (cr < minLeaf) break;
        const gr = G - gl;
        const gain = (gl * gl) / (cl + lambda) + (gr * gr) / (cr + lambda) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestF = f;
          bestB = b;
        }
      }
    }
    leaf.feature = bestF;
    leaf.bin = bestB;
    leaf.gain = bestF >= 0 ? bestGain : 0;
    if (bestF < 0) release(leaf);
  };

  let sumG = 0;
  for (let i = 0; i < rows.length; i++) sumG += grad[rows[i]!]!;
  const root: Leaf = { node: newNode(), start: 0, end: rows.length, depth: 0, sumG, hist: null, feature: -1, bin: 0, gain: 0 };
  const leaves: Leaf[] = [root];
  if (canSplit(0, rows.length)) {
    root.hist = takeHist();
    buildHist(root.hist, 0, rows.length);
    findSplit(root);
  }

  while (leaves.length < p.maxLeaves) {
    let best: Leaf | null = null;
    for (const l of leaves) if (l.feature >= 0 && (best === null || l.gain > best.gain)) best = l;
    if (best === null) break;
    const f = best.feature;
    const bin = best.bin;
    // stable partition of rows[start, end): left (code <= bin) first
    let w = best.start;
    let nr = 0;
    let leftG = 0;
    for (let i = best.start; i < best.end; i++) {
      const r = rows[i]!;
      if (codes[r * nCols + f]! <= bin) {
        rows[w++] = r;
        leftG += grad[r]!;
      } else scratch[nr++] = r;
    }
    rows.set(scratch.subarray(0, nr), w);

    const depth = best.depth + 1;
    const L: Leaf = { node: newNode(), start: best.start, end: w, depth, sumG: leftG, hist: null, feature: -1, bin: 0, gain: 0 };
    const R: Leaf = { node: newNode(), start: w, end: best.end, depth, sumG: best.sumG - leftG, hist: null, feature: -1, bin: 0, gain: 0 };
    const n = best.node;
    t.feature[n] = f;
    t.bin[n] = bin;
    t.gain[n] = best.gain;
    t.left[n] = L.node;
    t.right[n] = R.node;

    const splitL = canSplit(depth, L.end - L.start);
    const splitR = canSplit(depth, R.end - R.start);
    const parentHist = best.hist!;
    best.hist = null;
    if (splitL || splitR) {
      const [small, large] = L.end - L.start <= R.end - R.start ? [L, R] : [R, L];
      small.hist = takeHist();
      buildHist(small.hist, small.start, small.end);
      subtractInto(parentHist, small.hist);
      large.hist = parentHist;
      if (splitL) findSplit(L);
      else release(L);
      if (splitR) findSplit(R);
      else release(R);
    } else pool.push(parentHist);

    leaves[leaves.indexOf(best)] = L;
    leaves.push(R);
  }

  for (const l of leaves) {
    const count = l.end - l.start;
    t.value[l.node] = Math.fround((-l.sumG / (count + lambda)) * p.scale);
  }
  return t;
}
