import { primaryOf, type MetricPolicy, type MetricSet } from '@cd4ml/evaluation';
import type { MonitorSettings } from '../settings.ts';
import type { ColumnDrift } from './column-drift.ts';
import type { MonitorAlert } from './monitor-report.ts';

interface Where {
  window: { from: string; to: string };
  rows: number;
  /** What to do, e.g. the command that retrains. */
  hint: string;
}

const n = (v: number) => v.toLocaleString('en');
const span = (w: Where, what: string) => `over ${w.window.from}..${w.window.to} (${n(w.rows)} ${what})`;

/** Drift alerts of one window: PSI of every column, and KS (with its p-value) of numeric ones. */
export function driftAlerts(columns: readonly { subject: string; drift: ColumnDrift }[], s: MonitorSettings['drift'], w: Where): MonitorAlert[] {
  const alerts: MonitorAlert[] = [];
  for (const { subject, drift: d } of columns) {
    const base = { kind: 'drift' as const, subject, window: w.window, rows: w.rows };
    const why = 'live inputs no longer look like what the model was trained on';
    if (!(d.psi <= s.maxPsi)) {
      alerts.push({ ...base, statistic: 'psi', figure: d.psi, bar: s.maxPsi, message: `${subject}: PSI ${d.psi} ${span(w, 'forecasts')} is above the bar ${s.maxPsi}: ${why}. ${w.hint}` });
    }
    if (d.ks !== undefined && d.ks > s.maxKs && (d.pValue ?? 0) < s.ksAlpha) {
      alerts.push({
        ...base,
        statistic: 'ks',
        figure: d.ks,
        bar: s.maxKs,
        message: `${subject}: KS ${d.ks} (p ${d.pValue}) ${span(w, 'forecasts')} is above the bar ${s.maxKs} (at p < ${s.ksAlpha}): ${why}. ${w.hint}`,
      });
    }
  }
  return alerts;
}

/**
 * Live accuracy alerts: the primary metric above `maxErrorRatio` times the model's validation
 * figure, and a mean log bias beyond ±`maxAbsBias`, overall and for every gated slice.
 */
export function accuracyAlerts(
  groups: readonly { subject: string; metrics: MetricSet }[],
  policy: MetricPolicy,
  validation: MetricSet,
  s: MonitorSettings['accuracy'],
  w: Where,
): MonitorAlert[] {
  const label = policy.label ?? policy.primary;
  const reference = primaryOf(validation, policy);
  const bar = Math.round(reference * s.maxErrorRatio * 1e4) / 1e4;
  const alerts: MonitorAlert[] = [];
  for (const { subject, metrics } of groups) {
    const rows = metrics['rows'] ?? 0;
    const where = { ...w, rows };
    const base = { kind: 'accuracy' as const, subject, window: w.window, rows };
    const error = primaryOf(metrics, policy);
    if (!(error <= bar)) {
      alerts.push({
        ...base,
        statistic: policy.primary,
        figure: error,
        bar,
        message: `${subject}: ${label} ${error} ${span(where, 'actuals')} is above the bar ${bar} (${s.maxErrorRatio} × the validation figure ${reference}): the live error has grown. ${w.hint}`,
      });
    }
    const bias = metrics['bias'] ?? Number.NaN;
    if (!(Math.abs(bias) <= s.maxAbsBias)) {
      const direction = bias < 0 ? 'under-forecasts' : 'over-forecasts';
      alerts.push({
        ...base,
        statistic: 'bias',
        figure: bias,
        bar: s.maxAbsBias,
        message: `${subject}: mean log bias ${bias} ${span(where, 'actuals')} is beyond ±${s.maxAbsBias}: the model systematically ${direction}. ${w.hint}`,
      });
    }
  }
  return alerts;
}
