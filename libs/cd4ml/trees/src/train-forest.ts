import { binMatrix, computeBinBounds } from './bins.ts';
import { growTree } from './grow-tree.ts';
import { Rng } from './rng.ts';
import { addBinnedPredictions, featureImportance, toTree } from './to-tree.ts';
import type { ForestParams, Matrix, ProgressEvent, Tree, TreeEnsemble } from './types.ts';
import { checkData, checkFraction, checkInt, rmse } from './validate.ts';

/**
 * Trains a random forest of least-squares regression trees with the same histogram tree builder
 * as {@link trainGbt}: each tree sees a bootstrap sample (with replacement) of
 * `sampleFraction * nRows` rows and a random `colsample` fraction of the features; leaves hold
 * the mean target. NaN feature values are treated as missing and always go left.
 *
 * @param x training features (row-major float32)
 * @param y training target, one finite value per row
 * @param params forest hyper-parameters
 * @param options.featureNames column names (default `f0, f1, ...`)
 * @param options.onProgress called once per tree; `trainRmse` is that of the forest so far (in-bag)
 * @returns a `kind: 'forest'`, `aggregate: 'AVERAGE'` ensemble with `baseScore` 0
 */
export function trainForest(
  x: Matrix,
  y: Float64Array | Float32Array,
  params: ForestParams,
  options: { featureNames?: string[]; onProgress?: (e: ProgressEvent) => void } = {},
): TreeEnsemble {
  const featureNames = checkData(x, y, options.featureNames);
  const p = params;
  checkInt('nEstimators', p.nEstimators, 0);
  checkInt('maxDepth', p.maxDepth, 1);
  checkInt('maxLeaves', p.maxLeaves, 2);
  checkInt('minSamplesLeaf', p.minSamplesLeaf, 1);
  checkInt('maxBins', p.maxBins, 2, 255);
  checkFraction('sampleFraction', p.sampleFraction);
  checkFraction('colsample', p.colsample);

  const { nRows, nCols } = x;
  const rng = new Rng(p.seed);
  const data = binMatrix(x, computeBinBounds(x, p.maxBins, rng));
  // gradient of squared error at prediction 0 is -y, so leaf = -G / count = mean(y in leaf)
  const grad = Float64Array.from(y, (v) => -v);
  const nSample = Math.max(1, Math.round(p.sampleFraction * nRows));
  const rows = new Uint32Array(nSample);
  const colPerm = new Int32Array(nCols);
  for (let i = 0; i < nCols; i++) colPerm[i] = i;
  const nFeat = Math.max(1, Math.round(p.colsample * nCols));
  const grow = { maxDepth: p.maxDepth, maxLeaves: p.maxLeaves, minSamplesLeaf: p.minSamplesLeaf, lambda: 0, scale: 1 };

  const sum = new Float64Array(nRows);
  const avg = new Float64Array(nRows);
  const trees: Tree[] = [];
  const history: TreeEnsemble['history'] = [];
  for (let it = 1; it <= p.nEstimators; it++) {
    for (let i = 0; i < nSample; i++) rows[i] = rng.int(nRows);
    rows.sort();
    let features = colPerm;
    if (nFeat < nCols) {
      rng.shuffleHead(colPerm, nFeat);
      features = colPerm.slice(0, nFeat).sort();
    }
    const grown = growTree(data, grad, rows, features, grow);
    trees.push(toTree(grown, data));
    addBinnedPredictions(grown, data, sum);
    for (let i = 0; i < nRows; i++) avg[i] = sum[i]! / it;
    const entry = { iteration: it, trainRmse: rmse(avg, y) };
    history.push(entry);
    options.onProgress?.({ total: p.nEstimators, ...entry });
  }
  return {
    kind: 'forest',
    featureNames,
    baseScore: 0,
    trees,
    aggregate: 'AVERAGE',
    history,
    bestIteration: trees.length,
    featureImportance: featureImportance(trees, nCols),
  };
}
