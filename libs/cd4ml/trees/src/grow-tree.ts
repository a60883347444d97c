import { R, RESULT_LEN, T, type HistSpace } from './histogram.ts';

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
  /** Per leaf: its rows are `rows[start[node], end[node])` once the tree is grown. */
  start: number[];
  end: number[];
}

/** Where the work of {@link growTree} runs: on this thread, or shared with worker threads. */
export interface SplitEngine {
  space: HistSpace;
  /** Runs `space.task` over the first `nFeatures` of `space.features`; the best splits land in `space.results[0..]`. */
  run(nFeatures: number): void;
  /** Stable partition of rows[start, end) on feature `f` ("code <= bin" first); returns the split index. */
  partition(f: number, bin: number, start: number, end: number): number;
}

interface Leaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  sumG: number;
  /** Histogram slot, -1 when the leaf will not split. */
  slot: number;
  // best split, feature -1 when none
  feature: number;
  bin: number;
  gain: number;
  gl: number;
}

/**
 * Grows one least-squares regression tree best-first (leaf-wise) on binned data. Hessians are 1
 * (squared error), so a histogram holds (sum g, count) per bin. `space.rows[0, nRows)` (row indices,
 * sorted, duplicates allowed for bootstrap) is partitioned in place per node; histograms use the
 * subtraction trick (build the smaller child, derive the larger from its parent).
 * @param identity rows are exactly 0..nRows-1 (no row sampling): the root reads columns in order
 */
export function growTree(engine: SplitEngine, nRows: number, nFeatures: number, identity: boolean, p: GrowParams): GrownTree {
  const { rows, grad, task, results } = engine.space;
  const minLeaf = Math.max(1, p.minSamplesLeaf);
  const free: number[] = [];
  for (let s = p.maxLeaves - 1; s >= 0; s--) free.push(s);
  const t: GrownTree = { feature: [], bin: [], left: [], right: [], value: [], gain: [], start: [], end: [] };
  const newNode = (start: number, end: number): number => {
    t.feature.push(-1);
    t.bin.push(0);
    t.left.push(-1);
    t.right.push(-1);
    t.value.push(0);
    t.gain.push(0);
    t.start.push(start);
    t.end.push(end);
    return t.feature.length - 1;
  };
  const leaf = (start: number, end: number, depth: number, sumG: number): Leaf =>
    ({ node: newNode(start, end), start, end, depth, sumG, slot: -1, feature: -1, bin: 0, gain: 0, gl: 0 });
  const canSplit = (l: Leaf): boolean => l.depth < p.maxDepth && l.end - l.start >= 2 * minLeaf;
  const take = (l: Leaf, ro: number): void => {
    l.feature = results[ro + R.feature]!;
    if (l.feature < 0) {
      if (l.slot >= 0) free.push(l.slot);
      l.slot = -1;
      return;
    }
    l.bin = results[ro + R.bin]!;
    l.gain = results[ro + R.gain]!;
    l.gl = results[ro + R.gl]!;
  };
  /** Builds `a` (small) from its rows and, when `b` splits, makes `parentSlot` b's histogram; finds their splits. */
  const build = (a: Leaf, b: Leaf | null, parentSlot: number): void => {
    const splitB = b !== null && canSplit(b);
    const inOrder = identity && b === null; // the root of a tree that sees every row
    a.slot = free.pop()!;
    task[T.small] = a.slot;
    task[T.start] = a.start;
    task[T.end] = a.end;
    task[T.identity] = inOrder ? 1 : 0;
    task[T.gA] = a.sumG;
    task[T.cA] = a.end - a.start;
    task[T.splitA] = canSplit(a) ? 1 : 0;
    task[T.parent] = splitB ? parentSlot : -1;
    task[T.gB] = b ? b.sumG : 0;
    task[T.cB] = b ? b.end - b.start : 0;
    task[T.splitB] = splitB ? 1 : 0;
    task[T.minLeaf] = minLeaf;
    task[T.lambda] = p.lambda;
    engine.run(nFeatures);
    if (b && splitB) b.slot = parentSlot;
    else if (parentSlot >= 0) free.push(parentSlot);
    if (task[T.splitA] === 1) take(a, 0);
    else {
      free.push(a.slot);
      a.slot = -1;
    }
    if (b && splitB) take(b, RESULT_LEN);
  };

  let sumG = 0;
  for (let i = 0; i < nRows; i++) sumG += grad[rows[i]!]!;
  const root = leaf(0, nRows, 0, sumG);
  const leaves: Leaf[] = [root];
  if (canSplit(root)) build(root, null, -1);

  while (leaves.length < p.maxLeaves) {
    let best: Leaf | null = null;
    for (const l of leaves) if (l.feature >= 0 && (best === null || l.gain > best.gain)) best = l;
    if (best === null) break;
    const bin = best.bin;
    const w = engine.partition(best.feature, bin, best.start, best.end);

    const depth = best.depth + 1;
    const L = leaf(best.start, w, depth, best.gl);
    const R_ = leaf(w, best.end, depth, best.sumG - best.gl);
    const n = best.node;
    t.feature[n] = best.feature;
    t.bin[n] = bin;
    t.gain[n] = best.gain;
    t.left[n] = L.node;
    t.right[n] = R_.node;
    const [small, large] = L.end - L.start <= R_.end - R_.start ? [L, R_] : [R_, L];
    if (canSplit(small) || canSplit(large)) build(small, large, best.slot);
    else free.push(best.slot);
    best.slot = -1;
    leaves[leaves.indexOf(best)] = L;
    leaves.push(R_);
  }

  for (const l of leaves) {
    const count = l.end - l.start;
    t.value[l.node] = Math.fround((-l.sumG / (count + p.lambda)) * p.scale);
  }
  return t;
}
