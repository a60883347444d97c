import { describe, expect, it } from 'vitest';
import { binRows } from './bin-rows.ts';
import { BIN_SAMPLE_SIZE } from './bins.ts';
import { defaultGbtParams } from './params.ts';
import { syntheticData } from './synthetic.ts';
import { toOnnx } from './to-onnx.ts';
import { trainGbt } from './train-gbt.ts';
import type { Matrix } from './types.ts';

/** A row writer over a float matrix, counting the rows it is asked for. */
function writerOf(x: Matrix): { write: (row: number, out: Float32Array, outRow: number) => void; calls: number[] } {
  const calls: number[] = [];
  const write = (row: number, out: Float32Array, outRow: number) => {
    calls.push(row);
    out.set(x.values.subarray(row * x.nCols, (row + 1) * x.nCols), outRow * x.nCols);
  };
  return { write, calls };
}

describe('binRows', () => {
  it.each([
    ['every row places the bounds', 5_000],
    ['a sample places the bounds', BIN_SAMPLE_SIZE + 1_000],
  ])('trains the same model as the float matrix (%s)', (_, nRows) => {
    const { x, y } = syntheticData(nRows, 4, 8);
    const params = { ...defaultGbtParams, nEstimators: 4, subsample: 0.8, seed: 9 };
    const { write, calls } = writerOf(x);
    const binned = binRows(x.nRows, x.nCols, write, params);
    expect(calls.length).toBe(nRows > BIN_SAMPLE_SIZE ? BIN_SAMPLE_SIZE + nRows : nRows);
    expect(binned.codes.length).toBe(nRows * 4);
    const fromFloat = toOnnx(trainGbt(x, y, params, { threads: 1 }));
    const fromBins = toOnnx(trainGbt(binned, y, params, { threads: 1 }));
    expect(Buffer.from(fromBins).equals(Buffer.from(fromFloat))).toBe(true);
  });

  it('refuses bins drawn with other params than the training ones', () => {
    const { x, y } = syntheticData(2_000, 3, 1);
    const binned = binRows(x.nRows, x.nCols, writerOf(x).write, { maxBins: 64, seed: 1 });
    expect(() => trainGbt(binned, y, { ...defaultGbtParams, maxBins: 64, seed: 2 })).toThrow(/seed 1.*bin it with the training params/);
    expect(() => binRows(10, 3, writerOf(x).write, { maxBins: 300, seed: 1 })).toThrow(/maxBins/);
  });
});
