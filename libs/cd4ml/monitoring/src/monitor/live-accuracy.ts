import { regressionMetrics, sliceMetrics, type MetricSet } from '@cd4ml/evaluation';
import type { JoinedRow } from '../log/join-actuals.ts';
import type { MonitorDomain } from './monitor-domain.ts';

/** Metrics of joined rows overall and per slice; a slice is gated when it has `sliceMinRows` rows. */
export function liveAccuracy(
  domain: MonitorDomain,
  rows: readonly JoinedRow[],
  sliceMinRows: number,
): { metrics: MetricSet; slices: { dimension: string; slice: string; gated: boolean; metrics: MetricSet }[] } {
  const pred = Float64Array.from(rows, (r) => r.predicted);
  const actual = Float64Array.from(rows, (r) => r.actual);
  const weights = domain.weight ? Float64Array.from(rows, (r) => domain.weight!(r.input)) : undefined;
  const metrics = roundSet(regressionMetrics(pred, actual, domain.policy, weights));
  const dims = domain.slices.map((s) => ({ name: s.name, key: (i: number) => s.key(rows[i]!.input) ?? '(unknown)' }));
  const slices = sliceMetrics(pred, actual, weights, dims, domain.policy).map((s) => ({ dimension: s.dimension, slice: s.slice, gated: (s.metrics['rows'] ?? 0) >= sliceMinRows, metrics: roundSet(s.metrics) }));
  return { metrics, slices };
}

/** Four significant decimals in reports: enough to compare with a bar, stable to read. */
export function roundSet(set: MetricSet): MetricSet {
  return Object.fromEntries(Object.entries(set).map(([k, v]) => [k, Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v]));
}
