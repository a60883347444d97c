import { defaultGbtParams, predict, toOnnx, trainGbt } from '@cd4ml/trees';
import { describe, expect, it } from 'vitest';
import { onnxPredict, OnnxLoadError, OnnxRegressor } from './onnx-regressor.ts';

function smallModel() {
  const nRows = 400;
  const values = Float32Array.from({ length: nRows * 2 }, (_, i) => ((i * 7919) % 97) / 10);
  const y = Float64Array.from({ length: nRows }, (_, r) => values[r * 2]! * 2 - values[r * 2 + 1]!);
  const x = { values, nRows, nCols: 2 };
  return { x, model: trainGbt(x, y, { ...defaultGbtParams, nEstimators: 10 }) };
}

describe('OnnxRegressor', () => {
  it('predicts what the in-process model predicts, in one call or row by row', async () => {
    const { x, model } = smallModel();
    const expected = predict(model, x);
    const batch = await onnxPredict(toOnnx(model), x);
    expect(batch).toHaveLength(x.nRows);
    const regressor = await OnnxRegressor.load(toOnnx(model), 2);
    try {
      for (let r = 0; r < 5; r++) {
        const [one] = await regressor.run(x.values.subarray(r * 2, r * 2 + 2), 1);
        expect(one).toBeCloseTo(expected[r]!, 4);
      }
    } finally {
      await regressor.release();
    }
    for (let r = 0; r < x.nRows; r++) expect(batch[r]).toBeCloseTo(expected[r]!, 4);
  });

  it('refuses bytes that are not ONNX with a message that names the source', async () => {
    await expect(OnnxRegressor.load(new Uint8Array([1, 2, 3]), 2, 'dist/x/model.onnx')).rejects.toThrow(OnnxLoadError);
    await expect(OnnxRegressor.load(new Uint8Array([1, 2, 3]), 2, 'dist/x/model.onnx')).rejects.toThrow(/cannot load dist\/x\/model\.onnx/);
  });

  it('refuses a matrix shorter than the rows asked for', async () => {
    const { model } = smallModel();
    const regressor = await OnnxRegressor.load(toOnnx(model), 2);
    await expect(regressor.run(new Float32Array(3), 2)).rejects.toThrow(RangeError);
    await regressor.release();
  });
});
