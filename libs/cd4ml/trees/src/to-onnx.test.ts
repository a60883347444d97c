import onnxProto from 'onnx-proto';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { defaultGbtParams } from './params.ts';
import { predict } from './predict.ts';
import { syntheticData } from './synthetic.ts';
import { toOnnx } from './to-onnx.ts';
import { trainForest } from './train-forest.ts';
import { trainGbt } from './train-gbt.ts';
import type { Matrix, TreeEnsemble } from './types.ts';

const { onnx } = onnxProto;

async function runOnnx(bytes: Uint8Array, x: Matrix): Promise<Float32Array> {
  const session = await InferenceSession.create(Buffer.from(bytes));
  const out = await session.run({ input: new Tensor('float32', x.values, [x.nRows, x.nCols]) });
  const variable = out.variable!;
  expect(variable.dims).toEqual([x.nRows, 1]);
  return variable.data as Float32Array;
}

/** Indices of rows where ONNX and in-process predictions disagree beyond float32 tolerance. */
function mismatches(a: Float64Array, b: Float32Array): number[] {
  const bad: number[] = [];
  for (let i = 0; i < a.length; i++) if (!(Math.abs(a[i]! - b[i]!) <= 1e-5 * Math.max(1, Math.abs(a[i]!)))) bad.push(i);
  return bad;
}

/** Probe rows: the data, plus rows whose values sit exactly on (and next to) every split threshold, plus NaNs. */
function probeRows(model: TreeEnsemble, x: Matrix): Matrix {
  const rows: number[][] = [];
  for (let r = 0; r < 2000; r++) rows.push(Array.from(x.values.subarray(r * x.nCols, (r + 1) * x.nCols)));
  let k = 0;
  for (const t of model.trees) {
    t.feature.forEach((f, i) => {
      if (f < 0) return;
      for (const delta of [0, 1, -1]) {
        const row = [...rows[k++ % 2000]!];
        const thr = t.threshold[i]!;
        row[f] = delta === 0 ? thr : Math.fround(thr + delta * Math.abs(thr) * 1.2e-7 + delta * 1e-30);
        rows.push(row);
      }
    });
  }
  rows.push(Array.from({ length: x.nCols }, () => Number.NaN));
  rows.push(Array.from({ length: x.nCols }, (_, c) => (c % 2 ? Number.NaN : 0.25)));
  return { values: Float32Array.from(rows.flat()), nRows: rows.length, nCols: x.nCols };
}

describe('toOnnx', () => {
  const { x, y } = syntheticData(6000, 6, 21);
  const gbt = trainGbt(x, y, { ...defaultGbtParams, nEstimators: 60, subsample: 0.8, colsample: 0.7 }, { featureNames: ['a', 'b', 'c', 'd', 'e', 'f'] });

  it('onnxruntime agrees with predict, including values exactly equal to thresholds and NaN', async () => {
    const probe = probeRows(gbt, x);
    expect(probe.nRows).toBeGreaterThan(2500);
    const expected = predict(gbt, probe);
    const actual = await runOnnx(toOnnx(gbt, {}), probe);
    expect(mismatches(expected, actual)).toEqual([]);
  });

  it('the parity check catches a perturbed leaf weight', async () => {
    const copy: TreeEnsemble = structuredClone(gbt);
    const tree = copy.trees[0]!;
    const leaf = tree.feature.indexOf(-1);
    tree.value[leaf] = tree.value[leaf]! + 0.01;
    const probe = probeRows(gbt, x);
    const bad = mismatches(predict(gbt, probe), await runOnnx(toOnnx(copy, {}), probe));
    expect(bad.length).toBeGreaterThan(0);
  });

  it('the parity check catches a threshold off by one float32 ulp', async () => {
    const copy: TreeEnsemble = structuredClone(gbt);
    const tree = copy.trees[0]!;
    const thr = tree.threshold[0]!;
    const below = new Float32Array([thr]);
    if (thr === 0) below[0] = -1e-45; // smallest negative subnormal
    else new Int32Array(below.buffer)[0]! += thr > 0 ? -1 : 1; // next float32 strictly below thr
    expect(below[0]!).toBeLessThan(thr);
    tree.threshold[0] = below[0]!;
    const probe = probeRows(gbt, x);
    const bad = mismatches(predict(gbt, probe), await runOnnx(toOnnx(copy, {}), probe));
    expect(bad.length).toBeGreaterThan(0);
  });

  it('writes metadata, opsets and the graph signature', () => {
    const bytes = toOnnx(gbt, { metadata: { run_id: 'r1', target: 'sales' }, producerName: 'test' });
    const m = onnx.ModelProto.decode(bytes);
    expect(Number(m.irVersion)).toBe(8);
    expect(m.producerName).toBe('test');
    expect(m.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17], ['ai.onnx.ml', 3]]);
    const meta = Object.fromEntries(m.metadataProps.map((p) => [p.key, p.value]));
    expect(meta).toEqual({ run_id: 'r1', target: 'sales', feature_names: JSON.stringify(['a', 'b', 'c', 'd', 'e', 'f']) });
    const g = m.graph!;
    if (!g.node || !g.input || !g.output) throw new Error('incomplete graph');
    expect(g.node.map((n) => [n.opType, n.domain])).toEqual([['TreeEnsembleRegressor', 'ai.onnx.ml']]);
    expect(g.input[0]!.name).toBe('input');
    expect(g.input[0]!.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['N', 6]);
    expect(g.output[0]!.name).toBe('variable');
    expect(Buffer.from(bytes).equals(Buffer.from(toOnnx(gbt, { metadata: { run_id: 'r1', target: 'sales' }, producerName: 'test' })))).toBe(true);
  });

  it('exports random forests (AVERAGE) with the same parity', async () => {
    const forest = trainForest(x, y, { nEstimators: 25, maxDepth: 8, maxLeaves: 64, minSamplesLeaf: 5, sampleFraction: 1, colsample: 0.7, maxBins: 64, seed: 4 });
    expect(forest.kind).toBe('forest');
    expect(forest.aggregate).toBe('AVERAGE');
    const probe = probeRows(forest, x);
    expect(mismatches(predict(forest, probe), await runOnnx(toOnnx(forest, {}), probe))).toEqual([]);
  });
});
