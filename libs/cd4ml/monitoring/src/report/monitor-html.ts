import { dayNumber } from '@cd4ml/calendar';
import { barChart, escapeHtml, htmlReport, htmlTable, lineChart, type ReportSection, type Series } from '@cd4ml/report';
import { notJudgedReason, type MonitorReport } from '../monitor/monitor-report.ts';

const fmt = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : String(v));

/** The monitor's HTML page: verdict and alerts, live error and drift over time, the latest window in detail. */
export function monitorHtml(r: MonitorReport): string {
  const label = r.model.label;
  const first = [...r.series.daily.map((d) => d.day), ...r.series.drift.map((d) => d.to)].sort()[0];
  const x = (day: string) => (first ? dayNumber(day) - dayNumber(first) : 0);
  const xLabel = first ? `days since ${first}` : 'day';
  const versions = [...new Set(r.series.daily.map((d) => d.modelVersion))];
  const perVersion = (metric: string): Series[] =>
    versions.map((v) => ({ name: `model ${v}`, points: r.series.daily.filter((d) => d.modelVersion === v).map((d) => [x(d.day), d.metrics[metric] ?? Number.NaN] as const) }));
  const flat = (name: string, y: number, days: readonly string[]): Series => ({ name, points: days.length ? [[x(days[0]!), y], [x(days.at(-1)!), y]] : [] });
  const dailyDays = r.series.daily.map((d) => d.day);
  const errorBar = Math.round((r.model.validation[r.model.primary] ?? Number.NaN) * r.settings.accuracy.maxErrorRatio * 1e4) / 1e4;
  const sections: ReportSection[] = [];

  const verdict =
    r.alerts.length === 0
      ? `<p class="pass">No alert.</p>`
      : `<p class="fail">${r.alerts.length} alert(s): retrain the model.</p>` +
        htmlTable(['kind', 'subject', 'statistic', 'figure', 'bar', 'rows'], r.alerts.map((a) => [a.kind, a.subject, a.statistic, a.figure, a.bar, a.rows])) +
        `<ul>${r.alerts.map((a) => `<li>${escapeHtml(a.message)}</li>`).join('')}</ul>`;
  const windowText = r.window ? `${r.window.from}..${r.window.to}` : 'no data';
  sections.push({
    heading: `Verdict: ${r.status}`,
    html: `<p>Window ${escapeHtml(windowText)}: ${r.drift.rows} forecasts of model ${escapeHtml(r.model.version)} (drift ${r.drift.judged ? 'judged' : `not judged: ${escapeHtml(notJudgedReason(r, r.drift)!)}`}), ${r.accuracy.rows} joined actuals (accuracy ${r.accuracy.judged ? 'judged' : `not judged: ${escapeHtml(notJudgedReason(r, r.accuracy)!)}`}).</p>${verdict}`,
  });
  if (r.series.daily.length > 0) {
    sections.push({
      heading: 'Live error over time',
      html:
        lineChart([...perVersion(r.model.primary), flat(`bar ${errorBar}`, errorBar, dailyDays)], { title: `${label} per day`, xLabel, yLabel: label }) +
        lineChart([...perVersion('bias'), flat(`+${r.settings.accuracy.maxAbsBias}`, r.settings.accuracy.maxAbsBias, dailyDays), flat(`-${r.settings.accuracy.maxAbsBias}`, -r.settings.accuracy.maxAbsBias, dailyDays)], { title: 'mean log bias per day (negative: under-forecast)', xLabel, yLabel: 'bias' }) +
        lineChart(perVersion('mae'), { title: 'MAE per day', xLabel, yLabel: 'MAE' }),
    });
  }
  if (r.series.drift.length > 0) {
    const days = r.series.drift.map((d) => d.to);
    sections.push({
      heading: `Drift over time (rolling ${r.settings.windowDays}-day windows, model ${r.model.version})`,
      html:
        lineChart(
          [
            { name: 'prediction PSI', points: r.series.drift.map((d) => [x(d.to), d.predictionPsi] as const) },
            { name: 'largest feature PSI', points: r.series.drift.map((d) => [x(d.to), d.maxFeaturePsi] as const) },
            flat(`bar ${r.settings.drift.maxPsi}`, r.settings.drift.maxPsi, days),
          ],
          { title: 'PSI against the training profile', xLabel, yLabel: 'PSI' },
        ) + lineChart([{ name: 'prediction KS', points: r.series.drift.map((d) => [x(d.to), d.predictionKs] as const) }, flat(`bar ${r.settings.drift.maxKs}`, r.settings.drift.maxKs, days)], { title: 'KS statistic of the predictions', xLabel, yLabel: 'KS' }),
    });
  }
  const columns = [...r.drift.features, ...(r.drift.prediction ? [r.drift.prediction] : [])];
  if (columns.length > 0) {
    sections.push({
      heading: 'Drift in the latest window',
      html:
        barChart(
          columns.map((c) => ({ label: c.name, value: c.psi, highlight: c.psi > r.settings.drift.maxPsi })),
          { title: 'PSI per feature', reference: r.settings.drift.maxPsi, xLabel: `PSI (dashed: the bar ${r.settings.drift.maxPsi})` },
        ) + htmlTable(['column', 'kind', 'PSI', 'KS', 'p-value', 'Wasserstein (sd)'], columns.map((c) => [c.name, c.kind, c.psi, fmt(c.ks), fmt(c.pValue), fmt(c.wasserstein)])),
    });
  }
  if (r.accuracy.metrics) {
    const m = r.accuracy.metrics;
    sections.push({
      heading: 'Live accuracy in the latest window',
      html:
        htmlTable(['', label, 'MAE', 'bias', 'rows'], [['validation', r.model.validation[r.model.primary] ?? Number.NaN, r.model.validation['mae'] ?? Number.NaN, r.model.validation['bias'] ?? Number.NaN, r.model.validation['rows'] ?? 0], ['live', m[r.model.primary] ?? Number.NaN, m['mae'] ?? Number.NaN, m['bias'] ?? Number.NaN, m['rows'] ?? 0]]) +
        htmlTable(['dimension', 'slice', label, 'MAE', 'bias', 'rows', 'gated'], r.accuracy.slices.map((s) => [s.dimension, s.slice, s.metrics[r.model.primary] ?? Number.NaN, s.metrics['mae'] ?? Number.NaN, s.metrics['bias'] ?? Number.NaN, s.metrics['rows'] ?? 0, s.gated ? 'yes' : `no (< ${r.settings.accuracy.sliceMinRows})`])),
    });
  }
  const i = r.inputs;
  sections.push({
    heading: 'Inputs',
    html:
      `<p>${i.predictions} logged forecasts (${Object.entries(i.otherVersions).map(([v, c]) => `${c} of model ${escapeHtml(v)}`).join(', ') || 'all of the served model'}), ${i.actuals} actuals, ${i.joined} joined, ${i.unforecast} without a forecast, ${i.smokeTest} smoke-test forecasts left out, ${i.skippedLines} lines skipped.</p>` +
      htmlTable(['file'], [...i.predictionFiles, ...i.actualsFiles].map((f) => [f])) +
      (i.skipped.length ? htmlTable(['file', 'line', 'reason'], i.skipped.map((s) => [s.file, s.line, s.reason])) : ''),
  });
  return htmlReport(`Monitoring: ${r.model.name} ${r.model.version}`, sections, `generated ${r.generatedAt}; validation ${label} ${fmt(r.model.validation[r.model.primary])}`);
}
