import { SeededRandom } from '@cd4ml/random';
import type { Matrix } from './types.ts';

/**
 * Seeded synthetic regression data for tests and benchmarks:
 * `y = 3*x0 + 2*sin(x1) + 1.5*[x2 > 0.3] + noise`, extra columns are distractors, and
 * column 3 (when present) is constant.
 */
export function syntheticData(nRows: number, nCols: number, seed: number, noise = 0.1): { x: Matrix; y: Float64Array } {
  const rng = new SeededRandom(seed);
  const values = new Float32Array(nRows * nCols);
  const y = new Float64Array(nRows);
  for (let r = 0; r < nRows; r++) {
    const o = r * nCols;
    for (let c = 0; c < nCols; c++) values[o + c] = c === 3 ? 7 : rng.next() * 4 - 2;
    y[r] = 3 * values[o]! + 2 * Math.sin(values[o + 1]! * 2) + (values[o + 2]! > 0.3 ? 1.5 : 0) + noise * (rng.next() * 2 - 1);
  }
  return { x: { values, nRows, nCols }, y };
}

/** Rows `from..to-1` of a matrix/target pair. */
export function sliceRows(x: Matrix, y: Float64Array, from: number, to: number): { x: Matrix; y: Float64Array } {
  return { x: { values: x.values.slice(from * x.nCols, to * x.nCols), nRows: to - from, nCols: x.nCols }, y: y.slice(from, to) };
}
