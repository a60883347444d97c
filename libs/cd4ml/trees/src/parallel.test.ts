import { describe, expect, it } from 'vitest';
import { defaultGbtParams } from './params.ts';
import { sliceRows, syntheticData } from './synthetic.ts';
import { toOnnx } from './to-onnx.ts';
import { trainForest } from './train-forest.ts';
import { trainGbt } from './train-gbt.ts';

// 40k rows x 8 features: the root and the large nodes are shared between threads (100k cells and up)
const { x, y } = syntheticData(44_000, 8, 21);
const train = sliceRows(x, y, 0, 40_000);
const valid = sliceRows(x, y, 40_000, 44_000);
const bytes = (model: Parameters<typeof toOnnx>[0]) => Buffer.from(toOnnx(model));

describe('training on worker threads', () => {
  it.each([
    ['all rows and features', { subsample: 1, colsample: 1 }],
    ['row and feature sampling', { subsample: 0.7, colsample: 0.6 }],
  ])('gives byte-identical gbt models with 1, 2 and 3 threads (%s)', (_, sampling) => {
    const params = { ...defaultGbtParams, ...sampling, nEstimators: 25, maxLeaves: 31, earlyStoppingRounds: 5, seed: 3 };
    const one = trainGbt(train.x, train.y, params, { valid, threads: 1 });
    const two = trainGbt(train.x, train.y, params, { valid, threads: 2 });
    const three = trainGbt(train.x, train.y, params, { valid, threads: 3 });
    expect(bytes(two).equals(bytes(one))).toBe(true);
    expect(bytes(three).equals(bytes(one))).toBe(true);
    expect(two.history).toEqual(one.history);
  });

  it('partitions large nodes on several threads with the same result (250k rows)', () => {
    const big = syntheticData(250_000, 4, 2);
    const params = { ...defaultGbtParams, nEstimators: 3, maxLeaves: 15, seed: 1 };
    const one = trainGbt(big.x, big.y, params, { threads: 1 });
    expect(bytes(trainGbt(big.x, big.y, params, { threads: 2 })).equals(bytes(one))).toBe(true);
    expect(bytes(trainGbt(big.x, big.y, params, { threads: 3 })).equals(bytes(one))).toBe(true);
  });

  it('gives identical forests with 1 and 2 threads', () => {
    const params = { nEstimators: 8, maxDepth: 10, maxLeaves: 128, minSamplesLeaf: 3, sampleFraction: 0.8, colsample: 0.7, maxBins: 64, seed: 5 };
    expect(bytes(trainForest(train.x, train.y, params, { threads: 2 })).equals(bytes(trainForest(train.x, train.y, params, { threads: 1 })))).toBe(true);
  });

  it('rejects a thread count that is not a positive integer', () => {
    expect(() => trainGbt(train.x, train.y, defaultGbtParams, { threads: 0 })).toThrow(/threads/);
  });
});
