import { dayNumber, isoDate } from '@cd4ml/calendar';
import type { SkippedLine } from '../log/read-json-lines.ts';
import type { JoinedRow } from '../log/join-actuals.ts';
import type { LoggedPrediction } from '../log/prediction-log.ts';
import type { MonitorSettings } from '../settings.ts';
import { accuracyAlerts, driftAlerts } from './alerts.ts';
import { liveAccuracy, roundSet } from './live-accuracy.ts';
import type { MonitorDomain, MonitoredModel } from './monitor-domain.ts';
import { MONITOR_REPORT_VERSION, type MonitorReport } from './monitor-report.ts';
import { windowDrift } from './window-drift.ts';
import { regressionMetrics } from '@cd4ml/evaluation';

/** What the monitor judges: the served model, its traffic and the outcomes joined to it. */
export interface MonitorInput {
  domain: MonitorDomain;
  settings: MonitorSettings;
  model: MonitoredModel;
  predictions: readonly LoggedPrediction[];
  joined: readonly JoinedRow[];
  /** The last day of the window; default: the latest day of the served model's forecasts or actuals. */
  asOf?: string;
  /** Where the inputs came from, for the report. */
  sources: { predictionFiles: string[]; actualsFiles: string[]; actuals: number; unforecast: number; smokeTest?: number; skipped: readonly SkippedLine[] };
  /** @default now */
  generatedAt?: string;
}

/** How many skipped lines the report quotes (all are counted). */
const QUOTED_SKIPS = 20;

/**
 * The monitor: drift of the served model's traffic against its training profile, and its live
 * accuracy on the joined actuals, over the latest window of `windowDays`; alerts where a bar is
 * crossed; and the series over time (daily error of every model version, rolling drift) for the
 * report. Only the served model's forecasts are compared with its profile: an earlier release's
 * features were built with another model's statistics.
 */
export function runMonitor(o: MonitorInput): MonitorReport {
  const { domain, settings, model } = o;
  const current = o.predictions.filter((p) => p.modelVersion === model.version);
  const currentJoined = o.joined.filter((r) => r.modelVersion === model.version);
  const otherVersions: Record<string, number> = {};
  for (const p of o.predictions) if (p.modelVersion !== model.version) otherVersions[p.modelVersion] = (otherVersions[p.modelVersion] ?? 0) + 1;
  let last = o.asOf ?? '';
  if (!o.asOf) for (const r of [...current, ...currentJoined]) if (r.day > last) last = r.day;
  const window = last ? { from: isoDate(dayNumber(last) - settings.windowDays + 1), to: last } : null;
  const inWindow = <T extends { day: string }>(rows: readonly T[]) => (window ? rows.filter((r) => r.day >= window.from && r.day <= window.to) : []);

  // A model is judged once it has served the whole window: in the days right after a deploy the
  // window holds a part week, whose mix of weekdays alone looks like drift.
  let servedSince: string | null = null;
  for (const r of current) if (servedSince === null || r.day < servedSince) servedSince = r.day;
  const fullWindow = window !== null && servedSince !== null && servedSince <= window.from;

  const hint = domain.retrainHint;
  const driftRows = inWindow(current);
  const driftJudged = fullWindow && driftRows.length >= settings.minRows;
  const drift = driftRows.length > 0 ? windowDrift(model, driftRows, settings.drift.ignore) : undefined;
  const accRows = inWindow(currentJoined);
  const accJudged = fullWindow && accRows.length >= settings.minRows;
  const accuracy = accRows.length > 0 ? liveAccuracy(domain, accRows, settings.accuracy.sliceMinRows) : undefined;

  const alerts = [];
  if (window && drift && driftJudged) {
    // The predictions' drift is always measured and reported; naming the prediction in `ignore`
    // keeps it from alarming (a seasonal output: a window is always one season).
    const prediction = settings.drift.ignore.includes(drift.prediction.name) ? [] : [{ subject: `prediction ${drift.prediction.name}`, drift: drift.prediction }];
    const columns = [...drift.features.map((d) => ({ subject: `feature ${d.name}`, drift: d })), ...prediction];
    alerts.push(...driftAlerts(columns, settings.drift, { window, rows: driftRows.length, hint }));
  }
  if (window && accuracy && accJudged) {
    const groups = [{ subject: 'overall', metrics: accuracy.metrics }, ...accuracy.slices.filter((s) => s.gated).map((s) => ({ subject: `slice ${s.dimension}=${s.slice}`, metrics: s.metrics }))];
    alerts.push(...accuracyAlerts(groups, domain.policy, model.validation, settings.accuracy, { window, rows: accRows.length, hint }));
  }

  return {
    reportVersion: MONITOR_REPORT_VERSION,
    generatedAt: o.generatedAt ?? new Date().toISOString(),
    model: { name: model.name, version: model.version, primary: domain.policy.primary, label: domain.policy.label ?? domain.policy.primary, validation: roundSet(model.validation) },
    settings,
    inputs: {
      predictionFiles: o.sources.predictionFiles,
      actualsFiles: o.sources.actualsFiles,
      predictions: o.predictions.length,
      otherVersions,
      actuals: o.sources.actuals,
      joined: o.joined.length,
      unforecast: o.sources.unforecast,
      smokeTest: o.sources.smokeTest ?? 0,
      skippedLines: o.sources.skipped.length,
      skipped: o.sources.skipped.slice(0, QUOTED_SKIPS),
    },
    status: alerts.length > 0 ? 'alert' : driftJudged || accJudged ? 'ok' : 'insufficient-data',
    window,
    servedSince,
    drift: { rows: driftRows.length, judged: driftJudged, features: drift?.features ?? [], prediction: drift?.prediction ?? null },
    accuracy: { rows: accRows.length, judged: accJudged, metrics: accuracy?.metrics ?? null, slices: accuracy?.slices ?? [] },
    series: { daily: dailySeries(domain, o.joined), drift: driftSeries(model, current, settings) },
    alerts,
  };
}

/** Live error per day and model version, over every joined row. */
function dailySeries(domain: MonitorDomain, joined: readonly JoinedRow[]): MonitorReport['series']['daily'] {
  const groups = new Map<string, JoinedRow[]>();
  for (const r of joined) {
    const k = `${r.day} ${r.modelVersion}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  }
  return [...groups]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([, rows]) => {
      const weights = domain.weight ? Float64Array.from(rows, (r) => domain.weight!(r.input)) : undefined;
      const metrics = roundSet(regressionMetrics(Float64Array.from(rows, (r) => r.predicted), Float64Array.from(rows, (r) => r.actual), domain.policy, weights));
      return { day: rows[0]!.day, modelVersion: rows[0]!.modelVersion, rows: rows.length, metrics };
    });
}

/** Drift of the rolling window ending on each day of the served model's traffic (the prediction, and the most moved feature). */
function driftSeries(model: MonitoredModel, current: readonly LoggedPrediction[], settings: MonitorSettings): MonitorReport['series']['drift'] {
  const byDay = new Map<string, LoggedPrediction[]>();
  for (const p of current) {
    let g = byDay.get(p.day);
    if (!g) byDay.set(p.day, (g = []));
    g.push(p);
  }
  const days = [...byDay.keys()].sort();
  return days.map((to) => {
    const from = isoDate(dayNumber(to) - settings.windowDays + 1);
    const rows = days.filter((d) => d >= from && d <= to).flatMap((d) => byDay.get(d)!);
    const d = windowDrift(model, rows, settings.drift.ignore);
    const top = d.features.reduce((a, b) => (b.psi > a.psi ? b : a), d.features[0] ?? d.prediction);
    return { to, rows: rows.length, predictionPsi: d.prediction.psi, predictionKs: d.prediction.ks ?? Number.NaN, maxFeaturePsi: top.psi, maxFeature: top.name };
  });
}
