/**
 * Regression metrics on plain arrays. All take predictions and actuals of the same length;
 * negative values are clipped to 0 before logarithms (count and quantity targets).
 */
type Values = ArrayLike<number>;

function check(pred: Values, actual: Values, weights?: Values): void {
  if (pred.length !== actual.length || (weights && weights.length !== actual.length)) {
    throw new RangeError(`length mismatch: ${pred.length} predictions, ${actual.length} actuals${weights ? `, ${weights.length} weights` : ''}`);
  }
  if (actual.length === 0) throw new RangeError('metrics need at least one row');
}

/** Root mean squared log error, sqrt( Σ wᵢ (ln(pᵢ+1) − ln(aᵢ+1))² / Σ wᵢ ); unweighted without `weights`. */
export function rmsle(pred: Values, actual: Values, weights?: Values): number {
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

/** Root mean squared error on the raw scale; weighted with `weights`. */
export function rmse(pred: Values, actual: Values, weights?: Values): number {
  check(pred, actual, weights);
  let num = 0;
  let den = 0;
  for (let i = 0; i < actual.length; i += 1) {
    const w = weights ? weights[i]! : 1;
    num += w * (pred[i]! - actual[i]!) ** 2;
    den += w;
  }
  return Math.sqrt(num / den);
}

/** Mean absolute error; weighted with `weights`. */
export function mae(pred: Values, actual: Values, weights?: Values): number {
  check(pred, actual, weights);
  let sum = 0;
  let den = 0;
  for (let i = 0; i < actual.length; i += 1) {
    const w = weights ? weights[i]! : 1;
    sum += w * Math.abs(pred[i]! - actual[i]!);
    den += w;
  }
  return sum / den;
}

/** Weighted absolute percentage error: Σ wᵢ|pᵢ − aᵢ| / Σ wᵢ|aᵢ|; NaN when every actual is 0 and some prediction is not. */
export function wape(pred: Values, actual: Values, weights?: Values): number {
  check(pred, actual, weights);
  let err = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i += 1) {
    const w = weights ? weights[i]! : 1;
    err += w * Math.abs(pred[i]! - actual[i]!);
    total += w * Math.abs(actual[i]!);
  }
  return total === 0 ? (err === 0 ? 0 : Number.NaN) : err / total;
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

/** The metrics a domain may choose as its primary metric, computed with its row weights. */
export const baseMetrics = { rmsle, rmse, mae, wape } as const;
export type BaseMetric = keyof typeof baseMetrics;

/**
 * How a domain scores its models: which metric its gates hold, under which name. A domain whose
 * errors matter more for some rows declares a weighted metric, e.g. `{ primary: 'wrmsle', base:
 * 'rmsle', ... }` with its row weights; a domain without weights can make `rmse` or `mae` primary.
 */
export interface MetricPolicy {
  /** The name gates, reports, run records and the registry use for the primary metric, e.g. "wrmsle". */
  primary: string;
  /** Which metric it is; it is computed with the domain's row weights. */
  base: BaseMetric;
  /** A sentence for reports, e.g. "RMSLE of daily rentals, weekend days weighing 2". */
  description: string;
  /** The figure's label in reports, e.g. "WRMSLE". @default primary */
  label?: string;
}

const RESERVED = new Set(['rmsle', 'rmse', 'mae', 'wape', 'bias', 'r2', 'rows']);

/**
 * Named metrics of one set of predictions: the primary metric under its domain name, then every
 * base metric unweighted, the mean log bias, R² and the row count.
 */
export type MetricSet = Record<string, number>;

/**
 * Every metric at once, the primary one under the name the policy gives it.
 *
 * @param weights row weights of the primary metric (the other metrics are unweighted)
 * @example regressionMetrics(pred, actual, policy, weights)[policy.primary]
 */
export function regressionMetrics(pred: Values, actual: Values, policy: MetricPolicy, weights?: Values): MetricSet {
  if (RESERVED.has(policy.primary) && (policy.primary !== policy.base || weights)) {
    throw new RangeError(`metric policy: "${policy.primary}" is the name of an unweighted metric; name the primary metric after what it is, e.g. "wrmsle"`);
  }
  return {
    [policy.primary]: baseMetrics[policy.base](pred, actual, weights),
    rmsle: rmsle(pred, actual),
    rmse: rmse(pred, actual),
    mae: mae(pred, actual),
    wape: wape(pred, actual),
    bias: meanLogBias(pred, actual),
    r2: r2(pred, actual),
    rows: actual.length,
  };
}

/** The primary metric of a set; throws when the set was computed under another policy. */
export function primaryOf(metrics: MetricSet, policy: Pick<MetricPolicy, 'primary'>): number {
  const value = metrics[policy.primary];
  if (value === undefined) throw new RangeError(`no metric "${policy.primary}" in this set (it has ${Object.keys(metrics).join(', ')})`);
  return value;
}
