import type { BinnedMatrix } from './bins.ts';
import type { GrownTree } from './grow-tree.ts';
import type { HistSpace } from './histogram.ts';
import type { Tree } from './types.ts';

/** Converts bin-index splits to float32 thresholds: "code <= b" is exactly "x <= bounds[f][b]". */
export function toTree(g: GrownTree, data: BinnedMatrix): Tree {
  const threshold = g.feature.map((f, i) => (f >= 0 ? data.bounds[f]![g.bin[i]!]! : 0));
  return { feature: g.feature, threshold, left: g.left, right: g.right, value: g.value, gain: g.gain };
}

/**
 * Adds the leaf value of a bin-split tree to `space.pred[r]` for `count` rows: rows 0..count-1, or
 * the rows listed at byte offset `rows` (walking the tree per row).
 */
export function walkTree(g: GrownTree, space: HistSpace, rows: number | 'all', count: number): void {
  const { k, ptr, mem32, nRows } = space;
  const vals = new Float64Array(mem32.buffer, ptr.vals, g.feature.length);
  for (let i = 0; i < g.feature.length; i++) {
    const at = (ptr.nodes >>> 2) + 4 * i;
    mem32[at] = g.feature[i]!; // -1 becomes 0xffffffff, read back as a signed -1
    mem32[at + 1] = g.bin[i]!;
    mem32[at + 2] = g.left[i]!;
    mem32[at + 3] = g.right[i]!;
    vals[i] = g.value[i]!;
  }
  k.walkTree(ptr.nodes, ptr.vals, 0, nRows, rows === 'all' ? 0 : rows, count, rows === 'all' ? 1 : 0, ptr.pred);
}

/**
 * The same for the rows the tree was grown on: each leaf holds its rows in `rows[start, end)`, so
 * no walk is needed (as scikit-learn does; 9% of the fit time at 150k rows).
 */
export function addLeafPredictions(g: GrownTree, space: HistSpace): void {
  const { k, ptr } = space;
  for (let n = 0; n < g.feature.length; n++) if (g.feature[n]! < 0) k.addLeaf(ptr.pred, ptr.rows, g.start[n]!, g.end[n]!, g.value[n]!);
}

/** Total split gain per feature. */
export function featureImportance(trees: Tree[], nFeatures: number): number[] {
  const imp = new Array<number>(nFeatures).fill(0);
  for (const t of trees) t.feature.forEach((f, i) => { if (f >= 0) imp[f]! += t.gain[i]!; });
  return imp;
}
