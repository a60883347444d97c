import { describe, expect, it } from 'vitest';
import { defaultGbtParams } from './params.ts';
import { predict } from './predict.ts';
import { SeededRandom } from '@cd4ml/random';
import { sliceRows, syntheticData } from './synthetic.ts';
import { toOnnx } from './to-onnx.ts';
import { trainGbt } from './train-gbt.ts';
import type { Matrix, Tree } from './types.ts';
import { rmse } from './validate.ts';

const { x, y } = syntheticData(12_000, 6, 11);
const train = sliceRows(x, y, 0, 10_000);
const test = sliceRows(x, y, 10_000, 12_000);

function leafOf(t: Tree, m: Matrix, r: number): number {
  let n = 0;
  while (t.feature[n]! >= 0) n = Math.fround(m.values[r * m.nCols + t.feature[n]!]!) <= t.threshold[n]! ? t.left[n]! : t.right[n]!;
  return n;
}

describe('trainGbt', () => {
  it('learns: held-out RMSE is far below that of predicting the mean', () => {
    const model = trainGbt(train.x, train.y, { ...defaultGbtParams, nEstimators: 150 });
    const mean = train.y.reduce((a, b) => a + b, 0) / train.y.length;
    const base = rmse(new Float64Array(test.y.length).fill(mean), test.y);
    const err = rmse(predict(model, test.x), test.y);
    expect(err / base).toBeLessThan(0.1);
    expect(model.trees).toHaveLength(150);
    expect(model.kind).toBe('gbt');
    expect(model.aggregate).toBe('SUM');
    // the informative features carry the importance
    const imp = model.featureImportance;
    expect(imp[0]!).toBeGreaterThan(imp[4]! * 10);
    expect(imp[1]!).toBeGreaterThan(imp[5]! * 10);
    expect(imp[2]!).toBeGreaterThan(imp[5]!);
    // training predictions tracked internally equal predict()
    expect(model.history.at(-1)!.trainRmse).toBe(rmse(predict(model, train.x), train.y));
  });

  it('respects maxDepth, maxLeaves and minSamplesLeaf', () => {
    const params = { ...defaultGbtParams, nEstimators: 5, maxDepth: 4, maxLeaves: 9, minSamplesLeaf: 150 };
    const model = trainGbt(train.x, train.y, params);
    for (const t of model.trees) {
      const leaves = t.feature.filter((f) => f < 0).length;
      expect(leaves).toBeLessThanOrEqual(9);
      expect(leaves).toBeGreaterThan(4);
      const depth = (n: number): number => (t.feature[n]! < 0 ? 0 : 1 + Math.max(depth(t.left[n]!), depth(t.right[n]!)));
      expect(depth(0)).toBeLessThanOrEqual(4);
      const counts = new Map<number, number>();
      for (let r = 0; r < train.x.nRows; r++) counts.set(leafOf(t, train.x, r), (counts.get(leafOf(t, train.x, r)) ?? 0) + 1);
      for (const c of counts.values()) expect(c).toBeGreaterThanOrEqual(150);
    }
  });

  it('is deterministic: same seed gives identical ONNX bytes, another seed differs when subsampling', () => {
    const params = { ...defaultGbtParams, nEstimators: 15, subsample: 0.7, colsample: 0.8, seed: 7 };
    const a = toOnnx(trainGbt(train.x, train.y, params), {});
    const b = toOnnx(trainGbt(train.x, train.y, params), {});
    const c = toOnnx(trainGbt(train.x, train.y, { ...params, seed: 8 }), {});
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it('stops early on a pure-noise target and keeps the trees up to bestIteration', () => {
    const rng = new SeededRandom(3);
    const noise = Float64Array.from({ length: 12_000 }, () => rng.next() * 2 - 1);
    const tr = sliceRows(x, noise, 0, 4_000);
    const va = sliceRows(x, noise, 10_000, 12_000);
    const params = { ...defaultGbtParams, nEstimators: 200, learningRate: 0.3, maxLeaves: 63, maxDepth: 8, minSamplesLeaf: 2, earlyStoppingRounds: 10 };
    const model = trainGbt(tr.x, tr.y, params, { valid: va });
    expect(model.history.length).toBeLessThan(200);
    expect(model.history.length).toBe(model.bestIteration + 10);
    expect(model.trees).toHaveLength(model.bestIteration);
    const valid = model.history.map((h) => h.validRmse!);
    expect(valid.reduce((a, b) => Math.min(a, b))).toBe(valid[model.bestIteration - 1]);
    expect(rmse(predict(model, va.x), va.y)).toBe(valid[model.bestIteration - 1]);
  });

  it('calls onProgress once per iteration', () => {
    const events: { iteration: number; total: number; trainRmse: number; validRmse?: number }[] = [];
    trainGbt(train.x, train.y, { ...defaultGbtParams, nEstimators: 12 }, { valid: test, onProgress: (e) => events.push(e) });
    expect(events.map((e) => e.iteration)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    for (const e of events) {
      expect(e.total).toBe(12);
      expect(e.validRmse).toBeTypeOf('number');
    }
    expect(events[11]!.trainRmse).toBeLessThan(events[0]!.trainRmse);
  });

  it('rejects invalid input', () => {
    expect(() => trainGbt(train.x, train.y.subarray(1), defaultGbtParams)).toThrow(/rows/);
    expect(() => trainGbt(train.x, train.y, { ...defaultGbtParams, maxBins: 256 })).toThrow(/maxBins/);
    expect(() => trainGbt(train.x, train.y, { ...defaultGbtParams, earlyStoppingRounds: 5 })).toThrow(/valid/);
    expect(() => trainGbt(train.x, train.y, defaultGbtParams, { featureNames: ['a'] })).toThrow(/feature names/);
  });

  it('sends NaN (missing) values left', () => {
    const model = trainGbt(train.x, train.y, { ...defaultGbtParams, nEstimators: 3 });
    const t = model.trees[0]!;
    const row = Float32Array.from({ length: 6 }, () => Number.NaN);
    let n = 0;
    while (t.feature[n]! >= 0) n = t.left[n]!;
    expect(predict({ ...model, trees: [t] }, { values: row, nRows: 1, nCols: 6 })[0]).toBe(model.baseScore + t.value[n]!);
  });
});
