import type { BinnedMatrix } from './bins.ts';
import type { GrownTree } from './grow-tree.ts';
import type { Tree } from './types.ts';

/** Converts bin-index splits to float32 thresholds: "code <= b" is exactly "x <= bounds[f][b]". */
export function toTree(g: GrownTree, data: BinnedMatrix): Tree {
  const threshold = g.feature.map((f, i) => (f >= 0 ? data.bounds[f]![g.bin[i]!]! : 0));
  return { feature: g.feature, threshold, left: g.left, right: g.right, value: g.value, gain: g.gain };
}

/** Adds the leaf value of a bin-split tree for every binned row to `out`, walking the tree per row. */
export function addBinnedPredictions(g: GrownTree, data: BinnedMatrix, out: Float64Array): void {
  const feature = Int32Array.from(g.feature);
  const bin = Int32Array.from(g.bin);
  const left = Int32Array.from(g.left);
  const right = Int32Array.from(g.right);
  const value = Float64Array.from(g.value);
  const { codes, nRows } = data;
  for (let r = 0; r < nRows; r++) {
    let node = 0;
    let f = feature[0]!;
    while (f >= 0) {
      node = codes[f * nRows + r]! <= bin[node]! ? left[node]! : right[node]!;
      f = feature[node]!;
    }
    out[r]! += value[node]!;
  }
}

/**
 * The same when the tree was grown on every row once: each leaf already holds its rows in
 * `rows[start, end)`, so no walk is needed (as scikit-learn does; 9% of the fit time at 150k rows).
 */
export function addLeafPredictions(g: GrownTree, rows: Uint32Array, out: Float64Array): void {
  for (let n = 0; n < g.feature.length; n++) {
    if (g.feature[n]! >= 0) continue;
    const v = g.value[n]!;
    for (let i = g.start[n]!, end = g.end[n]!; i < end; i++) out[rows[i]!]! += v;
  }
}

/** Total split gain per feature. */
export function featureImportance(trees: Tree[], nFeatures: number): number[] {
  const imp = new Array<number>(nFeatures).fill(0);
  for (const t of trees) t.feature.forEach((f, i) => { if (f >= 0) imp[f]! += t.gain[i]!; });
  return imp;
}
