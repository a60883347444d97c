import { describe, expect, it } from 'vitest';
import { predict } from './predict.ts';
import { sliceRows, syntheticData } from './synthetic.ts';
import { trainForest } from './train-forest.ts';
import { rmse } from './validate.ts';

describe('trainForest', () => {
  const { x, y } = syntheticData(8000, 5, 31);
  const train = sliceRows(x, y, 0, 6000);
  const test = sliceRows(x, y, 6000, 8000);
  const params = { nEstimators: 30, maxDepth: 10, maxLeaves: 256, minSamplesLeaf: 3, sampleFraction: 1, colsample: 0.8, maxBins: 128, seed: 1 };

  it('learns and averages its trees', () => {
    const events: number[] = [];
    const forest = trainForest(train.x, train.y, params, { onProgress: (e) => events.push(e.iteration) });
    expect(events).toHaveLength(30);
    expect(forest.trees).toHaveLength(30);
    const mean = train.y.reduce((a, b) => a + b, 0) / train.y.length;
    const base = rmse(new Float64Array(test.y.length).fill(mean), test.y);
    expect(rmse(predict(forest, test.x), test.y) / base).toBeLessThan(0.3);
    expect(forest.history.at(-1)!.trainRmse).toBeCloseTo(rmse(predict(forest, train.x), train.y), 12);
  });

  it('is deterministic per seed', () => {
    expect(trainForest(train.x, train.y, params)).toEqual(trainForest(train.x, train.y, params));
    expect(trainForest(train.x, train.y, params).trees).not.toEqual(trainForest(train.x, train.y, { ...params, seed: 2 }).trees);
  });
});
