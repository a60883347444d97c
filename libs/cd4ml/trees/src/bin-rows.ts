import { allocBinned, binInto, binSampleRows, boundsOfSample, type BinnedMatrix } from './bins.ts';
import { SeededRandom } from '@cd4ml/random';
import { checkInt } from './validate.ts';

/** Writes the features of row `row` into `out` at row `outRow` (row-major, `nCols` values per row). */
export type RowWriter = (row: number, out: Float32Array, outRow: number) => void;

/** Rows written per block: 64k rows of 21 features are a 5.5 MB float buffer. */
const BLOCK_ROWS = 65_536;

/**
 * Bins a feature matrix given row by row, without ever holding it as float32: the bin bounds come
 * from a seeded sample of the rows (written first), then every row is written into a small block
 * buffer and binned. With the `maxBins` and `seed` of the training params, training on the result
 * gives exactly the model that training on the float matrix gives.
 *
 * @param nRows number of rows
 * @param nCols number of features per row
 * @param write writes one row's features; called for the sampled rows, then for every row in order
 * @param options.maxBins maximum bins per feature, as in the training params (2..255)
 * @param options.seed the training params' seed
 * @returns a column-major uint8 {@link BinnedMatrix} (nRows * nCols bytes), for `trainGbt` / `trainForest`
 * @example
 * const x = binRows(rows.length, builder.nFeatures, (r, out, o) => builder.write(rows[r]!, out, o), params);
 * const model = trainGbt(x, y, params);
 */
export function binRows(nRows: number, nCols: number, write: RowWriter, options: { maxBins: number; seed: number }): BinnedMatrix {
  if (!(Number.isInteger(nRows) && nRows > 0 && Number.isInteger(nCols) && nCols > 0)) {
    throw new Error(`binRows: nRows and nCols must be positive integers, got ${nRows} x ${nCols}`);
  }
  checkInt('maxBins', options.maxBins, 2, 255);
  const sampled = binSampleRows(nRows, new SeededRandom(options.seed));
  const nSample = sampled ? sampled.length : nRows;
  const sample = { values: new Float32Array(nSample * nCols), nRows: nSample, nCols };
  for (let i = 0; i < nSample; i++) write(sampled ? sampled[i]! : i, sample.values, i);
  const data = allocBinned(nRows, boundsOfSample(sample, options.maxBins), options.maxBins, options.seed);
  if (!sampled) {
    binInto(data, sample, 0); // the sample is every row
    return data;
  }
  const block = { values: new Float32Array(Math.min(BLOCK_ROWS, nRows) * nCols), nRows: 0, nCols };
  for (let from = 0; from < nRows; from += BLOCK_ROWS) {
    block.nRows = Math.min(BLOCK_ROWS, nRows - from);
    for (let i = 0; i < block.nRows; i++) write(from + i, block.values, i);
    binInto(data, block, from);
  }
  return data;
}
