import { readJsonFile } from '@cd4ml/fs';
import { Gauge, Registry } from 'prom-client';
import { monitorReportSchema, type MonitorReport } from '../monitor/monitor-report.ts';

/**
 * Prometheus gauges of the latest monitor report, read from `reportPath` at every scrape (so the
 * `monitor` stage updates them by writing its report; nothing else to restart):
 *
 * - `cd4ml_monitor_report_up` 1 when the report was read and valid, else 0 (and nothing below);
 * - `cd4ml_monitor_report_timestamp_seconds` when it was generated;
 * - `cd4ml_monitor_alerts{model,model_version,kind}` alerts in the latest window;
 * - `cd4ml_monitor_window_rows{model,model_version,kind}` rows of the latest window (drift, accuracy);
 * - `cd4ml_monitor_drift_psi` and `cd4ml_monitor_drift_ks{model,model_version,column}` per feature and for
 *   `column="prediction"`, when the window had enough rows to be judged;
 * - `cd4ml_monitor_live_error{model,model_version,slice,metric}`, metric `primary`, `mae` or `bias`,
 *   slice `overall` or `dimension=value` (gated slices only), when judged;
 * - `cd4ml_monitor_bar{model,statistic}` the bars (`psi`, `ks`, `error`: the primary metric's, `bias`),
 *   so alert rules compare with the params file's figures instead of copying them.
 */
export function monitorMetrics(reportPath: string): { contentType: string; scrape: () => Promise<string> } {
  const registry = new Registry();
  const registers = [registry];
  const latest: { report?: MonitorReport } = {};
  const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge, r: MonitorReport) => void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      collect() {
        this.reset();
        if (latest.report) fill(this, latest.report);
      },
    });
  new Gauge({
    name: 'cd4ml_monitor_report_up',
    help: 'Whether the latest monitor report could be read and is valid',
    registers,
    collect() {
      this.set(latest.report ? 1 : 0);
    },
  });
  const ids = (r: MonitorReport) => ({ model: r.model.name, model_version: r.model.version });
  gauge('cd4ml_monitor_report_timestamp_seconds', 'When the latest monitor report was generated', [], (g, r) => g.set(Date.parse(r.generatedAt) / 1000));
  gauge('cd4ml_monitor_alerts', 'Alerts of the latest monitor window, by kind', ['model', 'model_version', 'kind'], (g, r) => {
    for (const kind of ['drift', 'accuracy'] as const) g.set({ ...ids(r), kind }, r.alerts.filter((a) => a.kind === kind).length);
  });
  gauge('cd4ml_monitor_window_rows', 'Rows of the latest monitor window: forecasts (drift) and joined actuals (accuracy)', ['model', 'model_version', 'kind'], (g, r) => {
    g.set({ ...ids(r), kind: 'drift' }, r.drift.rows);
    g.set({ ...ids(r), kind: 'accuracy' }, r.accuracy.rows);
  });
  const columns = (r: MonitorReport) => (r.drift.judged ? [...r.drift.features.map((c) => ({ column: c.name, c })), ...(r.drift.prediction ? [{ column: 'prediction', c: r.drift.prediction }] : [])] : []);
  gauge('cd4ml_monitor_drift_psi', 'Population stability index of each feature and of the predictions against the training profile', ['model', 'model_version', 'column'], (g, r) => {
    for (const { column, c } of columns(r)) if (Number.isFinite(c.psi)) g.set({ ...ids(r), column }, c.psi);
  });
  gauge('cd4ml_monitor_drift_ks', 'Kolmogorov-Smirnov statistic of each numeric feature and of the predictions', ['model', 'model_version', 'column'], (g, r) => {
    for (const { column, c } of columns(r)) if (c.ks !== undefined && Number.isFinite(c.ks)) g.set({ ...ids(r), column }, c.ks);
  });
  gauge('cd4ml_monitor_live_error', 'Live error on joined actuals: the primary metric, MAE and mean log bias, overall and per gated slice', ['model', 'model_version', 'slice', 'metric'], (g, r) => {
    if (!r.accuracy.judged || !r.accuracy.metrics) return;
    const groups = [{ slice: 'overall', m: r.accuracy.metrics }, ...r.accuracy.slices.filter((s) => s.gated).map((s) => ({ slice: `${s.dimension}=${s.slice}`, m: s.metrics }))];
    for (const { slice, m } of groups) {
      for (const [metric, key] of [['primary', r.model.primary], ['mae', 'mae'], ['bias', 'bias']] as const) {
        const v = m[key];
        if (v !== undefined && Number.isFinite(v)) g.set({ ...ids(r), slice, metric }, v);
      }
    }
  });
  gauge('cd4ml_monitor_bar', "The monitor's bars, from the params file", ['model', 'statistic'], (g, r) => {
    const s = r.settings;
    const reference = r.model.validation[r.model.primary] ?? Number.NaN;
    g.set({ model: r.model.name, statistic: 'psi' }, s.drift.maxPsi);
    g.set({ model: r.model.name, statistic: 'ks' }, s.drift.maxKs);
    g.set({ model: r.model.name, statistic: 'bias' }, s.accuracy.maxAbsBias);
    if (Number.isFinite(reference)) g.set({ model: r.model.name, statistic: 'error' }, Math.round(reference * s.accuracy.maxErrorRatio * 1e4) / 1e4);
  });
  return {
    contentType: registry.contentType,
    // The file is read once per scrape, before any gauge collects (prom-client collects them concurrently).
    scrape: async () => {
      latest.report = await readJsonFile(reportPath, monitorReportSchema, { what: 'monitor report' }).catch(() => undefined);
      return registry.metrics();
    },
  };
}
