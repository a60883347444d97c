import type { GbtParams } from './types.ts';

/** Reasonable defaults for {@link GbtParams}. */
export const defaultGbtParams: GbtParams = Object.freeze({
  nEstimators: 100,
  learningRate: 0.1,
  maxDepth: 6,
  maxLeaves: 31,
  minSamplesLeaf: 20,
  lambdaL2: 1,
  subsample: 1,
  colsample: 1,
  maxBins: 255,
  earlyStoppingRounds: 0,
  seed: 42,
});
