import type { RegressionMetrics, SliceMetrics } from '@cd4ml/evaluation';
import { barChart, htmlReport, htmlTable, lineChart, scatterChart, type ReportSection } from '@cd4ml/report';
import type { ScoredArtifact } from './score-artifact.ts';

const SCATTER_POINTS = 2000;
const metricCols = ['NWRMSLE', 'RMSLE', 'MAE', 'WAPE', 'bias', 'R²', 'rows'];
const metricRow = (m: RegressionMetrics) => [m.nwrmsle, m.rmsle, m.mae, m.wape, m.bias, m.r2, m.rows];

/**
 * The evaluation page of one model: metrics against the baselines, every metric per slice,
 * predicted against actual, error by slice, feature importance and the learning curve.
 */
export function evaluationReport(s: ScoredArtifact, backtest?: readonly { fold: number; validStart: string; validEnd: string; model: number; seasonalNaive: number }[]): string {
  const { card } = s;
  const training = card.training as { learningCurve?: { iteration: number; trainRmse: number; validRmse?: number }[]; featureImportance?: Record<string, number> };
  const step = Math.max(1, Math.floor(s.actual.length / SCATTER_POINTS));
  const points: [number, number][] = [];
  for (let i = 0; i < s.actual.length; i += step) points.push([Math.log1p(s.actual[i]!), Math.log1p(s.pred[i]!)]);
  const byDimension = new Map<string, SliceMetrics[]>();
  for (const x of s.slices) byDimension.set(x.dimension, [...(byDimension.get(x.dimension) ?? []), x]);
  const curve = training.learningCurve ?? [];
  const importance = Object.entries(training.featureImportance ?? {}).sort((a, b) => b[1] - a[1]);
  const sections: ReportSection[] = [
    {
      heading: 'Overall, against the baselines (same rows)',
      html: htmlTable(['model', ...metricCols], [
        [`${card.name} ${card.modelVersion} (ONNX)`, ...metricRow(s.overall)],
        ['seasonal naive', ...metricRow(s.baselines.seasonalNaive)],
        ['item mean', ...metricRow(s.baselines.itemMean)],
      ]),
    },
    { heading: 'Predicted against actual (log1p units)', html: scatterChart(points, { title: 'Predicted against actual', xLabel: 'log1p(actual)', yLabel: 'log1p(predicted)', diagonal: true }) },
    ...[...byDimension].map(([dimension, slices]) => ({
      heading: `Error by ${dimension}`,
      html:
        barChart(
          slices.map((x) => ({ label: `${x.slice} (${x.metrics.rows})`, value: x.metrics.nwrmsle, highlight: x.metrics.nwrmsle > s.overall.nwrmsle })),
          { title: `NWRMSLE by ${dimension}`, reference: s.overall.nwrmsle },
        ) + htmlTable([dimension, ...metricCols], slices.map((x) => [x.slice, ...metricRow(x.metrics)])),
    })),
    { heading: 'Feature importance (total split gain)', html: barChart(importance.map(([label, value]) => ({ label, value })), { title: 'Feature importance' }) },
    {
      heading: 'Learning curve',
      html: lineChart(
        [
          { name: 'train RMSE', points: curve.map((e) => [e.iteration, e.trainRmse] as const) },
          { name: 'validation RMSE', points: curve.filter((e) => e.validRmse !== undefined).map((e) => [e.iteration, e.validRmse!] as const) },
        ],
        { title: 'Learning curve (log1p units)', xLabel: 'trees', yLabel: 'RMSE' },
      ),
    },
  ];
  if (backtest && backtest.length > 0) {
    sections.push({
      heading: 'Rolling backtest',
      html: htmlTable(['fold', 'validation window', 'model NWRMSLE', 'seasonal naive NWRMSLE'], backtest.map((b) => [b.fold, `${b.validStart} .. ${b.validEnd}`, b.model, b.seasonalNaive])),
    });
  }
  return htmlReport(`Evaluation: ${card.name} ${card.modelVersion}`, sections, `run ${card.runId}, data ${card.dataVersion.slice(0, 12)}, code ${card.code.commit.slice(0, 12)}${card.code.dirty ? ' (dirty)' : ''}`);
}
