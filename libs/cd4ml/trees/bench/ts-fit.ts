// BENCH ONLY: one timed fit of trainGbt on a matrix file, as one JSON line (run by vs-sklearn.ts in
// its own process, so that each fit starts cold and reports its own peak memory).
//   npx tsx libs/cd4ml/trees/bench/ts-fit.ts MATRIX_FILE '{"threads":1,"maxIter":300,...}'
import { createHash } from 'node:crypto';
import { defaultGbtParams, predict, toOnnx, trainGbt } from '../src/index.ts';
import { readMatrixFile } from './matrix-file.ts';
import { scoreValidation, type FitOptions } from './fit-options.ts';

const [path, json] = process.argv.slice(2);
if (!path || !json) {
  console.error('usage: ts-fit.ts MATRIX_FILE OPTIONS_JSON');
  process.exitCode = 2;
} else {
  const o = JSON.parse(json) as FitOptions;
  const m = await readMatrixFile(path);
  const params = {
    ...defaultGbtParams,
    nEstimators: o.maxIter,
    learningRate: o.learningRate,
    maxLeaves: o.maxLeaves,
    maxDepth: o.maxDepth,
    minSamplesLeaf: o.minSamplesLeaf,
    lambdaL2: o.l2,
    maxBins: o.maxBins,
    subsample: 1,
    colsample: 1,
    earlyStoppingRounds: 0,
    seed: o.seed,
  };
  const t0 = performance.now();
  const model = trainGbt(m.train.x, m.train.y, params, { threads: o.threads });
  const fitSeconds = (performance.now() - t0) / 1000;
  const score = scoreValidation(predict(model, m.valid.x), m.valid.y, m.valid.weights);
  const onnxSha256 = createHash('sha256').update(toOnnx(model)).digest('hex');
  console.log(JSON.stringify({ fitSeconds, ...score, iterations: model.trees.length, threads: o.threads, onnxSha256, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
}
