import type { MonitorReport } from '@cd4ml/monitoring';

/**
 * A monitor report of `model` in which onpromotion drifted (PSI 0.71 over the bar 0.2) while the
 * live error stays under its bar: the exporter's input in the Prometheus test. Written by hand, a
 * deliberate edge: the monitor that writes real reports is tested in @cd4ml/monitoring.
 */
export function driftedMonitorReport(model: { name: string; version: string }): MonitorReport {
  const window = { from: '2017-08-10', to: '2017-08-16' };
  const drift = (name: string, psi: number, ks: number) => ({ name, kind: 'numeric' as const, rows: 500, psi, ks, pValue: 0.001, wasserstein: 0.1 });
  return {
    reportVersion: 1,
    generatedAt: '2017-08-17T06:00:00.000Z',
    model: { name: model.name, version: model.version, primary: 'nwrmsle', label: 'NWRMSLE', validation: { nwrmsle: 0.365, mae: 2.1 } },
    settings: {
      windowDays: 7,
      minRows: 200,
      drift: { maxPsi: 0.2, maxKs: 0.15, ksAlpha: 0.01, ignore: [] },
      accuracy: { maxErrorRatio: 1.3, maxAbsBias: 0.2, sliceMinRows: 50 },
    },
    inputs: { predictionFiles: ['predictions.jsonl'], actualsFiles: ['actuals.jsonl'], predictions: 500, otherVersions: {}, actuals: 400, joined: 400, unforecast: 0, smokeTest: 0, skippedLines: 0, skipped: [] },
    status: 'alert',
    window,
    servedSince: '2017-08-01',
    drift: { rows: 500, judged: true, features: [drift('onpromotion', 0.71, 0.4), drift('item_mean_log', 0.03, 0.05)], prediction: drift('prediction', 0.08, 0.06) },
    accuracy: { rows: 400, judged: true, metrics: { nwrmsle: 0.41, mae: 2.3, bias: -0.05 }, slices: [] },
    series: { daily: [], drift: [] },
    alerts: [{ kind: 'drift', subject: 'feature onpromotion', statistic: 'psi', figure: 0.71, bar: 0.2, window, rows: 500, message: 'feature onpromotion drifted: PSI 0.71 > 0.2' }],
  };
}
