import { escapeHtml, htmlReport, htmlTable, lineChart } from '@cd4ml/report';
import type { SimulationOptions, SimulationResult } from './simulate.ts';

/** The simulation's HTML report: live error over time per model version, the retrains, the alarms. */
export function simulationReport(app: string, o: SimulationOptions, r: SimulationResult): string {
  const primary = r.report.model.primary;
  const dayOf = new Map(r.days.map((d) => [d.date, d.day]));
  const versions = [...new Set(r.report.series.daily.map((d) => d.modelVersion))];
  const series = versions.map((v) => ({
    name: `model ${v}`,
    points: r.report.series.daily.filter((d) => d.modelVersion === v && dayOf.has(d.day)).map((d) => [dayOf.get(d.day)!, d.metrics[primary] ?? 0] as const),
  }));
  const chart = lineChart(series, { title: `live ${r.report.model.label} per day (change on day ${o.changeDay})`, xLabel: 'day of production', yLabel: r.report.model.label });
  const alarms = r.days.filter((d) => d.alerts.length > 0).map((d) => [d.day, d.date, d.modelVersion, d.alerts.join('; ')]);
  const retrains = r.days
    .filter((d) => d.release ?? d.refused)
    .map((d) => [d.day, d.date, d.release ? `released ${d.release.id}: model ${d.release.modelVersion} (${d.release.seconds}s)` : `refused: ${d.refused!}`]);
  const world = Object.entries(o.domain).map(([k, v]) => `${k} ${v}`).join(', ');
  return htmlReport(`Production simulation of ${app}`, [
    { heading: 'Live error over time', html: chart },
    { heading: 'Retrains (the pipeline on the fed-back actuals: released, or refused by its gates)', html: retrains.length ? htmlTable(['day', 'date', 'outcome'], retrains) : '<p>none</p>' },
    { heading: 'Alarms', html: alarms.length ? htmlTable(['day', 'date', 'model', 'alerts'], alarms) : '<p>none</p>' },
  ], escapeHtml(`${o.weeks} weeks${world ? `, ${world}` : ''}, seed ${o.seed}; ${o.change} change x${o.factor} from day ${o.changeDay}; detected on day ${r.detectedDay ?? 'never'}; recovered on day ${r.recoveredDay ?? 'never'}; ${r.seconds}s`));
}
