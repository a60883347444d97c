/**
 * Regression metrics on plain arrays. All take predictions and actuals of the same length;
 * negative values are clipped to 0 before logarithms, as Kaggle's Favorita scoring did.
 */
type Values = ArrayLike<number>;

function check(pred: Values, actual: Values, weights?: Values): void {
  if (pred.length !== actual.length || (weights && weights.length !== actual.length)) {
    throw new RangeError(`length mismatch: ${pred.length} predictions, ${actual.length} actuals${weights ? `, ${weights.length} weights` : ''}`);
  }
  if (actual.length === 0) throw new RangeError('metrics need at least one row');
}

/** sqrt( Σ wᵢ (ln(pᵢ+1) − ln(aᵢ+1))² / Σ wᵢ ); with Favorita's weights (1.25 perishable, else 1) this is NWRMSLE. */
export function weightedRmsle(pred: Values, actual: Values, weights?: Values): number {
  check(pred, actual, weights);
  let num = 0;
  let den = 0;
  for (let i = 0; i < actual.length; i += 1) {
    const w = weights ? weights[i]! : 1;
    const d = Math.log1p(Math.max(0, pred[i]!)) - Math.log1p(Math.max(0, actual[i]!));
    num += w * d * d;
    den += w;
  }
  return Math.sqrt(num / den);
}

export function mae(pred: Values, actual: Values): number {
  check(pred, actual);
  let sum = 0;
  for (let i = 0; i < actual.length; i += 1) sum += Math.abs(pred[i]! - actual[i]!);
  return sum / actual.length;
}

/** Weighted absolute percentage error: Σ|p − a| / Σ|a|. */
export function wape(pred: Values, actual: Values): number {
  check(pred, actual);
  let err = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i += 1) {
    err += Math.abs(pred[i]! - actual[i]!);
    total += Math.abs(actual[i]!);
  }
  return total === 0 ? (err === 0 ? 0 : Infinity) : err / total;
}

/** Mean signed error in log space, ln(p+1) − ln(a+1): negative means under-forecasting. */
export function meanLogBias(pred: Values, actual: Values): number {
  check(pred, actual);
  let sum = 0;
  for (let i = 0; i < actual.length; i += 1) sum += Math.log1p(Math.max(0, pred[i]!)) - Math.log1p(Math.max(0, actual[i]!));
  return sum / actual.length;
}

/** Coefficient of determination on the raw scale. */
export function r2(pred: Values, actual: Values): number {
  check(pred, actual);
  let mean = 0;
  for (let i = 0; i < actual.length; i += 1) mean += actual[i]!;
  mean /= actual.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < actual.length; i += 1) {
    ssRes += (actual[i]! - pred[i]!) ** 2;
    ssTot += (actual[i]! - mean) ** 2;
  }
  return ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
}

export interface RegressionMetrics {
  nwrmsle: number;
  rmsle: number;
  mae: number;
  wape: number;
  bias: number;
  r2: number;
  rows: number;
}

/** Every metric at once; `weights` feed the weighted RMSLE. */
export function regressionMetrics(pred: Values, actual: Values, weights?: Values): RegressionMetrics {
  return {
    nwrmsle: weightedRmsle(pred, actual, weights),
    rmsle: weightedRmsle(pred, actual),
    mae: mae(pred, actual),
    wape: wape(pred, actual),
    bias: meanLogBias(pred, actual),
    r2: r2(pred, actual),
    rows: actual.length,
  };
}
