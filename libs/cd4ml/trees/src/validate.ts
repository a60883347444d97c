import type { BinnedMatrix } from './bins.ts';
import type { ForestParams, GbtParams, Matrix } from './types.ts';

/** Throws unless `x`/`y` are consistent, non-empty and `y` is finite; returns feature names. */
export function checkData(x: Matrix | BinnedMatrix, y: ArrayLike<number>, featureNames?: string[]): string[] {
  if (x.nRows <= 0 || x.nCols <= 0) throw new Error('train: empty matrix');
  const cells = 'codes' in x ? x.codes.length : x.values.length;
  if (cells !== x.nRows * x.nCols) throw new Error(`train: ${'codes' in x ? 'codes' : 'values'}.length !== nRows * nCols`);
  if (y.length !== x.nRows) throw new Error(`train: y has ${y.length} rows, x has ${x.nRows}`);
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw new Error(`train: y[${i}] is not finite`);
  const names = featureNames ?? Array.from({ length: x.nCols }, (_, i) => `f${i}`);
  if (names.length !== x.nCols) throw new Error(`train: ${names.length} feature names for ${x.nCols} columns`);
  return [...names];
}

/** Throws unless `v` is an integer within [min, max]. */
export function checkInt(name: string, v: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`train: ${name} must be an integer in [${min}, ${max}], got ${v}`);
}

/** Throws unless `v` is within (0, 1]. */
export function checkFraction(name: string, v: number): void {
  if (!(v > 0 && v <= 1)) throw new Error(`train: ${name} must be in (0, 1], got ${v}`);
}

/** Root mean squared error of `pred` against `y`. */
export function rmse(pred: Float64Array, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < pred.length; i++) {
    const d = pred[i]! - y[i]!;
    s += d * d;
  }
  return Math.sqrt(s / pred.length);
}

/** Throws on the first invalid field of `p`. */
export function checkGbtParams(p: GbtParams): void {
  checkTreeParams(p);
  checkInt('earlyStoppingRounds', p.earlyStoppingRounds, 0);
  checkFraction('subsample', p.subsample);
  if (!(p.learningRate > 0)) throw new Error('train: learningRate must be > 0');
  if (!(p.lambdaL2 >= 0)) throw new Error('train: lambdaL2 must be >= 0');
}

/** Throws on the first invalid field of `p`. */
export function checkForestParams(p: ForestParams): void {
  checkTreeParams(p);
  checkFraction('sampleFraction', p.sampleFraction);
}

function checkTreeParams(p: GbtParams | ForestParams): void {
  checkInt('nEstimators', p.nEstimators, 0);
  checkInt('maxDepth', p.maxDepth, 1);
  checkInt('maxLeaves', p.maxLeaves, 2);
  checkInt('minSamplesLeaf', p.minSamplesLeaf, 1);
  checkInt('maxBins', p.maxBins, 2, 255);
  checkFraction('colsample', p.colsample);
}
