import { binForTraining, type BinnedMatrix } from './bins.ts';
import { defaultThreads, openEngine, warmThreads } from './engine.ts';
import { growTree } from './grow-tree.ts';
import { FeatureSampler } from './sampling.ts';
import { SeededRandom } from '@cd4ml/random';
import { featureImportance, toTree, walkTree } from './to-tree.ts';
import type { ForestParams, Matrix, Tree, TrainOptions, TreeEnsemble } from './types.ts';
import { checkData, checkForestParams, checkInt, rmse } from './validate.ts';

/**
 * Trains a random forest of least-squares regression trees with the same histogram tree builder
 * as {@link trainGbt}: each tree sees a bootstrap sample (with replacement) of
 * `sampleFraction * nRows` rows and a random `colsample` fraction of the features; leaves hold
 * the mean target. NaN feature values are treated as missing and always go left.
 *
 * @param x training features: row-major float32, or binned with {@link binRows}
 * @param y training target, one finite value per row
 * @param params forest hyper-parameters
 * @param options.featureNames column names (default `f0, f1, ...`)
 * @param options.onProgress called once per tree; `trainRmse` is that of the forest so far (in-bag)
 * @param options.threads see {@link TrainOptions.threads}
 * @returns a `kind: 'forest'`, `aggregate: 'AVERAGE'` ensemble with `baseScore` 0
 */
export function trainForest(
  x: Matrix | BinnedMatrix,
  y: Float64Array | Float32Array,
  params: ForestParams,
  options: TrainOptions = {},
): TreeEnsemble {
  const featureNames = checkData(x, y, options.featureNames);
  const p = params;
  checkForestParams(p);
  const threads = options.threads ?? defaultThreads(x.nRows);
  checkInt('threads', threads, 1, 64);
  warmThreads(threads);

  const rng = new SeededRandom(p.seed);
  const data = binForTraining(x, p.maxBins, p.seed, rng);
  const { nRows, nCols } = data;
  const nSample = Math.max(1, Math.round(p.sampleFraction * nRows));
  const engine = openEngine(data, nSample, p.maxLeaves, threads);
  const space = engine.space;
  const { rows, grad, features } = space;
  // gradient of squared error at prediction 0 is -y, so leaf = -G / count = mean(y in leaf)
  for (let i = 0; i < nRows; i++) grad[i] = -y[i]!;
  const sampler = new FeatureSampler(data, p.colsample, rng);
  const grow = { maxDepth: p.maxDepth, maxLeaves: p.maxLeaves, minSamplesLeaf: p.minSamplesLeaf, lambda: 0, scale: 1 };

  const sum = space.pred.fill(0);
  const avg = new Float64Array(nRows);
  const trees: Tree[] = [];
  const history: TreeEnsemble['history'] = [];
  try {
    for (let it = 1; it <= p.nEstimators; it++) {
      for (let i = 0; i < nSample; i++) rows[i] = rng.below(nRows);
      rows.subarray(0, nSample).sort();
      const nActive = sampler.draw(features);
      const grown = growTree(engine, nSample, nActive, false, grow);
      trees.push(toTree(grown, data));
      walkTree(grown, space, 'all', nRows);
      for (let i = 0; i < nRows; i++) avg[i] = sum[i]! / it;
      const entry = { iteration: it, trainRmse: rmse(avg, y) };
      history.push(entry);
      options.onProgress?.({ total: p.nEstimators, ...entry });
    }
  } finally {
    engine.close();
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
