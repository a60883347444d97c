import { describe, expect, it } from 'vitest';
import { binIndex, binMatrix, computeBinBounds } from './bins.ts';
import { defaultGbtParams } from './params.ts';
import { SeededRandom } from '@cd4ml/random';
import { syntheticData } from './synthetic.ts';
import { trainGbt } from './train-gbt.ts';

describe('binning', () => {
  const { x } = syntheticData(5000, 4, 1);

  it('creates at most maxBins bins with strictly increasing float32 bounds', () => {
    for (const maxBins of [2, 16, 255]) {
      const bounds = computeBinBounds(x, maxBins, new SeededRandom(1));
      for (const [c, b] of bounds.entries()) {
        expect(b.length + 1).toBeLessThanOrEqual(maxBins);
        if (c !== 3) expect(b.length + 1).toBeGreaterThan(maxBins / 2);
        for (let i = 1; i < b.length; i++) expect(b[i]!).toBeGreaterThan(b[i - 1]!);
        for (const v of b) expect(Math.fround(v)).toBe(v);
      }
    }
  });

  it('uses sampled rows when n exceeds the sample size and stays within maxBins', () => {
    const bounds = computeBinBounds(x, 32, new SeededRandom(3), 500);
    for (const b of bounds.slice(0, 3)) expect(b.length).toBeLessThanOrEqual(31);
    expect(computeBinBounds(x, 32, new SeededRandom(3), 500)).toEqual(bounds);
  });

  it('puts one bin per distinct value with midpoints when there are few values', () => {
    const m = { values: Float32Array.from([1, 2, 2, 4, 1, 4]), nRows: 6, nCols: 1 };
    const [b] = computeBinBounds(m, 255, new SeededRandom(1));
    expect(Array.from(b!)).toEqual([1.5, 3]);
  });

  it('assigns bins exactly as the threshold comparison "fround(v) <= bound" does', () => {
    const bounds = computeBinBounds(x, 16, new SeededRandom(1));
    const b = bounds[0]!;
    const rng = new SeededRandom(9);
    const probes = [...b, ...Array.from(b, (v) => v + 1e-7), ...Array.from({ length: 2000 }, () => rng.next() * 5 - 2.5), -Infinity, Infinity];
    for (const v of probes) {
      const bin = binIndex(b, v);
      for (let k = 0; k < b.length; k++) expect(bin <= k).toBe(Math.fround(v) <= b[k]!);
    }
    expect(binIndex(b, Number.NaN)).toBe(0);
    const binned = binMatrix(x, bounds);
    // column-major: column 0 holds the first nRows codes
    for (let r = 0; r < 100; r++) expect(binned.codes[r]).toBe(binIndex(b, x.values[r * 4]!));
  });

  it('gives constant features a single bin, so they never split', () => {
    const bounds = computeBinBounds(x, 255, new SeededRandom(1));
    expect(bounds[3]!.length).toBe(0);
    const { x: tx, y } = syntheticData(3000, 4, 5);
    const model = trainGbt(tx, y, { ...defaultGbtParams, nEstimators: 20 });
    expect(model.featureImportance[3]).toBe(0);
    for (const t of model.trees) expect(t.feature).not.toContain(3);
  });
});
