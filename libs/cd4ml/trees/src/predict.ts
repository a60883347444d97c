import type { Matrix, Tree, TreeEnsemble } from './types.ts';

/**
 * Adds the leaf value of `tree` for every row of `x` to `out` (float64).
 * Same rule as ONNX `BRANCH_LEQ` on float32 input: left when `Math.fround(x) <= threshold`
 * or when x is NaN (`nodes_missing_value_tracks_true = 1`).
 */
export function addTreePredictions(tree: Tree, x: Matrix, out: Float64Array): void {
  const feature = Int32Array.from(tree.feature);
  const threshold = Float32Array.from(tree.threshold);
  const left = Int32Array.from(tree.left);
  const right = Int32Array.from(tree.right);
  const value = Float64Array.from(tree.value);
  const { values, nRows, nCols } = x;
  for (let r = 0; r < nRows; r++) {
    const base = r * nCols;
    let node = 0;
    let f = feature[0]!;
    while (f >= 0) {
      // values is a Float32Array, so each element is already float32 (== Math.fround(v)).
      const v = values[base + f]!;
      node = v <= threshold[node]! || v !== v ? left[node]! : right[node]!;
      f = feature[node]!;
    }
    out[r]! += value[node]!;
  }
}

/**
 * Predicts every row of `x` with `model`; computes exactly what the exported ONNX
 * `TreeEnsembleRegressor` computes (up to float32 accumulation of the leaf sum in the runtime).
 * @param model a trained ensemble from {@link trainGbt} or {@link trainForest}
 * @param x row-major float32 matrix with `model.featureNames.length` columns
 * @returns one prediction per row
 */
export function predict(model: TreeEnsemble, x: Matrix): Float64Array {
  if (x.nCols !== model.featureNames.length) {
    throw new Error(`predict: model expects ${model.featureNames.length} features, got ${x.nCols}`);
  }
  if (x.values.length !== x.nRows * x.nCols) throw new Error('predict: values.length !== nRows * nCols');
  const out = new Float64Array(x.nRows);
  if (model.aggregate === 'SUM') {
    out.fill(model.baseScore);
    for (const t of model.trees) addTreePredictions(t, x, out);
  } else {
    for (const t of model.trees) addTreePredictions(t, x, out);
    const n = Math.max(1, model.trees.length);
    for (let r = 0; r < out.length; r++) out[r] = out[r]! / n + model.baseScore;
  }
  return out;
}
