import { primaryOf, type MetricSet, type SliceMetrics } from '@cd4ml/evaluation';
import type { ModelCard } from '@cd4ml/model-artifact';
import { barChart, htmlReport, htmlTable, lineChart, scatterChart, type ReportSection } from '@cd4ml/report';
import type { BacktestFold } from '@cd4ml/sales-schema';
import { baselineRules } from '../baselines/baselines.ts';

const SCATTER_POINTS = 2000;

/** One fold of a rolling backtest, scored: the model's primary metric against the reference baseline's. */
export interface BacktestResult extends BacktestFold {
  model: number;
  baseline: number;
}

/** What the evaluation page shows: the model's card and its predictions scored on the validation window. */
export interface EvaluationView {
  card: ModelCard;
  pred: ArrayLike<number>;
  actual: ArrayLike<number>;
  overall: MetricSet;
  baselines: Record<string, MetricSet>;
  slices: readonly SliceMetrics[];
}

/**
 * The evaluation page of one model: metrics against the baselines, every metric per slice,
 * predicted against actual, error by slice, feature importance and the learning curve.
 */
export function evaluationReport(s: EvaluationView, backtest?: readonly BacktestResult[]): string {
  const { card } = s;
  const m = card.metrics;
  const names = Object.keys(s.overall);
  const row = (set: MetricSet) => names.map((k) => set[k] ?? Number.NaN);
  const step = Math.max(1, Math.floor(s.actual.length / SCATTER_POINTS));
  const points: [number, number][] = [];
  for (let i = 0; i < s.actual.length; i += step) points.push([Math.log1p(s.actual[i]!), Math.log1p(s.pred[i]!)]);
  const byDimension = new Map<string, SliceMetrics[]>();
  for (const x of s.slices) byDimension.set(x.dimension, [...(byDimension.get(x.dimension) ?? []), x]);
  const curve = card.training.learningCurve;
  const importance = Object.entries(card.training.featureImportance).sort((a, b) => b[1] - a[1]);
  const overall = primaryOf(s.overall, m);
  const sections: ReportSection[] = [
    {
      heading: 'Overall, against the baselines (same rows)',
      html:
        htmlTable(['model', ...names], [[`${card.name} ${card.modelVersion} (ONNX)`, ...row(s.overall)], ...Object.entries(s.baselines).map(([name, set]) => [name, ...row(set)])]) +
        `<p>${m.label}: ${m.description}. Baselines: ${Object.keys(s.baselines)
          .map((b) => `<b>${b}</b>: ${baselineRules[b as keyof typeof baselineRules] ?? ''}`)
          .join('; ')}.</p>`,
    },
    { heading: 'Predicted against actual (log1p units)', html: scatterChart(points, { title: 'Predicted against actual', xLabel: 'log1p(actual)', yLabel: 'log1p(predicted)', diagonal: true }) },
    ...[...byDimension].map(([dimension, slices]) => ({
      heading: `Error by ${dimension}`,
      html:
        barChart(
          slices.map((x) => ({ label: `${x.slice} (${x.metrics['rows']})`, value: primaryOf(x.metrics, m), highlight: primaryOf(x.metrics, m) > overall })),
          { title: `${m.label} by ${dimension}`, reference: overall },
        ) + htmlTable([dimension, ...names], slices.map((x) => [x.slice, ...row(x.metrics)])),
    })),
    { heading: 'Feature importance (total split gain)', html: barChart(importance.map(([label, value]) => ({ label, value })), { title: 'Feature importance' }) },
    {
      heading: 'Learning curve',
      html: lineChart(
        [
          { name: 'train RMSE', points: curve.map((e) => [e.iteration, e.trainRmse] as const) },
          { name: 'early-stopping RMSE', points: curve.flatMap((e) => (e.validRmse === undefined ? [] : [[e.iteration, e.validRmse] as const])) },
        ],
        { title: 'Learning curve (log1p units)', xLabel: 'trees', yLabel: 'RMSE' },
      ),
    },
  ];
  if (backtest && backtest.length > 0) {
    sections.push({
      heading: 'Rolling backtest (folds written by ingest)',
      html: htmlTable(['fold', 'validation window', `model ${m.label}`, `${m.referenceBaseline} ${m.label}`], backtest.map((b) => [b.fold, `${b.validStart} .. ${b.validEnd}`, b.model, b.baseline])),
    });
  }
  const lineage = `run ${card.runId}, raw data ${card.rawDataVersion.slice(0, 12)}, processed data ${card.processedDataVersion.slice(0, 12)}, code ${card.code.commit.slice(0, 12)}${card.code.dirty ? ' (dirty)' : ''}`;
  return htmlReport(`Evaluation: ${card.name} ${card.modelVersion}`, sections, lineage);
}
