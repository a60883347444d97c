import { regressionMetrics, type MetricPolicy, type MetricSet } from './metrics.ts';

/**
 * A way to cut rows into groups: `key(i)` names the group of row `i` (for example a family, a
 * weekday or "perishable"). Slice definitions are domain code; this engine knows nothing of them.
 */
export interface SliceDefinition {
  /** Name of the dimension, e.g. "family". */
  name: string;
  key: (row: number) => string;
}

/** Metrics of one group of one dimension. */
export interface SliceMetrics {
  dimension: string;
  slice: string;
  metrics: MetricSet;
}

/**
 * Every metric per slice of every dimension, rows of each slice in their original order.
 * Dimensions come out in the order given, slices sorted by name (numerically when they are numbers).
 *
 * @example sliceMetrics(pred, actual, weights, [{ name: 'family', key: (i) => rows[i].family }], policy)
 */
export function sliceMetrics(
  pred: ArrayLike<number>,
  actual: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
  dimensions: readonly SliceDefinition[],
  policy: MetricPolicy,
): SliceMetrics[] {
  const out: SliceMetrics[] = [];
  for (const d of dimensions) {
    const groups = new Map<string, number[]>();
    for (let i = 0; i < actual.length; i += 1) {
      const k = d.key(i);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(i);
    }
    const names = [...groups.keys()].sort((a, b) => {
      const na = Number(a);
      const nb = Number(b);
      return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a < b ? -1 : a > b ? 1 : 0;
    });
    for (const name of names) {
      const idx = groups.get(name)!;
      const pick = (v: ArrayLike<number>) => Float64Array.from(idx, (i) => v[i]!);
      out.push({ dimension: d.name, slice: name, metrics: regressionMetrics(pick(pred), pick(actual), policy, weights ? pick(weights) : undefined) });
    }
  }
  return out;
}
